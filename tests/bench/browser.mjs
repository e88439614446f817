// Browser-side figures for `cargo xtask bench`: headless Chromium driven over the DevTools
// protocol against the real (release) server. Prints one JSON object per figure on stdout
// (figures.mjs). Times are measured, never asserted.
import { fillEnrolment, idNumber, launchPhone, startServer, thisMonth, waitForServiceWorker } from '../e2e/support.mjs';
import { startProxy } from '../e2e/proxy.mjs';
import { noisePng } from '../e2e/images.mjs';
import { out } from './figures.mjs';
import { device, filings } from './protocol.mjs';


async function fresh() {
  const server = await startServer();
  const { context, page } = await launchPhone();
  return { server, context, page, done: async () => { await context.close(); await server.stop(); } };
}

const measures = (page, name) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);

/** Per keystroke: the main thread's work for one typed character — the input handler, the
 * rules re-run, the reactive updates and the DOM changes, and the style/layout they force. */
async function typing() {
  const { server, page, done } = await fresh();
  await page.goto(server.url + '/enrolment');
  await page.locator('#name').waitFor();
  const times = await page.evaluate(async () => {
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const result = [];
    for (const [id, text] of [['id_number', '320102199003071239'], ['name', '阿依古丽买买提'], ['monthly_base', '6000.50']]) {
      const input = document.getElementById(id);
      input.value = '';
      for (const ch of text) {
        await new Promise((r) => requestAnimationFrame(() => r()));
        const t0 = performance.now();
        input.value += ch;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await settle();
        void document.body.offsetHeight;
        result.push(performance.now() - t0);
      }
    }
    return result;
  });
  out('keystroke: validate + render + layout', 'ms', times, 16);
  // Autosave is debounced (300 ms): pause longer than that after each key to get one write each.
  const input = page.locator('#card_number');
  for (const ch of 'A12345678901') {
    await input.press(ch === ch.toUpperCase() && /[A-Z]/.test(ch) ? `Shift+${ch}` : ch);
    await page.waitForTimeout(400);
  }
  out('autosave: draft written to IndexedDB', 'ms', await measures(page, 'shebao:draft-save'), 16);
  await done();
}

/** Submitting: the strict-durability transaction that freezes a filing into the outbox. */
async function commits(n = 15) {
  const { server, page, done } = await fresh();
  const times = [];
  for (let i = 0; i < n; i++) {
    await page.goto(server.url + '/enrolment');
    await fillEnrolment(page, { id: idNumber(500 + i), name: '王小明' });
    await page.getByTestId('submit').click();
    await page.getByTestId('filing-status').waitFor();
    times.push(...(await measures(page, 'shebao:submit')));
  }
  out('outbox commit (strict durability)', 'ms', times, 100);
  await done();
}

