// Through a faulty network: answers cut after the server committed, requests dropped before it
// saw them, an upload cut half-way — and a soak of 300 filings through all of that. Every
// filing must end up on the server exactly once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startProxy, sha256 } from './proxy.mjs';
import { noisePng } from './images.mjs';
import {
  ARTIFACTS, UNIT, fillEnrolment, idNumber, launchPhone, signInWorker, startServer, storedFilings, thisMonth, waitForDeviceDb, waitForServiceWorker,
} from './support.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

/** A field worker's phone (enrolments are never filed anonymously) behind a faulty link. */
async function setUp() {
  const server = await startServer({ worker: true });
  cleanups.push(server.stop);
  const proxy = await startProxy(server.port);
  cleanups.push(proxy.close);
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await signInWorker(page, proxy.url, '/enrolment');
  await waitForServiceWorker(page);
  await waitForDeviceDb(page);
  return { server, proxy, page };
}

/** Taps 重试 until the filing is accepted (each tap is one more attempt). */
async function retryUntilAccepted(page, attempts = 20) {
  for (let i = 0; i < attempts; i++) {
    if (await page.locator('[data-testid=filing-status][data-state=accepted]').count()) return;
    const retry = page.locator('[data-testid=filing-status] button');
    if (await retry.count()) await retry.click().catch(() => {});
    await page.waitForTimeout(400);
  }
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 10_000 });
}

const syncRequests = (proxy) => proxy.stats.forwarded.filter((f) => f.url === '/api/sync');

test('an answer lost after the commit: the retry gets the original receipt, one row', async () => {
  const { server, proxy, page } = await setUp();
  let syncs = 0;
  proxy.setDecide((req) => (req.url === '/api/sync' && ++syncs === 1 ? 'cut' : 'pass'));
  await fillEnrolment(page, { id: idNumber(201), name: '赵六' });
  await page.getByTestId('submit').click();
  await retryUntilAccepted(page);
  assert.equal(proxy.stats.cut, 1, 'the first answer was cut after the commit');
  const receipt = await page.getByTestId('receipt').innerText();
  const rows = await storedFilings(server.url);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].receipt_no, receipt, 'the retry got the original receipt');
  const sent = syncRequests(proxy);
  assert.ok(sent.length >= 2, 'the filing reached the server at least twice');
  const ids = new Set(sent.map((s) => JSON.parse(s.body).items[0].client_id));
  assert.equal(ids.size, 1, 'with one client id');
});

test('a filing submitted while another is being sent goes right after it, not at the next timer', async () => {
  const { server, proxy, page } = await setUp();
  // The first filing's request is held at the proxy (a slow link), so its pass is still running
  // when the second filing is submitted.
  let syncs = 0;
  let arrived;
  const first = new Promise((r) => { arrived = r; });
  let release;
  const held = new Promise((r) => { release = r; });
  proxy.setDecide((req) => {
    if (req.url !== '/api/sync' || ++syncs > 1) return 'pass';
    arrived();
    return held.then(() => 'pass');
  });
  await fillEnrolment(page, { id: idNumber(211), name: '周九' });
  await page.getByTestId('submit').click();
  await first;
  // A new form in the same page (the pass goes on), filled and submitted.
  await page.locator('a.brand').click();
  await page.locator('a.tile[href="/enrolment"]').click();
  await fillEnrolment(page, { id: idNumber(212), name: '吴十' });
  await page.getByTestId('submit').click();
  await page.locator('[data-testid=filing-status][data-state=waiting]').waitFor();
  release();
  // No backoff and no timer is due for two minutes: only the request made during the pass
  // sends it now.
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 20_000 });
  const receipt = await page.getByTestId('receipt').innerText();
  const rows = await storedFilings(server.url);
  assert.equal(rows.length, 2, 'both filings, once each');
  assert.ok(rows.some((r) => r.receipt_no === receipt), 'the second one among them');
  assert.equal(syncs, 2, 'one request for each filing');
});

