// 单位用户注册 through review, in a real browser against the real server: the employer fills
// the form (no password) and photographs the four materials without a network; it syncs when
// the network returns; the reviewer cannot approve before the handler's mobile is proved (the
// form went without a code) and sends the licence back with a reason; the employer looks on
// 审核进度查询 with a code to the handler's mobile (which proves it), sees the reason on the
// licence, replaces the photo and resubmits; the reviewer approves; the employer sets its
// password with a code to that mobile and logs in; the voucher prints and its QR code verifies.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { noisePng, onePagePdf } from './images.mjs';
import { ARTIFACTS, assertFitsWidth, codeFor, fillEnrolment, idNumber, launchPhone, netState, signInStaff, startServer, tempDir, thisMonth, waitForServiceWorker } from './support.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

const REVIEWER_ID = idNumber(480);
const ADMIN_ID = idNumber(490);
const OPERATOR_ID = idNumber(491);
const PASSWORD = 'Firm-garden8';
const HANDLER_MOBILE = '13912345678';

/** A valid unified social credit code (a company registered in Xuanwu, Nanjing). */
function creditCode(n) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = String(10_000_000 + n).padStart(8, '0');
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  const orgSum = [...body].reduce((s, c, i) => s + Number(c) * orgWeights[i], 0);
  const org = { 10: 'X', 11: '0' }[11 - (orgSum % 11)] ?? String(11 - (orgSum % 11));
  const first17 = `91320102${body}${org}`;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}
const CREDIT = creditCode(42);

let server;
before(async () => {
  const dataDir = tempDir('employer');
  // The handler on record with their own mobile (what the real-name check compares with).
  const csv = join(dataDir, 'registry.csv');
  writeFileSync(csv, `name,id_number,mobile\n陈静,${idNumber(482)},${HANDLER_MOBILE}\n`);
  const imported = spawnSync(process.env.SHEBAO_SERVER_BIN, ['registry', '--data-dir', dataDir, 'import', csv], { encoding: 'utf8' });
  assert.equal(imported.status, 0, imported.stderr);
  const staff = spawnSync(process.env.SHEBAO_SERVER_BIN, [
    'staff', '--data-dir', dataDir, 'create', '--role', 'reviewer', '--name', '孙审核', '--id-number', REVIEWER_ID, '--mobile', '13600136001',
  ], { input: 'Review-desk7\n', encoding: 'utf8' });
  assert.equal(staff.status, 0, staff.stderr);
  const admin = spawnSync(process.env.SHEBAO_SERVER_BIN, [
    'staff', '--data-dir', dataDir, 'create', '--role', 'admin', '--name', '周管理', '--id-number', ADMIN_ID, '--mobile', '13600136002',
  ], { input: 'Audit-desk8\n', encoding: 'utf8' });
  assert.equal(admin.status, 0, admin.stderr);
  const operator = spawnSync(process.env.SHEBAO_SERVER_BIN, [
    'staff', '--data-dir', dataDir, 'create', '--role', 'operator', '--name', '吴经办', '--id-number', OPERATOR_ID, '--mobile', '13600136003',
  ], { input: 'Desk-work7\n', encoding: 'utf8' });
  assert.equal(operator.status, 0, operator.stderr);
  server = await startServer({ dataDir });
  cleanups.push(server.stop);
});

const photo = (seed, width = 1400, height = 1000) => ({ name: `scan-${seed}.png`, mimeType: 'image/png', buffer: noisePng(width, height, seed) });

async function signedInStaff(id, password, mobile) {
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await signInStaff(page, server.url, { id, password, mobile });
  return page;
}

/** The reviewer takes up the newest application in the queue. */
async function takeUp(page) {
  await page.goto(server.url + '/review');
  const first = page.getByTestId('queue').locator('li').first();
  await first.getByText('南京青禾科技有限公司').waitFor();
  await first.locator('a').click();
  await page.getByTestId('review-open').click();
  await page.locator('[data-testid=application][data-status=in_review]').waitFor();
}

