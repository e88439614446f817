// Starts the app and registers the service worker. No inline script is allowed by the CSP, so
// this small module is the page's only script besides the wasm-bindgen glue.
// The agency's screens (review desk, audit log, back office) are a second bundle: residents' and employers'
// phones never download it. Both bundles are the whole app; the address picks one (a test in
// app/src/routes.rs keeps this rule and `Route::is_staff` in step).
const STAFF = /^\/(review|admin|office)(\/|$)/.test(window.location.pathname);

// 长辈模式 (app/src/pages/settings.rs), applied before the first paint.
try {
  if (localStorage.getItem('shebao.elder') === '1') document.documentElement.classList.add('elder');
} catch (_) { /* storage disabled: the normal size */ }

// Screens in wasm modules loaded on first use (app/src/split.rs), by first path segment (a test
// in app/src/routes.rs keeps this table and `Route::split_group` in step), and each group's
// files (written by `cargo xtask build`). A first visit straight to such a screen fetches its
// modules beside the main one instead of after it.
const SPLIT = { register: 'forms', 'employer-register': 'forms', enrolment: 'forms', 'base-declaration': 'forms', separation: 'forms', certify: 'forms', 'injury-report': 'forms', unemployment: 'forms', 'medical-claim': 'forms', newborn: 'forms', 'person-change': 'forms', 'unit-change': 'forms', login: 'common', agreement: 'common', privacy: 'common', 'verify-phone': 'common', 'forgot-password': 'common', addresses: 'common', 'employer-status': 'common', 'my-records': 'common', unit: 'common', profile: 'common', drafts: 'common', sync: 'common', settings: 'common', notices: 'common', help: 'common', contact: 'common' };
const SPLIT_FILES = /*SPLIT_FILES*/{};
if (!STAFF) {
  for (const href of SPLIT_FILES[SPLIT[window.location.pathname.split('/')[1]]] || []) {
    // Matches the loader's own `fetch` (same origin, credentials), so the download is reused.
    const link = document.createElement('link');
    Object.assign(link, { rel: 'preload', as: 'fetch', type: 'application/wasm', crossOrigin: 'anonymous', href });
    document.head.appendChild(link);
  }
}

// The worker is registered once the app has started (or failed to): its install precaches the
// shell, and on a first visit over a slow link that download would compete with the page's own
// for the same bytes; afterwards the hashed files come from the HTTP cache. It registers even
// if the wasm failed, so the next visit can work offline.
function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').then((registration) => {
    // A worker that is installed while another controls the page is a new version waiting for
    // the user's tap (see app/src/state/update.rs).
    const announce = (worker) => {
      window.shebaoUpdateReady = true;
      window.shebaoApplyUpdate = () => {
        window.shebaoUpdateRequested = true;
        worker.postMessage({ type: 'SKIP_WAITING' });
      };
      window.dispatchEvent(new CustomEvent('shebao:update-ready'));
    };
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => {});
    });
  }).catch(() => {});
  // Background Sync, relayed by the worker: run the app's sync engine.
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'shebao-sync') window.dispatchEvent(new CustomEvent('shebao:sync'));
  });
  // Reload only when the user asked for the new version; the first install also changes the
  // controller (clients.claim) and must not reload.
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading || !window.shebaoUpdateRequested) return;
    reloading = true;
    window.location.reload();
  });
}

const start = STAFF
  ? import('/staff.js').then((glue) => glue.default({ module_or_path: '/staff.wasm' }))
  : import('/app.js').then((glue) => glue.default({ module_or_path: '/app.wasm' }));
start.catch((error) => {
  console.error('Shebao failed to start', error);
  const note = document.getElementById('boot-error');
  if (note) note.hidden = false;
}).finally(registerWorker);
