// The outbox end to end: a filing made while the server is unreachable survives a reload, goes
// through when the server returns, and is stored exactly once with its receipt shown.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS, assertFitsWidth, badge, fillEnrolment, idNumber, launchPhone, netState, signInWorker, startServer, storedFilings, waitForSavedDraft, waitForServiceWorker,
} from './support.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

test('offline submit → reload → still waiting → server back → accepted exactly once', async () => {
  const first = await startServer({ worker: true });
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  // A field worker's phone: enrolments are never filed anonymously.
  await signInWorker(page, first.url, '/enrolment');
  await waitForServiceWorker(page);
  await netState(page).getByText('在线').waitFor();

  // The server goes away (the phone still has "a link").
  await first.stop();
  await page.reload();
  await netState(page).getByText('离线').waitFor();
  await fillEnrolment(page, { id: idNumber(101), name: '李四' });
  await waitForSavedDraft(page, '李四');
  await assertFitsWidth(page);
  await page.getByTestId('submit').click();
  const status = page.getByTestId('filing-status');
  await status.waitFor();
  assert.match(await status.getAttribute('data-state'), /waiting|retrying|sending/);
  await page.screenshot({ path: join(ARTIFACTS, 'outbox-waiting-360x800.png'), fullPage: true });

  // A reload (or a killed tab) keeps it, still waiting, still read-only.
  await page.reload();
  await status.waitFor();
  assert.match(await status.getAttribute('data-state'), /waiting|retrying/);
  assert.equal(await page.locator('#name').isDisabled(), true);
  assert.equal(await badge(page), '⇅1');

  // The server returns on the same port; the app notices and sends.
  const again = await startServer({ port: first.port, dataDir: first.dataDir });
  cleanups.push(again.stop);
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });
  const receipt = await page.getByTestId('receipt').innerText();
  assert.match(receipt, /^SB\d{14}$/);
  await page.screenshot({ path: join(ARTIFACTS, 'outbox-accepted-360x800.png'), fullPage: true });

  await assertFitsWidth(page);
  // The answered sync is proof enough that the server is reachable.
  await netState(page).getByText('在线').waitFor({ timeout: 2_000 });
  const rows = await storedFilings(again.url);
  assert.equal(rows.length, 1, 'one row in the database');
  assert.equal(rows[0].receipt_no, receipt);
  assert.equal(await badge(page), '⇅✓');
});

test('the form validates as typed and the draft survives a reload', async () => {
  const server = await startServer();
  cleanups.push(server.stop);
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/enrolment');
  await page.locator('#id_number').fill('320102199003071238');
  await page.locator('#id_number').blur();
  await page.locator('.field-error', { hasText: '校验位' }).waitFor();
  await page.locator('#id_number').fill(idNumber(102));
  await page.locator('[data-testid=id-facts]', { hasText: '1990-03-07' }).waitFor();
  assert.equal(await page.locator('.field-error', { hasText: '校验位' }).count(), 0);
  await page.locator('#name').fill('王五');
  await waitForSavedDraft(page, '王五');
  // The address names the draft once it is stored, so a reload reopens it.
  await page.waitForURL(/\/enrolment\/[0-9a-f-]{36}$/);
  await page.reload();
  // The stored draft loads into the form.
  await page.waitForFunction(() => document.querySelector('#name')?.value === '王五');
  // Submitting with errors reveals them all and stores nothing.
  await page.getByTestId('submit').click();
  await page.locator('[role=alert]', { hasText: '请先修改' }).waitFor();
  assert.equal(await page.getByTestId('filing-status').count(), 0);
  await page.goto(server.url + '/');
  await page.locator('.continue', { hasText: '王五' }).waitFor();
});

test('the drafts page lists drafts and deletes with a confirmation and an undo', async () => {
  const server = await startServer();
  cleanups.push(server.stop);
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  for (const name of ['孙甲', '周乙']) {
    await page.goto(server.url + '/enrolment');
    await page.locator('#name').fill(name);
    await waitForSavedDraft(page, name);
  }
  await page.goto(server.url + '/drafts');
  const list = page.getByTestId('drafts');
  await list.getByText('周乙').waitFor();
  assert.deepEqual(await list.locator('.list-title').allInnerTexts(), ['周乙', '孙甲'], 'the latest edit first');

  page.once('dialog', (d) => d.dismiss());
  await list.locator('li', { hasText: '孙甲' }).getByRole('button').click();
  assert.equal(await list.locator('.list-title').count(), 2, 'dismissing the confirmation keeps it');

  page.once('dialog', (d) => d.accept());
  await list.locator('li', { hasText: '孙甲' }).getByRole('button').click();
  await page.getByTestId('undo').waitFor();
  assert.deepEqual(await list.locator('.list-title').allInnerTexts(), ['周乙']);
  await page.getByTestId('undo').click();
  await list.getByText('孙甲').waitFor();

  page.once('dialog', (d) => d.accept());
  await list.locator('li', { hasText: '孙甲' }).getByRole('button').click();
  await page.getByTestId('undo').waitFor();
  await page.reload();
  await list.getByText('周乙').waitFor();
  assert.deepEqual(await list.locator('.list-title').allInnerTexts(), ['周乙'], 'still deleted after a reload');
});

test('unsent filings can be exported as a file while the server is unreachable', async () => {
  const server = await startServer();
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/enrolment');
  await waitForServiceWorker(page);
  await server.stop();
  await page.reload();
  await netState(page).getByText('离线').waitFor();
  await fillEnrolment(page, { id: idNumber(131), name: '赵六' });
  await page.getByTestId('submit').click();
  await page.getByTestId('filing-status').waitFor();
  // A registration made offline files no password: there is no field for one.
  await page.goto(server.url + '/register');
  await page.getByTestId('password-later').waitFor();
  assert.equal(await page.locator('#password').count(), 0);
  await page.locator('#name').fill('钱八');
  await page.locator('#id_number').fill(idNumber(132));
  await page.locator('#mobile').fill('13700137132');
  await page.locator('#agreed input').check();
  await page.getByTestId('submit').click();
  await page.getByTestId('filing-status').waitFor();

  await page.goto(server.url + '/sync');
  await page.getByTestId('unsent').getByText('2').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  assert.match(download.suggestedFilename(), /^shebao-unsent-\d+\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.format, 'shebao-outbox-export/1');
  assert.equal(exported.items.length, 2);
  const item = exported.items.find((i) => i.kind === 'enrolment');
  assert.notEqual(item.state, 'accepted');
  assert.equal(JSON.parse(item.payload).id_number, idNumber(131));
  assert.match(item.content_hash, /^[0-9a-f]{64}$/);
  // The security review found the registration's password in the export: it carries none.
  const registration = exported.items.find((i) => i.kind === 'personal_registration');
  assert.equal(JSON.parse(registration.payload).id_number, idNumber(132));
  assert.ok(!JSON.stringify(exported).includes('password'), 'no password anywhere in the export');
  // Exporting keeps the filings on the device: they still wait to be sent.
  assert.equal(await page.getByTestId('unsent').innerText(), '2');
});
