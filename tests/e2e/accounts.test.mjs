// Personal registration and login in a real browser against the real server: the registry is
// imported with the server's own command, the SMS code read from the dev gateway's page.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, assertFitsWidth, idNumber, launchPhone, netState, signInStaff, startServer, tempDir, waitForServiceWorker, codeFor } from './support.mjs';

const cleanups = [];
const WORKER_ID = idNumber(390);
after(async () => { for (const c of cleanups.reverse()) await c(); });

let server;
before(async () => {
  const dataDir = tempDir('accounts');
  const csv = join(dataDir, 'registry.csv');
  // The registry, with each person's own mobile (what the real-name check compares with).
  writeFileSync(csv, `name,id_number,mobile\n王小明,${idNumber(301)},13800138000\n李红,${idNumber(302)},13900139000\n张秀英,${idNumber(303)},13700137000\n坏行,32010219900307301X,13600000000\n`);
  const imported = spawnSync(process.env.SHEBAO_SERVER_BIN, ['registry', '--data-dir', dataDir, 'import', csv], { encoding: 'utf8' });
  assert.equal(imported.status, 1, 'one bad row: exit status 1');
  assert.match(imported.stdout, /"line":5/, 'the bad row is reported by line');
  assert.match(imported.stderr, /imported 3 rows; 1 bad rows/);
  const staff = spawnSync(process.env.SHEBAO_SERVER_BIN, [
    'staff', '--data-dir', dataDir, 'create', '--role', 'field-worker', '--name', '周干事', '--id-number', WORKER_ID, '--mobile', '13600136000',
  ], { input: 'Field-work9\n', encoding: 'utf8' });
  assert.equal(staff.status, 0, staff.stderr);
  server = await startServer({ dataDir });
  cleanups.push(server.stop);
});

/** The registration form; online the person also chooses the password here (through the
 * outbox there is no password field: it is set with the code, at 验证手机). */
async function fillRegistration(page, { name, id, mobile, password = true }) {
  await page.locator('#name').fill(name);
  await page.locator('#id_number').fill(id);
  await page.locator('#mobile').fill(mobile);
  if (password) {
    await page.locator('#password').fill('Tea-garden7');
    await page.locator('#password_confirm').fill('Tea-garden7');
  } else {
    await page.getByTestId('password-later').waitFor();
    assert.equal(await page.locator('#password').count(), 0, 'no password field: none is filed');
  }
  await page.locator('#agreed input').check();
}

/** The first-login address form: a division picked level by level, the street typed. */
async function fillAddresses(page) {
  await page.locator('#household_division-0').waitFor();
  await page.getByTestId('submit').click();
  // Nothing picked: the rules say so on the picker, before anything is sent.
  await page.locator('#household_division .field-error').waitFor();
  for (const [level, code] of ['320000', '320100', '320102'].entries()) {
    await page.locator(`#household_division-${level}`).selectOption(code);
  }
  const detail = page.locator('.field', { has: page.locator('#household_detail') });
  await detail.locator('.field-error').getByText('请填写详细地址').waitFor();
  await page.locator('#household_detail').fill('中山路 1 号');
  await page.getByTestId('same-address').check();
  await assertFitsWidth(page);
  await page.getByTestId('submit').click();
}

test('a resident registers online with the SMS code, is signed in, logs out and logs in', async () => {
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/');
  await netState(page).getByText('在线').waitFor();
  await page.getByText('个人用户注册').first().click();
  await page.locator('#name').waitFor();
  await fillRegistration(page, { name: '王小明', id: idNumber(301), mobile: '13800138000' });
  assert.match(await page.getByTestId('strength').innerText(), /密码强度/);
  await page.getByTestId('send-code').click();
  await page.getByText('验证码已发送').waitFor();
  assert.match(await page.getByTestId('send-code').innerText(), /秒后可重新获取/);
  await page.locator('#sms_code').fill(await codeFor(server.url, '13800138000'));
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'register-filled-360x800.png'), fullPage: true });
  await page.getByTestId('submit').click();

  const signedIn = page.getByTestId('signed-in');
  await signedIn.waitFor();
  const text = await signedIn.innerText();
  assert.match(text, /王小明/);
  assert.match(text, /3201\*{10}\d{3}[\dX]/, 'the ID number is masked');
  assert.ok(!text.includes(idNumber(301)), 'never shown whole');
  const cookies = await context.cookies();
  const sid = cookies.find((c) => c.name === 'sid');
  assert.ok(sid && sid.httpOnly && sid.sameSite === 'Lax', JSON.stringify(cookies));

  await page.getByTestId('logout').click();
  await signedIn.waitFor({ state: 'detached' });
  await page.getByText('登录', { exact: true }).first().click();
  await page.locator('#login').fill(idNumber(301));
  await page.locator('#password').fill('wrong-Pass1');
  await page.getByTestId('submit').click();
  await page.getByTestId('form-message').getByText('账号或密码不正确').waitFor();
  await page.locator('#password').fill('Tea-garden7');
  await page.getByTestId('submit').click();
  // The first login asks for the addresses.
  await fillAddresses(page);
  await page.getByTestId('signed-in').getByText('王小明').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'signed-in-360x800.png'), fullPage: true });
});

