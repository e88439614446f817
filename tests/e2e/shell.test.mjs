// The installable shell: it loads online, is taken over by the service worker, renders with no
// network at all (and says 离线), notices the network coming back (在线), and tells "the phone
// says online but the server is unreachable" apart from real reachability.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, launchPhone, netState, startServer, waitForSavedDraft, waitForServiceWorker } from './support.mjs';

const cleanups = [];

async function waitUntil(check, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}
after(async () => { for (const c of cleanups.reverse()) await c(); });

test('offline reload renders the cached shell and reports 离线, then 在线 when restored', async () => {
  const server = await startServer();
  cleanups.push(server.stop);
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());

  await page.goto(server.url + '/');
  await assert.doesNotReject(netState(page).getByText('在线').waitFor());
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await netState(page).getByText('离线').waitFor();
  // The live app rendered (not only the static skeleton): its home tiles are there.
  await page.locator('.tile-title').first().waitFor();
  // Nobody is signed in: register, log in, verify phone, employer registration and status,
  // drafts, sync, help — no unit business (enrolment is filed by a unit or the agency).
  assert.equal(await page.locator('.tile-title').count(), 8);
  await page.screenshot({ path: join(ARTIFACTS, 'offline-shell-360x800.png') });

  // A deep link opens offline too: every navigation gets the cached shell.
  await page.goto(server.url + '/settings');
  await page.locator('h1').waitFor();
  await netState(page).getByText('离线').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'offline-settings-360x800.png') });

  await context.setOffline(false);
  await netState(page).getByText('在线').waitFor();
});

test('a screen whose module never reached the phone says so, retries on a tap, and opens once the server answers again', async () => {
  const server = await startServer();
  cleanups.push(server.stop);
  // No service worker: the link drops before one could have stored the modules loaded on first use.
  const { context, page } = await launchPhone({ serviceWorkers: 'block' });
  cleanups.push(() => context.close());
  let blocked = true;
  let attempts = 0;
  await page.route(/\/(split|chunk)_[^/]*\.wasm$/, (route) => {
    if (!blocked) return route.continue();
    attempts += 1;
    return route.abort('internetdisconnected');
  });
  await page.goto(server.url + '/');
  await netState(page).getByText('在线').waitFor();

  await page.locator('a.tile', { hasText: '个人用户注册' }).click();
  const notice = page.getByTestId('not-downloaded');
  await notice.getByText('此页面还未下载').waitFor();
  assert.ok(attempts >= 1, 'the module was asked for');
  await page.screenshot({ path: join(ARTIFACTS, 'not-downloaded-360x800.png') });

  // A failed load is not remembered: the tap fetches again (and fails again).
  const before = attempts;
  await notice.getByRole('button').click();
  await waitUntil(() => attempts > before);
  await notice.waitFor();
  // The status bar and the home link still work: the app did not die with the module.
  await netState(page).getByText('在线').waitFor();

  // Out of reach, then back: the screen opens by itself, no tap.
  await context.setOffline(true);
  await netState(page).getByText('离线').waitFor();
  blocked = false;
  await context.setOffline(false);
  await netState(page).getByText('在线').waitFor();
  await page.locator('#id_number').waitFor();
  assert.equal(await notice.count(), 0);
});

test('the shell works before the common module arrives; what the device holds shows once it does', async () => {
  const server = await startServer();
  cleanups.push(server.stop);
  // No service worker, so every module comes over the network (as on a first visit).
  const { context, page } = await launchPhone({ serviceWorkers: 'block' });
  cleanups.push(() => context.close());
  await page.goto(server.url + '/enrolment');
  await page.locator('#name').fill('赵六');
  await waitForSavedDraft(page, '赵六');

  // The module with the background work (the device store, sync, the other screens): first
  // refused, then held until the test lets it through.
  let mode = 'refuse';
  let asked = 0;
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(/\/split_common-[^/]*\.wasm$/, async (route) => {
    asked += 1;
    if (mode === 'refuse') return route.abort('internetdisconnected');
    await released;
    return route.continue();
  });
  await page.goto(server.url + '/');
  // The shell alone: the live home screen, the network state, the sync badge.
  await netState(page).getByText('在线').waitFor();
  await page.locator('.tile-title').first().waitFor();
  await page.getByTestId('sync-badge').waitFor();
  await waitUntil(() => asked >= 1);
  assert.equal(await page.locator('.continue').count(), 0, 'the draft is not known without the module');

  // Out of reach and back: the module is asked for again by itself (held this time) …
  mode = 'hold';
  await context.setOffline(true);
  await netState(page).getByText('离线').waitFor();
  await context.setOffline(false);
  await netState(page).getByText('在线').waitFor();
  await waitUntil(() => asked >= 2);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.continue').count(), 0);
  // … and once it arrives, the work that waited for it runs: the draft is offered.
  release();
  await page.locator('.continue', { hasText: '赵六' }).waitFor();
});

test('a server that stops answering is 离线 even while the phone reports a link', async () => {
  const first = await startServer();
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(first.url + '/');
  await netState(page).getByText('在线').waitFor();
  await waitForServiceWorker(page);

  await first.stop();
  await page.reload();
  assert.equal(await page.evaluate(() => navigator.onLine), true, 'the browser still claims a link');
  await netState(page).getByText('离线').waitFor();

  // The same server comes back on the same port: the badge follows without a reload.
  const again = await startServer({ port: first.port, dataDir: first.dataDir });
  cleanups.push(again.stop);
  await netState(page).getByText('在线').waitFor({ timeout: 40_000 });
});

test('the interface follows the browser language and remembers a switch', async () => {
  const server = await startServer();
  cleanups.push(server.stop);
  const { context, page } = await launchPhone({ locale: 'en-US' });
  cleanups.push(() => context.close());
  await page.goto(server.url + '/');
  await netState(page).getByText('Online').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  await page.goto(server.url + '/settings');
  await page.locator('[data-lang="zh"]').click();
  await netState(page).getByText('在线').waitFor();
  await page.reload();
  await page.locator('h1', { hasText: '设置' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
});

test('an idle app makes only a handful of requests (no request storms)', async () => {
  const server = await startServer();
  cleanups.push(server.stop);
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  const api = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/') || path === '/healthz') api.push(`${r.method()} ${path}`);
  });
  await page.goto(server.url + '/enrolment');
  await netState(page).getByText('在线').waitFor();
  await page.waitForTimeout(5_000);
  const counts = {};
  for (const r of api) counts[r] = (counts[r] || 0) + 1;
  for (const [request, n] of Object.entries(counts)) assert.ok(n <= 2, `${request} was made ${n} times in 5 s of idling`);
  assert.ok(api.length <= 6, `at most a few calls while idle: ${JSON.stringify(counts)}`);
});