test('an upload cut half-way resumes with the missing chunks only; the server copy hashes right', async () => {
  const { server, proxy, page } = await setUp();
  let puts = 0;
  let dropNext = false;
  proxy.setDecide((req) => {
    if (req.method === 'PUT' && ++puts === 2) { dropNext = true; return 'cut'; } // stored, answer lost
    if (dropNext) { dropNext = false; return 'drop'; } // the next request never arrives
    return 'pass';
  });
  await page.locator('#id_copy-file').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: noisePng(1400, 1000) });
  await page.locator('[data-slot=id_copy] img.photo-preview').waitFor();
  await fillEnrolment(page, { id: idNumber(202), name: '钱七' });
  await page.getByTestId('submit').click();
  await retryUntilAccepted(page);
  await page.screenshot({ path: join(ARTIFACTS, 'upload-resumed-360x800.png'), fullPage: true });

  const chunkPuts = proxy.stats.forwarded.filter((f) => f.method === 'PUT');
  const sha = chunkPuts[0].url.split('/')[3];
  const perIndex = new Map();
  for (const p of chunkPuts) perIndex.set(p.url, (perIndex.get(p.url) || 0) + 1);
  assert.ok(perIndex.size >= 3, `the photo spans several chunks (${perIndex.size})`);
  for (const [url, n] of perIndex) assert.equal(n, 1, `${url} reached the server once: only missing chunks are resent`);
  const copy = Buffer.from(await (await fetch(`${server.url}/dev/attachments/${sha}`)).arrayBuffer());
  assert.equal(sha256(copy), sha, "the server's copy hashes to its name");
  assert.equal(chunkPuts.reduce((n, p) => n + p.bytes, 0), copy.length, 'no byte reached the server twice');
  assert.ok(copy.length <= 300 * 1024 + 1, `re-encoded on the device to ≤ 300 KB (${copy.length})`);
  assert.equal((await storedFilings(server.url)).length, 1);
  const bar = page.locator('[data-testid=upload-progress]');
  assert.equal(await bar.getAttribute('value'), await bar.getAttribute('max'), 'the progress bar ends full');
});

/**
 * Puts `n` frozen enrolment filings straight into the device's outbox, as the app stores them:
 * waiting, or — with `backoffMs` — as a failure leaves them: retrying with `lastError`, due only
 * after `backoffMs` (all but the first with `firstDue`).
 */
async function injectFilings(page, n, month, { firstId = 300, backoffMs = null, lastError = UNREACHABLE, firstDue = false } = {}) {
  const ids = Array.from({ length: n }, (_, i) => idNumber(firstId + i));
  await waitForDeviceDb(page);
  return page.evaluate(async ({ ids, month, backoffMs, lastError, firstDue, unit }) => {
    const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const stems = '甲乙丙丁戊己庚辛壬癸';
    const items = [];
    for (const [i, id] of ids.entries()) {
      const draft = { id_number: id, name: '王' + stems[i % 10] + stems[Math.floor(i / 10) % 10], mobile: '', card_number: '', region: '320102', start_month: month, monthly_base: '6000', insurances: ['pension', 'medical'], credit_code: unit };
      const payload = JSON.stringify(draft);
      const now = Date.now();
      items.push({
        client_id: crypto.randomUUID(), kind: 'enrolment', payload,
        content_hash: hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(payload))),
        attachments: [], version_of: null, draft_id: crypto.randomUUID(), title: draft.name, created_at: now,
        state: 'waiting', attempts: 0, next_attempt_at: now, last_error: null, receipt_no: null,
        accepted_at: null, errors: null, updated_at: now,
      });
      if (backoffMs !== null) {
        Object.assign(items[i], {
          state: 'retrying', attempts: 6, next_attempt_at: i === 0 && firstDue ? now : now + backoffMs, last_error: lastError,
        });
      }
    }
    // Every way this can go wrong settles the promise: an unsettled one would hang the test.
    await new Promise((resolve, reject) => {
      const open = indexedDB.open('shebao');
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new Error('opening the device database was blocked'));
      open.onsuccess = () => {
        try {
          const tx = open.result.transaction('outbox', 'readwrite');
          for (const item of items) tx.objectStore('outbox').add(item);
          tx.oncomplete = () => { open.result.close(); resolve(); };
          tx.onabort = () => { open.result.close(); reject(tx.error || new Error('the outbox write was aborted')); };
        } catch (e) {
          open.result.close();
          reject(e);
        }
      };
    });
    return items.map((i) => ({ client_id: i.client_id, content_hash: i.content_hash }));
  }, { ids, month, backoffMs, lastError, firstDue, unit: UNIT.code });
}

const UNREACHABLE = { code: 'unreachable', zh: '网络不通，将自动重试', en: 'No connection; will retry automatically' };
const BUSY = { code: 'unavailable', zh: '服务暂时不可用，将自动重试', en: 'The service is unavailable for now; it will be retried' };

/**
 * Leaves the app for a page of the same origin that runs no app (so nothing syncs while the
 * outbox is written behind its back), injects, and opens `path`.
 */
async function injectQuietly(page, proxy, path, n, options) {
  await page.goto(proxy.url + '/healthz');
  const injected = await injectFilings(page, n, thisMonth(), options);
  await page.goto(proxy.url + path);
  return injected;
}