/** Puts frozen filings or drafts straight into the device store (as the app stores them). */
async function inject(page, store, n) {
  return page.evaluate(async ({ store, n, month, ids }) => {
    const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const records = [];
    for (let i = 0; i < n; i++) {
      const draft = { id_number: ids[i], name: '王小明', mobile: '', card_number: '', region: '320102', start_month: month, monthly_base: '6000', insurances: ['pension', 'medical'] };
      const data = JSON.stringify(draft);
      const now = Date.now() - i;
      if (store === 'drafts') {
        records.push({ id: crypto.randomUUID(), kind: 'enrolment', data, title: '王小明' + i, attachments: [], created_at: now, updated_at: now, frozen_as: null, version_of: null, deleted_at: null });
      } else {
        records.push({ client_id: crypto.randomUUID(), kind: 'enrolment', payload: data, content_hash: hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(data))), attachments: [], version_of: null, draft_id: crypto.randomUUID(), title: '王小明', created_at: now, state: 'waiting', attempts: 0, next_attempt_at: now, last_error: null, receipt_no: null, accepted_at: null, errors: null, updated_at: now });
      }
    }
    await new Promise((resolve, reject) => {
      const open = indexedDB.open('shebao');
      open.onsuccess = () => {
        const tx = open.result.transaction(store, 'readwrite');
        for (const r of records) tx.objectStore(store).put(r);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, { store, n, month: thisMonth(), ids: Array.from({ length: n }, (_, i) => idNumber(i)) });
}

/** Opening the drafts page with 1,000 drafts on the device (in-app navigation). */
async function draftsPage(runs = 5) {
  const { server, page, done } = await fresh();
  await page.goto(server.url + '/');
  await page.locator('a[href="/drafts"]').first().waitFor();
  await inject(page, 'drafts', 1000);
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(server.url + '/');
    await page.locator('a[href="/drafts"]').first().waitFor();
    times.push(await page.evaluate(async () => {
      const t0 = performance.now();
      document.querySelector('a.tile[href="/drafts"]').click();
      while (document.querySelectorAll('[data-testid=drafts] li').length < 1000) await new Promise((r) => setTimeout(r, 5));
      return performance.now() - t0;
    }));
  }
  out('drafts page with 1,000 drafts', 'ms', times, null);
  await done();
}

/** 100 queued filings synced at 250 kbps / 300 ms RTT; bytes on the wire per filing. */
async function sync100(runs = 3) {
  const times = [];
  const perFiling = [];
  for (let r = 0; r < runs; r++) {
    const { server, context, page, done } = await fresh();
    await page.goto(server.url + '/sync');
    await page.getByTestId('sync-now').waitFor();
    await inject(page, 'outbox', 100);
    await page.reload();
    await page.getByTestId('unsent').getByText('100').waitFor({ timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    const syncRequests = new Set();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!e.request.url.endsWith('/api/sync')) return;
      syncRequests.add(e.requestId);
      bytes += (e.request.postData || '').length + JSON.stringify(e.request.headers).length;
    });
    cdp.on('Network.loadingFinished', (e) => { if (syncRequests.has(e.requestId)) bytes += e.encodedDataLength; });
    const kbps = 250 * 1000 / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: kbps, uploadThroughput: kbps });
    const t0 = Date.now();
    await page.getByTestId('sync-now').click();
    await page.getByTestId('unsent').getByText(/^0$/).waitFor({ timeout: 120_000 });
    times.push((Date.now() - t0) / 1000);
    perFiling.push(bytes / 100);
    await done();
  }
  out('sync 100 queued filings at 250 kbps / 300 ms RTT', 's', times, 10);
  out('bytes on the wire per filing (request + response)', 'B', perFiling, 1536);
}

/** A photo's upload cut mid-way (the second chunk stored but its answer lost, the next request
 * dropped), then resumed by taps on 重试: the bytes that reached the server more than once. */
async function uploadCut(runs = 3) {
  const resent = [];
  for (let r = 0; r < runs; r++) {
    const server = await startServer();
    const proxy = await startProxy(server.port);
    const { context, page } = await launchPhone();
    let puts = 0;
    let dropNext = false;
    proxy.setDecide((req) => {
      if (req.method === 'PUT' && ++puts === 2) { dropNext = true; return 'cut'; }
      if (dropNext) { dropNext = false; return 'drop'; }
      return 'pass';
    });
    await page.goto(proxy.url + '/enrolment');
    await waitForServiceWorker(page);
    await page.locator('#id_copy-file').setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: noisePng(1400, 1000) });
    await page.locator('[data-slot=id_copy] img.photo-preview').waitFor();
    await fillEnrolment(page, { id: idNumber(400 + r), name: '钱七' });
    await page.getByTestId('submit').click();
    const accepted = page.locator('[data-testid=filing-status][data-state=accepted]');
    for (let i = 0; i < 30 && !(await accepted.count()); i++) {
      const retry = page.locator('[data-testid=filing-status] button');
      if (await retry.count()) await retry.click().catch(() => {});
      await page.waitForTimeout(400);
    }
    await accepted.waitFor({ timeout: 10_000 });
    const chunks = proxy.stats.forwarded.filter((f) => f.method === 'PUT');
    const sha = chunks[0].url.split('/')[3];
    const stored = (await (await fetch(`${server.url}/dev/attachments/${sha}`)).arrayBuffer()).byteLength;
    resent.push(chunks.reduce((n, c) => n + c.bytes, 0) - stored);
    await context.close();
    await proxy.close();
    await server.stop();
  }
  out('photo upload cut mid-way: bytes that reached the server twice', 'B', resent, 0);
}

/** Records, from the page's own clock, when the form's first input exists (the wasm has run and
 * rendered it with its handlers attached: it accepts input) — or, on the home screen, its first
 * live tile (the static skeleton's tiles are not links). Installed before any page script. */
