// Shared by the end-to-end suites: the real server binary on loopback, Debian's Chromium
// through Playwright, and a place for artefacts (screenshots).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the suites with \`cargo xtask test e2e\``);
  return value;
};

export const ARTIFACTS = process.env.SHEBAO_ARTIFACTS || join(tmpdir(), 'shebao-e2e-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const tempDir = (prefix) => mkdtempSync(join(tmpdir(), `shebao-${prefix}-`));

/** A copy of the built site that a test may change (to publish a "new version"). */
export function siteCopy() {
  const dir = tempDir('site');
  cpSync(env('SHEBAO_SITE_DIR'), dir, { recursive: true });
  return dir;
}

/** The field worker `startServer({ worker: true })` creates, who may file enrolments (a unit's
 * business, never anonymous). */
export const WORKER = { id: idNumber(990), password: 'Field-work9', name: '吴干事', mobile: '13600136999' };

/** The unit `startServer({ worker: true })` puts in the ledger, which the worker enrols people
 * into (staff name the unit by its credit code). */
export const UNIT = { code: '9132010270000001XC', name: '南京示例茶叶有限公司' };

/**
 * Starts the server binary; resolves once it printed its URL.
 * `port: 0` picks a free port; pass the same port and dataDir to restart "the same" server.
 * The suites drive it from one address, far past what one address may send: quotas are scaled.
 */
export function startServer({ port = 0, dataDir = tempDir('data'), siteDir = env('SHEBAO_SITE_DIR'), extra = [], worker = false } = {}) {
  if (worker) {
    const made = spawnSync(env('SHEBAO_SERVER_BIN'), [
      'staff', '--data-dir', dataDir, 'create', '--role', 'field-worker', '--name', WORKER.name, '--id-number', WORKER.id, '--mobile', WORKER.mobile,
    ], { input: WORKER.password + '\n', encoding: 'utf8', env: withoutDatabaseUrl() });
    if (made.status !== 0) throw new Error(`staff create: ${made.stderr}`);
    const unit = spawnSync(env('SHEBAO_SERVER_BIN'), [
      'ledger', '--data-dir', dataDir, 'add-unit', '--credit-code', UNIT.code, '--name', UNIT.name, '--region', '320102', '--class', '1',
    ], { encoding: 'utf8', env: withoutDatabaseUrl() });
    if (unit.status !== 0) throw new Error(`ledger add-unit: ${unit.stderr}`);
  }
  const child = spawn(env('SHEBAO_SERVER_BIN'), [
    'serve', '--bind', `127.0.0.1:${port}`, '--site-dir', siteDir, '--data-dir', dataDir, '--dev', '--quota-scale', '1000', ...extra,
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: withoutDatabaseUrl() });
  let logs = '';
  child.stderr.on('data', (d) => { logs += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Shebao is running at (\S+)/);
      if (m) {
        const url = m[1].replace(/\/$/, '');
        resolve({
          url, dataDir, siteDir, child, port: Number(new URL(url).port), logs: () => logs,
          stop: () => stop(child),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before starting:\n${logs}`)));
  });
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Headless Chromium as a 360×800 phone, with a fresh profile (`serviceWorkers: 'block'`: none registers). */
export async function launchPhone({ locale = 'zh-CN', serviceWorkers = 'allow' } = {}) {
  const context = await chromium.launchPersistentContext(tempDir('profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    locale,
    serviceWorkers,
    viewport: { width: 360, height: 800 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** Waits until a service worker controls the page (it does after activation + claim). */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
    null, { timeout: 30_000 });
}

/** The network badge's text. */
export const netState = (page) => page.getByTestId('net-state');

function withoutDatabaseUrl() {
  const copy = { ...process.env };
  delete copy.DATABASE_URL;
  return copy;
}

/** What the server stored (dev-only endpoint), straight from the server, not via the page. */
export async function storedFilings(serverUrl) {
  const res = await fetch(serverUrl + '/dev/filings');
  if (!res.ok) throw new Error(`GET /dev/filings: ${res.status}`);
  return res.json();
}

/** A valid ID number: Xuanwu, Nanjing, born 1990-03-07 (or on `born`, `YYYYMMDD`), sequence `n`. */
export function idNumber(n, born = '19900307') {
  const body = `320102${born}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** This month as YYYY-MM, by China's clock. */
export function thisMonth() {
  const china = new Date(Date.now() + 8 * 3600 * 1000);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Signs `page` in as the field worker at `baseUrl` (the server's, or a proxy's: the session
 * belongs to the origin the app syncs with), then opens `path`. */
export async function signInWorker(page, baseUrl, path = '/') {
  await signInStaff(page, baseUrl, WORKER);
  if (path !== '/') await page.goto(baseUrl + path);
}

/** Signs staff in at `baseUrl`: the password, then the second factor — the code the login sent
 * to `mobile`, read from the development gateway. */
export async function signInStaff(page, baseUrl, { id, password, mobile }) {
  await page.goto(baseUrl + '/login');
  await page.locator('#login').fill(id);
  await page.locator('#password').fill(password);
  await page.getByTestId('submit').click();
  await page.getByTestId('form-message').getByText('短信验证码').waitFor();
  await page.locator('#sms_code').fill(await codeFor(baseUrl, mobile));
  await page.getByTestId('submit').click();
  await page.getByTestId('signed-in').waitFor();
}

/** Fills the enrolment form the way a person does (typing, choosing). */
export async function fillEnrolment(page, { id, name, base = '6000', unit = UNIT.code }) {
  await page.locator('#credit_code').fill(unit);
  await page.locator('#id_number').fill(id);
  await page.locator('#name').fill(name);
  await page.locator('#region-0').selectOption('320000');
  await page.locator('#region-1').selectOption('320100');
  await page.locator('#region-2').selectOption('320102');
  await page.locator('#start_month').fill(thisMonth());
  await page.locator('#monthly_base').fill(base);
}

/** Nothing may be wider than the phone: a wider element makes mobile browsers zoom the page out. */
export async function assertFitsWidth(page) {
  const wide = await page.evaluate(() => {
    const w = window.innerWidth;
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ends at ${Math.round(e.getBoundingClientRect().right)}`);
  });
  if (wide.length) throw new Error(`wider than the ${await page.evaluate(() => window.innerWidth)} px screen:\n${wide.join('\n')}`);
  const zoomed = await page.evaluate(() => window.innerWidth);
  if (zoomed > 360) throw new Error(`the layout viewport is ${zoomed} px wide: the page was zoomed out`);
}

/**
 * Waits until the app has created its IndexedDB database. A test that opens `shebao` before
 * that would create an empty database under the app's feet (and find none of its stores).
 */
export async function waitForDeviceDb(page, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const version = await page.evaluate(async () => {
      const db = (await indexedDB.databases()).find((d) => d.name === 'shebao');
      return db ? db.version : 0;
    });
    if (version > 0) return version;
    if (Date.now() > deadline) throw new Error(`the app did not create its database within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a draft stored on the device contains `text` (autosave is debounced). Polled
 * from here: `waitForFunction` would take the page's Promise itself for a truthy answer. */
export async function waitForSavedDraft(page, text, timeout = 10_000) {
  await waitForDeviceDb(page, timeout);
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await page.evaluate((t) => new Promise((resolve) => {
      const open = indexedDB.open('shebao');
      open.onsuccess = () => {
        try {
          const req = open.result.transaction('drafts').objectStore('drafts').getAll();
          req.onsuccess = () => { open.result.close(); resolve(req.result.some((d) => d.data.includes(t))); };
          req.onerror = () => { open.result.close(); resolve(false); };
        } catch {
          open.result.close();
          resolve(false);
        }
      };
      open.onerror = () => resolve(false);
    }), text);
    if (found) return;
    if (Date.now() > deadline) throw new Error(`no draft containing ${text} was saved within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sync badge's text without layout whitespace (`⇅1`, `⇅✓`). */
export const badge = async (page) => (await page.getByTestId('sync-badge').textContent()).replace(/\s+/g, '');

/** The latest code the development gateway "sent" to `mobile` (its `/dev/sms` list). */
export async function codeFor(serverUrl, mobile) {
  for (let i = 0; i < 50; i++) {
    const list = await (await fetch(serverUrl + '/dev/sms')).json();
    const m = list.find((x) => x.mobile === mobile);
    if (m) return m.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code sent to ${mobile}`);
}