/** How many outbox items are in each state, with their last errors: what a failed soak shows. */
async function outboxStates(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('shebao');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      let get;
      try {
        get = open.result.transaction('outbox').objectStore('outbox').getAll();
      } catch (e) {
        open.result.close();
        reject(e);
        return;
      }
      get.onsuccess = () => {
        const counts = {};
        for (const item of get.result) {
          const key = `${item.state}${item.last_error ? ' (' + item.last_error.code + ')' : ''}`;
          counts[key] = (counts[key] || 0) + 1;
        }
        open.result.close();
        resolve(counts);
      };
      get.onerror = () => reject(get.error);
    };
  }));
}

test('soak: 300 filings through drops and cuts — 0 lost, 0 duplicated, 0 unexpected', async () => {
  const { server, proxy, page } = await setUp();
  const injected = await injectFilings(page, 300, thisMonth());
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  proxy.setDecide((req) => {
    if (req.url !== '/api/sync') return 'pass';
    const r = random();
    return r < 0.3 ? 'drop' : r < 0.6 ? 'cut' : 'pass';
  });
  await page.goto(proxy.url + '/sync');
  await page.getByTestId('unsent').getByText('300').waitFor();
  const now = page.getByTestId('sync-now');
  // Tap 立即同步 until nothing is left (each pass stops at its first failed request, as the app
  // does when the network goes): bounded by time, not by a count of taps, so a slow machine
  // gets as long as a fast one.
  const deadline = Date.now() + 240_000;
  let passes = 0;
  while ((await page.getByTestId('unsent').innerText()) !== '0' && Date.now() < deadline) {
    await now.click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=sync-now]').disabled);
    passes += 1;
  }
  const requests = syncRequests(proxy).length + proxy.stats.dropped;
  const unsent = await page.getByTestId('unsent').innerText();
  assert.equal(unsent, '0', `all sent after ${passes} passes, ${requests} requests; outbox: ${JSON.stringify(await outboxStates(page))}`);

  const rows = await storedFilings(server.url);
  const expected = new Map(injected.map((i) => [i.client_id, i.content_hash]));
  const lost = injected.filter((i) => !rows.some((r) => r.client_id === i.client_id));
  const duplicated = rows.length - new Set(rows.map((r) => r.client_id)).size;
  const unexpected = rows.filter((r) => expected.get(r.client_id) !== r.content_hash);
  console.log(`soak: ${injected.length} filings, ${passes} passes, ${requests} requests, ${proxy.stats.dropped} dropped, ${proxy.stats.cut} cut after commit; lost ${lost.length}, duplicated ${duplicated}, unexpected ${unexpected.length}`);
  assert.equal(lost.length, 0, 'lost');
  assert.equal(duplicated, 0, 'duplicated');
  assert.equal(unexpected.length, 0, 'unexpected');
  assert.equal(rows.length, 300);
  assert.ok(proxy.stats.dropped > 0 && proxy.stats.cut > 0, 'the faults really happened');
});

test('opened after an outage, what waited only for the network goes at once, in full batches', async () => {
  const { server, proxy, page } = await setUp();
  const injected = await injectQuietly(page, proxy, '/sync', 50, { firstId: 700, backoffMs: 10 * 60_000 });
  // No tap, nothing due for ten minutes: the server answers the app's first probe, and what
  // failed only for want of a network goes now.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=outbox] li[data-state=accepted]').length === 50, null, { timeout: 30_000 });
  const rows = await storedFilings(server.url);
  assert.deepEqual(new Set(rows.map((r) => r.client_id)), new Set(injected.map((i) => i.client_id)));
  const sizes = syncRequests(proxy).map((f) => JSON.parse(f.body).items.length);
  assert.ok(sizes.length <= 3, `50 items in batches of at most 20: ${sizes}`);
});

test('after a busy server, what waits out its backoff goes with the first due item', async () => {
  const { server, proxy, page } = await setUp();
  const injected = await injectQuietly(page, proxy, '/sync', 50, { firstId: 800, backoffMs: 10 * 60_000, lastError: BUSY, firstDue: true });
  // The server asked these to wait, so opening the app does not send them early — but once the
  // one due item is accepted, the server is no longer busy, and the other 49 go in that pass.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=outbox] li[data-state=accepted]').length === 50, null, { timeout: 30_000 });
  const rows = await storedFilings(server.url);
  assert.deepEqual(new Set(rows.map((r) => r.client_id)), new Set(injected.map((i) => i.client_id)));
  const sizes = syncRequests(proxy).map((f) => JSON.parse(f.body).items.length);
  assert.equal(sizes[0], 1, `the due item first: ${sizes}`);
  assert.ok(sizes.length <= 4, `1 due item, then 49 in batches of at most 20: ${sizes}`);
});
