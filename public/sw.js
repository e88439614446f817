// Shebao's service worker: the app shell offline, nothing else.
//
// - install: precache the shell (the list below is written by `cargo xtask build` from the
//   build output, with content-hashed names; it is never edited by hand);
// - hashed assets: cache-first (a name never changes its content);
// - navigations: the cached shell, so every route opens with no network;
// - /api/, /healthz, /dev/, vouchers, proofs: straight to the network, never cached;
// - a new version waits until the page asks for it (the user's tap), then takes over.
// - Background Sync ("shebao-outbox"): wakes the open app to run its sync engine.
// The outbox lives in IndexedDB and is driven by the app, not by this worker.

const VERSION = /*VERSION*/'dev';
const PRECACHE = /*PRECACHE*/[];
const CACHE = 'shebao-shell-' + VERSION;
const SHELL = '/index.html';

const isDynamic = (path) =>
  path.startsWith('/api/') || path === '/healthz' || path.startsWith('/dev/') ||
  path.startsWith('/voucher') || path.startsWith('/verify/') ||
  path === '/proof' || path.startsWith('/verify-proof/');

// A content-hashed name (`app-4835e66d0fb40173.wasm`) can come from the HTTP cache — the page
// has usually just downloaded it; anything else is fetched fresh.
const isHashed = (path) => /-[0-9a-f]{16}\.[a-z]+$/.test(path);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: isHashed(url) ? 'default' : 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith('shebao-shell-') && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// The browser fires this when the network returns after the app registered a sync (Chromium).
// The outbox and its engine live in the page: tell every open window to sync now. With no
// window open nothing is lost; the items go at the next start.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'shebao-outbox') return;
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((windows) => {
    for (const w of windows) w.postMessage({ type: 'shebao-sync' });
  }));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isDynamic(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(shell(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

async function shell(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(SHELL)) || fetch(request);
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) || fetch(request);
}