/** 审核进度查询: the credit code, the handler's mobile, and a code sent to it (asked for the
 * first time; a live code serves the next few looks). */
let statusCode = null;
async function askStatus(page) {
  await page.goto(server.url + '/employer-status');
  await page.locator('#credit_code').fill(CREDIT);
  await page.locator('#handler_mobile').fill(HANDLER_MOBILE);
  if (!statusCode) {
    await page.getByTestId('send-code').click();
    await page.getByText('验证码已发送').waitFor();
    statusCode = await codeFor(server.url, HANDLER_MOBILE);
  }
  await page.locator('#sms_code').fill(statusCode);
  await page.getByTestId('submit').click();
}

test('an employer registers offline with four photos; sent back for the licence, fixed, approved, logs in', async () => {
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(server.url + '/employer-register');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await netState(page).getByText('离线').waitFor();

  await page.locator('#unit_name').fill('南京青禾科技有限公司');
  await page.locator('#credit_code').fill(CREDIT);
  await page.locator('#legal_rep_id').fill(idNumber(481));
  await page.locator('#handler_name').fill('陈静');
  await page.locator('#handler_id').fill(idNumber(482));
  await page.locator('#handler_mobile').fill(HANDLER_MOBILE);
  await page.locator('#handler_email').fill('hr@qinghe.example');
  assert.equal(await page.locator('#password').count(), 0, 'no password in a filing');
  await page.locator('#agreed input').check();
  // Submitting without the materials names each one missing.
  await page.getByTestId('submit').click();
  await page.locator('p.field-error[data-slot=authorisation]').waitFor();
  // A tiny photo is flagged before anything is sent; a good one is not.
  await page.locator('#licence-file').setInputFiles(photo(1, 320, 240));
  await page.locator('[data-slot=licence] [data-testid=photo-warning]').getByText('分辨率过低').waitFor();
  await page.locator('#licence-file').setInputFiles(photo(2));
  await page.locator('[data-slot=licence] [data-testid=photo-warning]').waitFor({ state: 'detached' });
  for (const [i, slot] of ['legal_rep_id', 'handler_id'].entries()) {
    await page.locator(`#${slot}-file`).setInputFiles(photo(3 + i));
    await page.locator(`[data-slot=${slot}] img.photo-preview`).waitFor();
  }
  // The authorisation letter as a scanned PDF: kept as it is.
  const letter = onePagePdf('Authorisation letter');
  await page.locator('#authorisation-file').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: letter });
  await page.locator('[data-slot=authorisation] p.photo-file').waitFor();
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'employer-register-offline-360x800.png'), fullPage: true });
  await page.getByTestId('submit').click();
  const status = page.getByTestId('filing-status');
  await status.waitFor();
  assert.notEqual(await status.getAttribute('data-state'), 'accepted', 'no network: it waits');

  // The network returns: the filing and its four photos go, once.
  await context.setOffline(false);
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });

  // The reviewer sends the licence back.
  const desk = await signedInStaff(REVIEWER_ID, 'Review-desk7', '13600136001');
  await desk.goto(server.url + '/review');
  await desk.getByTestId('queue').locator('li').first().waitFor();
  // The desk runs the staff bundle; the employer's phone never downloaded it.
  const loaded = (p) => p.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert.ok((await loaded(desk)).some((p) => /^\/staff-[0-9a-f]{16}\.wasm$/.test(p)), 'the staff bundle on the desk');
  assert.ok(!(await loaded(page)).some((p) => p.startsWith('/staff-')), 'no staff bundle on the employer\'s phone');
  await assertFitsWidth(desk);
  await desk.screenshot({ path: join(ARTIFACTS, 'review-queue-360x800.png'), fullPage: true });
  await takeUp(desk);
  assert.equal(await desk.locator('figure.material').count(), 4, 'the four materials');
  // The licence as the desk gets it (its bytes: each version has its own address).
  const licenceBytes = async () => {
    const href = await desk.locator('figure.material[data-slot=licence] a').getAttribute('href');
    return Buffer.from(await desk.evaluate(async (h) => [...new Uint8Array(await (await fetch(h)).arrayBuffer())], href));
  };
  const firstLicence = await licenceBytes();
  // The PDF is listed without a picture and opens as the very file that was sent.
  const pdfFigure = desk.locator('figure.material[data-slot=authorisation]');
  assert.equal(await pdfFigure.locator('img').count(), 0);
  const pdfHref = await pdfFigure.locator('a').getAttribute('href');
  const fetched = await desk.evaluate(async (href) => {
    const r = await fetch(href);
    return { type: r.headers.get('content-type'), bytes: [...new Uint8Array(await r.arrayBuffer())] };
  }, pdfHref);
  assert.equal(fetched.type, 'application/pdf');
  assert.deepEqual(Buffer.from(fetched.bytes), letter);
  // The handler passed the real-name check, but the mobile is not proved: no approval yet.
  await desk.getByTestId('handler-identity').getByText('实名核验通过').waitFor();
  await desk.locator('[data-testid=mobile-state][data-verified=false]').waitFor();
  await desk.getByTestId('review-approve').click();
  await desk.getByTestId('form-message').getByText('经办人手机号尚未通过验证码验证').waitFor();
  await desk.getByTestId('add-reason').click();
  await desk.getByTestId('reason-target').selectOption('material:licence');
  await desk.getByTestId('reason-code').selectOption('no_stamp');
  await desk.getByTestId('reason-note').fill('请使用加盖公章的复印件');
  await desk.getByTestId('review-reject').click();
  await desk.locator('[data-testid=application][data-status=rejected]').waitFor();

  // The employer looks — the code to the handler's mobile proves it — sees why, on the licence,
  // and fixes it.
  await askStatus(page);
  const review = page.locator('[data-testid=review-status][data-status=rejected]');
  await review.waitFor();
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'employer-status-rejected-360x800.png'), fullPage: true });
  assert.match(await review.locator('li[data-target=licence]').innerText(), /未加盖单位公章.*请使用加盖公章的复印件/);
  await page.getByTestId('fix').click();
  await page.locator('p[data-testid=remark][data-slot=licence]').getByText('未加盖单位公章').waitFor();
  await page.locator('#licence-file').setInputFiles(photo(9));
  await page.screenshot({ path: join(ARTIFACTS, 'employer-fix-licence-360x800.png'), fullPage: true });
  await page.getByTestId('submit').click();
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });
  const voucherUrl = new URL(await page.getByTestId('voucher').getAttribute('href'), server.url).href;

  // The reviewer takes it up: the same handler and mobile, so the proof carried over.
  await takeUp(desk);
  // The new licence photo went, not the one sent back (submit waits until a photo is ready).
  assert.ok(!(await licenceBytes()).equals(firstLicence), 'the fixed licence');
  await desk.locator('[data-testid=mobile-state][data-verified=true]').waitFor();
  await desk.getByTestId('review-approve').click();
  await desk.locator('[data-testid=application][data-status=approved]').waitFor();

  await askStatus(page);
  await page.locator('[data-testid=review-status][data-status=approved]').waitFor();
  await page.getByTestId('set-password').waitFor();
  // The unit's first password, with a code to the handler's mobile (忘记密码, by credit code).
  await page.goto(server.url + '/forgot-password');
  await page.locator('#id_number').fill(CREDIT);
  await page.getByTestId('send-code').click();
  await page.getByText('验证码已发送').waitFor();
  await page.locator('#sms_code').fill(await codeFor(server.url, HANDLER_MOBILE));
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password_confirm').fill(PASSWORD);
  await page.getByTestId('submit').click();
  await page.getByTestId('reset-done').waitFor();
  await page.goto(server.url + '/login');
  await page.locator('#login').fill(CREDIT);
  await page.locator('#password').fill(PASSWORD);
  await page.getByTestId('submit').click();
  await page.getByTestId('signed-in').getByText('南京青禾科技有限公司').waitFor();

  // The voucher: printed to PDF by Chromium, its QR code read back and followed.
  await page.goto(voucherUrl);
  await page.getByTestId('review').getByText('审核通过').waitFor();
  const receipt = await page.getByTestId('receipt').innerText();
  assert.ok(!(await page.content()).includes(idNumber(482)), 'the handler\'s ID number is masked');
  await assertFitsWidth(page);
  const pdfPath = join(ARTIFACTS, 'voucher-a4.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
  const pixels = await page.evaluate(async () => {
    const img = document.querySelector('[data-testid=qr]');
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0);
    return { width: canvas.width, height: canvas.height, data: [...ctx.getImageData(0, 0, canvas.width, canvas.height).data] };
  });
  const qr = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
  assert.ok(qr, 'the QR code reads');
  assert.match(qr.data, /\/verify\//);
  await page.goto(qr.data);
  await page.getByTestId('verified').getByText('凭证真实有效').waitFor();
  assert.equal(await page.getByTestId('receipt').innerText(), receipt);
  await page.screenshot({ path: join(ARTIFACTS, 'voucher-verified-360x800.png'), fullPage: true });

  // An administrator reads every review action in the audit log, with the reviewer as actor.
  const admin = await signedInStaff(ADMIN_ID, 'Audit-desk8', '13600136002');
  await admin.getByRole('link', { name: /操作日志/ }).click();
  await admin.getByTestId('audit-group').selectOption({ label: '注册审核' });
  const log = admin.getByTestId('audit');
  for (const action of ['application.submit', 'application.rejected', 'application.resubmit', 'application.mobile_verified', 'application.approved']) {
    await log.locator(`li[data-action="${action}"]`).first().waitFor();
  }
  assert.match(await log.locator('li[data-action="application.approved"]').innerText(), /审核通过[\s\S]*审核人员 #\d+[\s\S]*application:\d+/);
  assert.equal(await log.locator('li[data-action="session.login"]').count(), 0, 'filtered to the review');
  await assertFitsWidth(admin);
  await admin.screenshot({ path: join(ARTIFACTS, 'audit-log-360x800.png'), fullPage: true });

  // Signed in, the employer enrols two employees into its own unit (人员新增; a declaration is
  // for the unit's own people), from its 单位业务 tiles.
  for (const [n, name] of [[501, '赵一'], [502, '钱二']]) {
    await page.goto(server.url + '/');
    await page.locator('a.tile[href="/enrolment"]').click();
    await fillEnrolment(page, { id: idNumber(n), name, unit: CREDIT });
    await page.getByTestId('submit').click();
    await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 }).catch(async (e) => {
      throw new Error(`${e.message}\nthe page says: ${await page.locator('main').innerText()}`);
    });
  }
  // They wait for the agency (待办): an operator approves both; then they are the unit's.
  const office = await signedInStaff(OPERATOR_ID, 'Desk-work7', '13600136003');
  await office.setViewportSize({ width: 768, height: 1024 }); // the desk, on a tablet
  for (let i = 0; i < 2; i++) {
    await office.goto(server.url + '/office/cases');
    await office.locator('[data-testid=cases] tbody tr[data-status=submitted] a').first().click();
    await office.getByTestId('case-open').click();
    await office.getByTestId('case-approve').click();
    await office.locator('[data-testid=case][data-status=approved]').waitFor();
  }
  // Its roster and this month's statement (not assessed yet: nothing due).
  await page.goto(server.url + '/');
  await page.locator('a.tile[href="/unit"]').click();
  await page.getByTestId('roster').getByText('赵一').waitFor();
  assert.match(await page.getByTestId('roster').innerText(), /钱二/);
  await assertFitsWidth(page);
  // The month's statement as Excel, the unit's own (the report endpoint never names another).
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-xlsx').click()]);
  assert.match(sheet.suggestedFilename(), /^单位缴费核定单-.*\.xlsx$/);
  assert.equal(readFileSync(await sheet.path()).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');

  // The employer declares its employees' bases (缴费基数申报): the credit code is
  // the unit's own; a base under the region's floor and a person entered twice are caught as
  // typed; fixed, the declaration is sent and accepted.
  await page.goto(server.url + '/');
  await page.getByRole('link', { name: /缴费基数申报/ }).click();
  assert.equal(await page.locator('#credit_code').inputValue(), CREDIT);
  await page.locator('#region-0').selectOption('320000');
  await page.locator('#region-1').selectOption('320100');
  await page.locator('#region-2').selectOption('320102');
  await page.locator('#effective_month').fill(thisMonth());
  const row = (i, name) => page.locator(`[id="rows.${i}.${name}"]`);
  await row(0, 'id_number').fill(idNumber(501));
  await row(0, 'name').fill('赵一');
  await row(0, 'monthly_base').fill('3000');
  await row(0, 'monthly_base').blur();
  await page.locator('[id="rows.0.monthly_base"][aria-invalid=true]').waitFor();
  await row(0, 'monthly_base').fill('6000');
  await page.locator('[id="rows.0.monthly_base"][aria-invalid=false]').waitFor();
  await page.getByTestId('add-row').click();
  await row(1, 'id_number').fill(idNumber(501));
  await row(1, 'id_number').blur();
  await page.locator('[id="rows.1.id_number-message"]').getByText('重复').waitFor();
  await row(1, 'id_number').fill(idNumber(502));
  await row(1, 'name').fill('钱二');
  await row(1, 'monthly_base').fill('8000.50');
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'base-declaration-360x800.png'), fullPage: true });
  await page.getByTestId('submit').click();
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nthe page says: ${await page.locator('main').innerText()}`);
  });
  // 工伤事故申报 from the workshop, no signal: 赵一 is hurt today; the unit reports it with a photo
  // of the scene and one of the diagnosis; back online it syncs.
  const cli = (args, input) => {
    const r = spawnSync(process.env.SHEBAO_SERVER_BIN, args, { encoding: 'utf8', input });
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  cli(['ledger', '--data-dir', server.dataDir, 'assess', '--month', thisMonth()]);
  await page.goto(server.url + '/');
  await page.locator('a.tile[href="/injury-report"]').waitFor();
  await context.setOffline(true);
  await page.locator('a.tile[href="/injury-report"]').click();
  await netState(page).getByText('离线').waitFor();
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  await page.locator('#id_number').fill(idNumber(501));
  await page.locator('#name').fill('赵一');
  await page.locator('#accident_on').fill(today);
  await page.locator('#accident_at').fill('14:30');
  await page.locator('#place').fill('一号车间冲压线');
  await page.locator('#account').fill('操作冲床时右手被模具压伤，当即送医');
  await page.locator('#institution').fill('南京市第一医院');
  await page.locator('#scene-file').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: noisePng(1200, 900, 81) });
  await page.locator('[data-slot=scene] img.photo-preview').waitFor();
  await page.locator('#record-file').setInputFiles({ name: 'record.png', mimeType: 'image/png', buffer: noisePng(900, 1200, 82) });
  await page.locator('[data-slot=record] img.photo-preview').waitFor();
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'injury-report-360x800.png'), fullPage: true });
  await page.getByTestId('submit').click();
  const sent = page.getByTestId('filing-status');
  await sent.waitFor();
  assert.notEqual(await sent.getAttribute('data-state'), 'accepted', 'no network: it waits');
  await context.setOffline(false);
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });

  // 工伤认定: the operator sees the case with both photos and approves it; enters grade 8 from the
  // 劳动能力鉴定 conclusion, with care found needed in part, and the award is computed (6,000
  // yuan × 11 months, and a monthly 生活护理费).
  await office.goto(server.url + '/office/cases');
  await office.locator('[data-testid=cases] tbody tr[data-kind=injury_report] a').first().click();
  await office.getByTestId('case-open').click();
  const photos = office.locator('[data-testid=case-photos] img');
  await photos.nth(1).waitFor();
  for (let i = 0; i < 2; i++) await office.waitForFunction((el) => el.complete && el.naturalWidth > 0, await photos.nth(i).elementHandle());
  await office.locator('[data-testid=effect] tr[data-action=recognise]').waitFor();
  await office.getByTestId('case-approve').click();
  await office.locator('[data-testid=case][data-status=approved]').waitFor();
  await office.goto(server.url + '/office');
  const recognised = office.locator('[data-testid=injuries] li[data-status=recognised]').filter({ hasText: '赵一' });
  await recognised.getByTestId('injury-grade').fill('8');
  await recognised.getByTestId('injury-care').selectOption('part');
  await recognised.getByTestId('injury-assess').click();
  const assessed = office.locator('[data-testid=injuries] li[data-status=assessed]').filter({ hasText: '赵一' });
  await assessed.getByTestId('injury-award').getByText('66,000').waitFor().catch(async (e) => {
    throw new Error(`${e.message}\nthe page says: ${await office.getByTestId('injuries').innerText()}`);
  });
  await assessed.getByTestId('injury-award').getByText('生活护理费').waitFor();
  // Four eyes: the assessor cannot approve it; a supervisor does.
  await assessed.getByTestId('injury-confirm').click();
  await office.getByTestId('injury-problem').getByText('另一名工作人员').waitFor();
  const SUPERVISOR_ID = idNumber(493);
  cli(['staff', '--data-dir', server.dataDir, 'create', '--role', 'supervisor', '--name', '郑复核', '--id-number', SUPERVISOR_ID, '--mobile', '13600136004'], 'Desk-check9\n');
  const supervisor = await signedInStaff(SUPERVISOR_ID, 'Desk-check9', '13600136004');
  await supervisor.setViewportSize({ width: 1280, height: 800 });
  await supervisor.goto(server.url + '/office');
  await supervisor.locator('[data-testid=injuries] li[data-status=assessed]').filter({ hasText: '赵一' }).getByTestId('injury-confirm').click();
  await supervisor.getByText('暂无待核算或待复核的工伤').waitFor();

  // 赵一 registers on his phone and reads the award with its working.
  const csv = join(server.dataDir, 'registry-injured.csv');
  writeFileSync(csv, `name,id_number,mobile\n赵一,${idNumber(501)},13912340501\n`);
  cli(['registry', '--data-dir', server.dataDir, 'import', csv]);
  const injured = await launchPhone();
  cleanups.push(() => injured.context.close());
  const me = injured.page;
  await me.goto(server.url + '/register');
  await me.locator('#name').fill('赵一');
  await me.locator('#id_number').fill(idNumber(501));
  await me.locator('#mobile').fill('13912340501');
  await me.locator('#password').fill('Tea-garden7');
  await me.locator('#password_confirm').fill('Tea-garden7');
  await me.locator('#agreed input').check();
  await me.getByTestId('send-code').click();
  await me.locator('#sms_code').fill(await codeFor(server.url, '13912340501'));
  await me.getByTestId('submit').click();
  await me.getByTestId('signed-in').waitFor();
  await me.locator('a.tile[href="/my-records"]').click();
  const mine = me.locator('[data-testid=my-injuries] li[data-status=approved]');
  await mine.getByTestId('injury-award').getByText('66,000').waitFor({ timeout: 30_000 });
  await mine.locator('summary').click();
  await mine.getByTestId('injury-working').getByText('一次性伤残补助金').waitFor();
  await mine.getByTestId('injury-working').getByText('生活部分不能自理').waitFor();
  await assertFitsWidth(me);
  await me.screenshot({ path: join(ARTIFACTS, 'my-injury-360x800.png'), fullPage: true });
});