const markReady = () => {
  new MutationObserver((_, observer) => {
    if (document.getElementById('id_number') || (location.pathname === '/' && document.querySelector('a.tile'))) {
      window.__shebaoReady = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function throttle(context, page, network) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (network) {
    await cdp.send('Network.enable');
    const bytesPerS = 400 * 1000 / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: bytesPerS, uploadThroughput: bytesPerS });
  }
  return cdp;
}

async function readiness(page) {
  await page.waitForFunction(() => window.__shebaoReady !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => ({
    paint: performance.getEntriesByName('first-paint')[0]?.startTime ?? NaN,
    ready: window.__shebaoReady,
    // Where the time went: each file's download, from the page's resource timing.
    files: performance.getEntriesByType('resource').map((e) => ({
      name: e.name.split('/').pop(), bytes: e.transferSize, start: e.startTime, end: e.responseEnd,
    })),
  }));
}

/** A new phone opens `url` at 400 kbps / 400 ms RTT and 4× CPU; resolves when it is ready. */
async function coldVisit(url) {
  const { context, page } = await launchPhone();
  await context.addInitScript(markReady);
  const cdp = await throttle(context, page, true);
  await page.goto(url, { timeout: 60_000 });
  return { context, page, cdp, first: await readiness(page) };
}

/** A first visit (empty cache) at 400 kbps / 400 ms RTT and 4× CPU slowdown: first paint of the
 * static skeleton, and the time until the enrolment form accepts input. Then the same phone
 * starts the app again with no network at all, from the service worker's cache, still at 4×.
 * Last, first visits to the home screen (which needs none of the modules loaded on first use). */
async function firstVisit(runs = 3) {
  const server = await startServer();
  const paint = [];
  const ready = [];
  const offline = [];
  const wasmDone = [];
  for (let r = 0; r < runs; r++) {
    const { context, page, cdp, first } = await coldVisit(server.url + '/enrolment');
    paint.push(first.paint);
    ready.push(first.ready);
    const wasm = first.files.find((f) => f.name.endsWith('.wasm'));
    if (wasm) wasmDone.push(wasm.end);
    if (r === 0) {
      console.error('first visit, where the time went (ms since navigation):');
      for (const f of first.files) console.error(`  ${f.name.padEnd(40)} ${String(f.bytes).padStart(7)} B  ${f.start.toFixed(0).padStart(6)} → ${f.end.toFixed(0).padStart(6)}`);
      console.error(`  first paint ${first.paint.toFixed(0)}, form accepts input ${first.ready.toFixed(0)}`);
    }
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const again = await context.newPage();
    await page.close();
    await throttle(context, again, false);
    await again.goto(server.url + '/enrolment', { timeout: 60_000 });
    offline.push((await readiness(again)).ready);
    await context.close();
  }
  await server.stop();
  out('first visit: skeleton painted (400 kbps/400 ms, 4× CPU)', 'ms', paint, null);
  out('first visit: wasm downloaded (400 kbps/400 ms, 4× CPU)', 'ms', wasmDone, null);
  out('first visit: form accepts input (400 kbps/400 ms, 4× CPU)', 'ms', ready, 5000);
  out('repeat start offline: form accepts input (4× CPU)', 'ms', offline, 1000);

  const server2 = await startServer();
  const home = [];
  for (let r = 0; r < runs; r++) {
    const { context, first } = await coldVisit(server2.url + '/');
    home.push(first.ready);
    await context.close();
  }
  await server2.stop();
  out('first visit to the home screen: tiles accept taps (400 kbps/400 ms, 4× CPU)', 'ms', home, null);
}

/** 办理凭证: the server renders a voucher (its QR code included), Chromium prints it to A4. */
async function voucherPdf(runs = 10) {
  const { server, page, done } = await fresh();
  const [item] = filings(900, 1);
  const stats = { accepted: 0, resent: 0, duplicateAnswers: 0, refused: [] };
  await device(server.url, [item], stats);
  if (stats.accepted !== 1) throw new Error(`voucherPdf: the filing was not accepted: ${JSON.stringify(stats)}`);
  const render = [];
  const pdf = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await page.goto(`${server.url}/voucher/${item.client_id}`);
    await page.locator('[data-testid=qr]').evaluate((img) => img.decode());
    const t1 = performance.now();
    await page.pdf({ format: 'A4', printBackground: true });
    pdf.push(performance.now() - t1);
    render.push(t1 - t0);
  }
  await done();
  out('voucher: page loaded with its QR code', 'ms', render, null);
  out('voucher: printed to an A4 PDF by Chromium', 'ms', pdf, null);
}

const which = process.argv.slice(2);
const all = { firstVisit, typing, commits, draftsPage, sync100, uploadCut, voucherPdf };
for (const [name, run] of Object.entries(all)) {
  if (which.length && !which.includes(name)) continue;
  await run();
}
