// A new version never replaces the running one by itself: it waits, the app shows 「有新版本」,
// and the switch happens on the user's tap.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchPhone, siteCopy, startServer, waitForServiceWorker } from './support.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

/** Publishes a "new version": the worker's version changes (as any rebuild changes it). */
function publishNewVersion(siteDir) {
  const path = join(siteDir, 'sw.js');
  const worker = readFileSync(path, 'utf8');
  const next = worker.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'");
  assert.notEqual(next, worker, 'the built worker carries a version');
  writeFileSync(path, next);
  rmSync(path + '.br', { force: true });
  rmSync(path + '.gz', { force: true });
  return next.match(/const VERSION = '([0-9a-fnext]+)'/)[1];
}

test('a new version waits for the tap on 有新版本, then takes over', async () => {
  const siteDir = siteCopy();
  const server = await startServer({ siteDir });
  cleanups.push(server.stop);
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/');
  await waitForServiceWorker(page);
  const banner = page.getByTestId('update-banner');
  assert.equal(await banner.count(), 0, 'no banner without an update');

  const version = publishNewVersion(siteDir);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await banner.getByText('有新版本').waitFor();
  // Waiting, not active: the page is still controlled by the old worker.
  const waiting = await page.evaluate(() => navigator.serviceWorker.getRegistration()
    .then((r) => ({ waiting: !!r.waiting, caches: null })));
  assert.equal(waiting.waiting, true);

  await Promise.all([
    page.waitForEvent('load'),
    banner.getByRole('button').click(),
  ]);
  await page.waitForFunction((v) => caches.has('shebao-shell-' + v), version);
  const names = await page.evaluate(() => caches.keys());
  assert.deepEqual(names.filter((n) => n.startsWith('shebao-shell-')), ['shebao-shell-' + version],
    'the old version\'s cache is gone');
  assert.equal(await page.getByTestId('update-banner').count(), 0);
});