test('name, ID number and phone that do not belong together get one message that tells no more', async () => {
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/register');
  await netState(page).getByText('在线').waitFor();
  await fillRegistration(page, { name: '李虹', id: idNumber(302), mobile: '13900139000' });
  await page.getByTestId('send-code').click();
  await page.locator('#sms_code').fill(await codeFor(server.url, '13900139000'));
  await page.getByTestId('submit').click();
  const message = page.getByTestId('form-message');
  await message.getByText('姓名、身份证号与手机号不一致').waitFor();
  assert.match(await message.innerText(), /携带本人身份证原件到参保地社保经办机构更新信息/);
  await page.screenshot({ path: join(ARTIFACTS, 'register-mismatch-360x800.png'), fullPage: true });
  // Corrected, the same code goes through.
  await page.locator('#name').fill('李红');
  await page.getByTestId('submit').click();
  await page.getByTestId('signed-in').getByText('李红').waitFor();
});

test('a field worker registers a resident offline; it syncs, the phone code completes it, the resident logs in', async () => {
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/login');
  await waitForServiceWorker(page);
  // Staff sign in with a second factor: the code sent to the worker's own phone.
  await signInStaff(page, server.url, { id: WORKER_ID, password: 'Field-work9', mobile: '13600136000' });
  await page.getByTestId('signed-in').getByText('周干事').waitFor();

  // In the village, no signal: the app still knows who is signed in and offers 代为注册.
  await context.setOffline(true);
  await page.reload();
  await netState(page).getByText('离线').waitFor();
  await page.getByTestId('signed-in').getByText('周干事').waitFor();
  await page.getByText('代为注册', { exact: true }).click();
  await page.getByRole('heading', { name: /代为注册/ }).waitFor();
  await fillRegistration(page, { name: '张秀英', id: idNumber(303), mobile: '13700137000', password: false });
  await page.getByTestId('submit').click();
  const status = page.getByTestId('filing-status');
  await status.waitFor();
  assert.notEqual(await status.getAttribute('data-state'), 'accepted');
  await page.screenshot({ path: join(ARTIFACTS, 'assisted-offline-360x800.png'), fullPage: true });

  // The outbox item holds no password either.
  const kept = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('shebao');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('outbox').objectStore('outbox').getAll();
      get.onsuccess = () => { open.result.close(); resolve(JSON.stringify(get.result)); };
      get.onerror = () => reject(get.error);
    };
  }));
  assert.ok(kept.includes(idNumber(303)) && !kept.includes('password'), kept);

  // Back in signal: it syncs in the worker's session, and waits for the phone; the code that
  // completes it goes to the resident's own phone by itself.
  await context.setOffline(false);
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });

  // With the resident: the code from their phone, and the password they choose.
  await page.goto(server.url + '/verify-phone');
  await page.locator('#id_number').fill(idNumber(303));
  await page.locator('#sms_code').fill(await codeFor(server.url, '13700137000'));
  await page.locator('#password').fill('Tea-garden7');
  await page.locator('#password_confirm').fill('Tea-garden7');
  await page.getByTestId('submit').click();
  await page.getByTestId('verified').waitFor();

  // The worker leaves; the resident logs in on their own.
  await page.goto(server.url + '/');
  await page.getByTestId('logout').click();
  await page.getByTestId('signed-in').waitFor({ state: 'detached' });
  await page.goto(server.url + '/login');
  await page.locator('#login').fill(idNumber(303));
  await page.locator('#password').fill('Tea-garden7');
  await page.getByTestId('submit').click();
  await fillAddresses(page);
  await page.getByTestId('signed-in').getByText('张秀英').waitFor();
});

test('a resident who forgot the password resets it with a code to the registered phone', async () => {
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/login');
  await netState(page).getByText('在线').waitFor();
  await page.getByText('忘记密码？').click();
  await page.locator('#id_number').fill(idNumber(301));
  await page.getByTestId('send-code').click();
  await page.getByText('验证码已发送').waitFor();
  await page.locator('#sms_code').fill(await codeFor(server.url, '13800138000'));
  await page.locator('#password').fill('12345678');
  await page.locator('#password_confirm').fill('12345678');
  await page.getByTestId('submit').click();
  // The same rules as the server's, shown as typed: a weak password never leaves the phone.
  const pw = page.locator('.field', { has: page.locator('#password') });
  await pw.locator('.field-error').waitFor();
  await page.locator('#password').fill('New-garden8');
  await page.locator('#password_confirm').fill('New-garden8');
  await page.getByTestId('submit').click();
  await page.getByTestId('reset-done').waitFor();
  await page.getByTestId('reset-done').getByRole('link', { name: '登录', exact: true }).click();
  await page.locator('#login').fill(idNumber(301));
  await page.locator('#password').fill('New-garden8');
  await page.getByTestId('submit').click();
  await page.getByTestId('signed-in').getByText('王小明').waitFor();

  // Logging out without a network: the phone forgets the person at once, and the server's
  // session ends as soon as the server is reached again.
  await waitForServiceWorker(page);
  await page.context().setOffline(true);
  await netState(page).getByText('离线').waitFor();
  await page.getByTestId('logout').click();
  await page.getByTestId('signed-in').waitFor({ state: 'detached' });
  await page.context().setOffline(false);
  await netState(page).getByText('在线').waitFor();
  const me = () => page.evaluate(async () => (await fetch('/api/auth/me')).status);
  for (let i = 0; i < 50 && (await me()) !== 401; i++) await page.waitForTimeout(200);
  assert.equal(await me(), 401, 'the session ended on the server too');
});
