// The ledger end to end: a unit's two employees enrolled offline (by a field worker naming the
// unit; the first after 预览) sync; an operator (signed in with the SMS second factor) returns the
// first case with a reason on its base, the worker's phone shows it on that field, the fix is
// resubmitted and approved, and its voucher prints to PDF; the month is assessed with the server's command, and the
// collection's payment file imported by the back office under four eyes (an operator submits, a
// supervisor confirms); the operator finds the employee in 业务查询, reveals her ID number and
// records her bank card; she registers, sees the month paid at 我的社保, prints the proof, whose
// QR code's page verifies; with the network cut, the records still show with their date, and a
// 失业登记 she files offline is refused once it syncs (her unit has not filed the separation); a
// 新生儿参保 filed offline for a child syncs, is approved, and shows on 我的社保. The
// operator previews the unit's statement (报表), downloads it as Excel and prints it to PDF, and
// reads the charts of 数据统计 drilled down to a city.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS, assertFitsWidth, badge, codeFor, fillEnrolment, idNumber, launchPhone, netState, signInStaff, signInWorker, startServer, tempDir, thisMonth,
  UNIT, waitForSavedDraft, waitForServiceWorker,
} from './support.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

const A = { name: '陈一', id: idNumber(601), mobile: '13800138601' };
const B = { name: '林二', id: idNumber(602), mobile: '13800138602' };
const OPERATOR = { name: '赵经办', id: idNumber(701), mobile: '13600136701', password: 'Desk-work7' };
const SUPERVISOR = { name: '钱复核', id: idNumber(702), mobile: '13600136702', password: 'Desk-check7' };

function server(args) {
  const r = spawnSync(process.env.SHEBAO_SERVER_BIN, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** A form filled offline is submitted (it waits in the outbox), syncs once the signal is back;
 * the operator opens its case (kind `kind`), sees every check pass and `effect`, and approves. */
async function submittedOfflineThenApproved(page, context, operator, url, kind, effect) {
  await page.getByTestId('submit').click();
  await page.getByTestId('filing-status').waitFor();
  assert.notEqual(await page.getByTestId('filing-status').getAttribute('data-state'), 'accepted', 'no network: it waits');
  await context.setOffline(false);
  await page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });
  await operator.goto(url + '/office/cases');
  await operator.locator(`[data-testid=cases] tbody tr[data-kind=${kind}] a`).click();
  await operator.getByTestId('case-open').click();
  await operator.locator('[data-testid=checks] li').first().waitFor();
  assert.equal(await operator.locator('[data-testid=checks] li[data-passed=false]').count(), 0, 'every check passed');
  await effect.waitFor();
  await operator.getByTestId('case-approve').click();
  await operator.locator('[data-testid=case][data-status=approved]').waitFor();
}

test('enrolled offline, assessed, paid: the employee sees the month paid, prints the proof, reads it offline', async () => {
  const dataDir = tempDir('ledger');
  const csv = join(dataDir, 'registry.csv');
  writeFileSync(csv, `name,id_number,mobile\n${A.name},${A.id},${A.mobile}\n${B.name},${B.id},${B.mobile}\n`);
  server(['registry', '--data-dir', dataDir, 'import', csv]);
  const srv = await startServer({ worker: true, dataDir });
  cleanups.push(srv.stop);
  const month = thisMonth();

  // The field worker's phone, signal gone: two enrolments into the outbox.
  const worker = await launchPhone();
  cleanups.push(() => worker.context.close());
  await signInWorker(worker.page, srv.url, '/enrolment');
  await waitForServiceWorker(worker.page);
  await worker.context.setOffline(true);
  for (const person of [A, B]) {
    await worker.page.goto(srv.url + '/enrolment');
    await fillEnrolment(worker.page, person);
    await waitForSavedDraft(worker.page, person.name);
    if (person === A) {
      // 预览: the form frozen for a last look, then taken back to edit, then confirmed.
      await worker.page.getByTestId('preview').click();
      await worker.page.getByTestId('preview-bar').waitFor();
      assert.ok(await worker.page.locator('#name').isDisabled(), 'frozen while previewed');
      await worker.page.getByTestId('preview-back').click();
      assert.ok(await worker.page.locator('#name').isEnabled(), 'editable again');
      await worker.page.getByTestId('preview').click();
      await worker.page.getByTestId('preview-submit').click();
    } else {
      await worker.page.getByTestId('submit').click();
    }
    await worker.page.getByTestId('filing-status').waitFor();
  }
  assert.equal(await badge(worker.page), '⇅2');
  // Signal back: both sync, exactly once.
  await worker.context.setOffline(false);
  await worker.page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });
  for (let i = 0; i < 120 && (await badge(worker.page)) !== '⇅✓'; i++) await worker.page.waitForTimeout(500);
  assert.equal(await badge(worker.page), '⇅✓');

  // The agency's back office at 1280 px; staff sign in with the SMS second factor.
  const desk = async (role, who) => {
    const made = spawnSync(process.env.SHEBAO_SERVER_BIN, [
      'staff', '--data-dir', dataDir, 'create', '--role', role, '--name', who.name, '--id-number', who.id, '--mobile', who.mobile,
    ], { input: who.password + '\n', encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const d = await launchPhone();
    cleanups.push(() => d.context.close());
    await d.page.setViewportSize({ width: 1280, height: 800 });
    await signInStaff(d.page, srv.url, who);
    return d.page;
  };

  // 待办: the operator opens A's enrolment, checks it and returns it with a reason on the base;
  // B's is approved.
  const operator = await desk('operator', OPERATOR);
  await operator.locator('a.tile[href="/office"]').click();
  await operator.locator('a.tile[href="/office/cases"]').click();
  await operator.locator('[data-testid=cases] tbody tr[data-kind=enrolment]').nth(1).waitFor();
  const openCase = async (name) => {
    for (let i = 0; ; i++) {
      await operator.goto(srv.url + '/office/cases');
      const links = operator.locator('[data-testid=cases] tbody tr[data-status=submitted] a');
      await links.first().waitFor();
      if (i >= await links.count()) throw new Error(`no open case of ${name}`);
      await links.nth(i).click();
      const shown = operator.locator('[data-testid=case-fields] dd[data-field=name]');
      await shown.waitFor();
      if ((await shown.innerText()) === name) return;
    }
  };
  await openCase(A.name);
  await operator.getByTestId('case-open').click();
  await operator.locator('[data-testid=checks] li').first().waitFor();
  assert.equal(await operator.locator('[data-testid=checks] li[data-passed=false]').count(), 0, 'every check passed');
  assert.equal(await operator.locator('[data-testid=effect] tr[data-action=open]').count(), 4, 'four relationships open on approval');
  await operator.getByTestId('add-reason').click();
  await operator.getByTestId('reason-target').selectOption('field:monthly_base');
  await operator.getByTestId('reason-code').selectOption('wrong_value');
  await operator.getByTestId('reason-note').fill('请按劳动合同工资 6500 元申报');
  await operator.screenshot({ path: join(ARTIFACTS, 'office-case-1280.png'), fullPage: true });
  await operator.getByTestId('case-return').click();
  await operator.locator('[data-testid=case][data-status=rejected]').waitFor();
  await openCase(B.name);
  await operator.getByTestId('case-open').click();
  await operator.getByTestId('case-approve').click();
  await operator.locator('[data-testid=case][data-status=approved]').waitFor();

  // The worker's phone learns the return at its next sync: the reason on the base field; the fix
  // goes in as a linked version.
  await worker.page.goto(srv.url + '/sync');
  await worker.page.getByTestId('sync-now').click();
  await worker.page.locator('[data-testid=outbox] [data-review=rejected]').waitFor({ timeout: 30_000 });
  await worker.page.locator('[data-testid=outbox] li', { has: worker.page.locator('[data-review=rejected]') }).locator('a').click();
  await worker.page.getByTestId('returned-reasons').getByText('6500').waitFor();
  await worker.page.getByTestId('fix').click();
  await worker.page.getByTestId('returned').waitFor();
  await worker.page.locator('.field', { has: worker.page.locator('#monthly_base') }).locator('.field-warning').getByText('6500').waitFor();
  await worker.page.screenshot({ path: join(ARTIFACTS, 'worker-returned-360.png'), fullPage: true });
  await worker.page.locator('#monthly_base').fill('6500');
  await worker.page.getByTestId('submit').click();
  await worker.page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });

  // The fix, approved: the voucher says so and prints to PDF.
  await openCase(A.name);
  assert.equal(await operator.locator('[data-testid=case-fields] dd[data-field=monthly_base]').innerText(), '6500');
  await operator.getByTestId('case-open').click();
  await operator.getByTestId('case-approve').click();
  await operator.locator('[data-testid=case][data-status=approved]').waitFor();
  const voucherUrl = await operator.getByTestId('case-voucher').getAttribute('href');
  await operator.goto(srv.url + voucherUrl);
  await operator.getByTestId('review').getByText('审核通过').waitFor();
  const pdf = await operator.pdf({ path: join(ARTIFACTS, 'case-voucher.pdf'), format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

  // The agency's month: assessed, then the tax bureau's collection imported.
  const run = JSON.parse(server(['ledger', '--data-dir', dataDir, 'assess', '--month', month]));
  assert.equal(run.regular, 8, `two people × four insurances: ${JSON.stringify(run)}`);
  const due = run.employer + run.individual;
  const payments = join(dataDir, 'collection.csv');
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  writeFileSync(payments, `credit_code,month,amount,reference,paid_on\n9132010270000001XC,${month},${Math.floor(due / 100)}.${String(due % 100).padStart(2, '0')},TAX-${month}-1,${today}\n`);
  await operator.goto(srv.url + '/office');
  await operator.locator('a.tile[href="/office/payments"]').click();
  await operator.getByTestId('payment-file').setInputFiles(payments);
  await operator.getByTestId('payment-submit').click();
  await operator.locator('[data-testid=batches] li[data-status=pending]').waitFor();
  assert.equal(await operator.getByTestId('confirm').count(), 0, 'an operator does not confirm');
  const supervisor = await desk('supervisor', SUPERVISOR);
  await supervisor.goto(srv.url + '/office/payments');
  await supervisor.locator('[data-testid=batches] li[data-status=pending]').getByTestId('confirm').click();
  await supervisor.locator('[data-testid=batches] li[data-status=applied]').waitFor();
  await supervisor.screenshot({ path: join(ARTIFACTS, 'office-payments-1280.png'), fullPage: true });
  // 报表: the unit's statement on screen with its totals, downloaded as Excel, printed to PDF.
  await operator.goto(srv.url + '/office');
  await operator.locator('a.tile[href="/office/reports"]').click();
  await operator.getByTestId('report-name').selectOption('unit-statement');
  await operator.locator('#report-unit').fill('9132010270000001XC');
  await operator.getByTestId('report-preview').click();
  await operator.getByTestId('report').waitFor();
  assert.equal(await operator.getByTestId('report-count').innerText(), '8');
  const yuan = `${Math.floor(due / 100).toLocaleString('en-US')}.${String(due % 100).padStart(2, '0')}`;
  assert.equal(await operator.getByTestId('report-totals').locator('td').last().innerText(), yuan);
  await operator.screenshot({ path: join(ARTIFACTS, 'office-report-1280.png'), fullPage: true });
  const [download] = await Promise.all([operator.waitForEvent('download'), operator.getByTestId('report-xlsx').click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const xlsx = readFileSync(await download.path());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
  const [printed] = await Promise.all([operator.context().waitForEvent('page'), operator.getByTestId('report-print').click()]);
  await printed.locator('[data-testid=report] tfoot td').last().getByText(yuan).waitFor();
  const statementPdf = await printed.pdf({ path: join(ARTIFACTS, 'unit-statement.pdf'), format: 'A4' });
  assert.equal(statementPdf.subarray(0, 5).toString(), '%PDF-');
  await printed.close();
  // 数据统计: the server's charts, drilled down to 南京市; the money chart's points carry the
  // month's assessed amount exactly.
  await operator.goto(srv.url + '/office');
  await operator.locator('a.tile[href="/office/stats"]').click();
  await operator.getByTestId('stats-region').selectOption('320100');
  await operator.waitForFunction(() => {
    const charts = [...document.querySelectorAll('[data-testid=chart] img')];
    return charts.length === 5 && charts.every((i) => i.src.includes('region=320100') && i.complete && i.naturalWidth > 0);
  }, null, { timeout: 30_000 });
  const moneySvg = await operator.evaluate(async () => (await fetch(document.querySelector('[data-chart=money] img').src)).text());
  assert.ok(moneySvg.includes(`${month} 核定 Assessed: ${yuan} 元</title>`), moneySvg);
  await operator.screenshot({ path: join(ARTIFACTS, 'office-stats-1280.png'), fullPage: true });
  const records = server(['ledger', '--data-dir', dataDir, 'records', '--id-number', A.id, '--from', month, '--to', month]).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(records.length, 4);
  assert.ok(records.every((r) => r.paid && Number.isInteger(r.employer) && Number.isInteger(r.individual)), JSON.stringify(records));

  // 业务查询: the operator finds her by ID number; the page shows the month, the number masked
  // until revealed.
  await operator.goto(srv.url + '/office/find');
  await operator.getByTestId('office-query').fill(A.id);
  await operator.getByTestId('office-search').click();
  await operator.locator('[data-testid=hits] a').click();
  await operator.locator(`[data-testid=records] tr[data-month="${month}"][data-insurance=Pension]`).waitFor();
  assert.ok(!(await operator.getByTestId('person-id').innerText()).includes(A.id), 'masked');
  await operator.getByTestId('reveal').click();
  await operator.getByTestId('person-id').getByText(A.id).waitFor();
  // 信息变更: a mistyped bank card is caught as typed (the check digit); the right one is kept,
  // masked, and the mobile number changed in the same save.
  await operator.locator('#bank_card').fill('6222020200112233447');
  await operator.locator('#bank_card').blur();
  await operator.locator('[data-testid=details] .field-error').getByText('校验位').waitFor();
  await operator.locator('#bank_card').fill('6222 0202 0011 2233 446');
  await operator.locator('#mobile').fill('13900139001');
  await operator.getByTestId('details-save').click();
  await operator.getByTestId('bank-card').getByText('622202*********3446').waitFor();
  await operator.getByTestId('mobile').getByText('139****9001').waitFor();
  // 基数调整 under four eyes: the operator proposes a corrected base (a missing reason is caught
  // as typed); only a supervisor other than her confirms it.
  await operator.locator('#unit').selectOption({ index: 1 });
  await operator.locator('#year').fill(month.slice(0, 4));
  await operator.locator('#monthly_base').fill('9000');
  await operator.getByTestId('adjust-submit').click();
  await operator.locator('[data-testid=adjust-form] .field-error').first().waitFor();
  await operator.locator('#reason').fill('申报时录错，按工资表更正');
  await operator.getByTestId('adjust-submit').click();
  await operator.locator('[data-testid=adjustments] li[data-status=pending]').waitFor();
  assert.equal(await operator.getByTestId('adjust-confirm').count(), 0, 'an operator does not confirm');
  await supervisor.goto(srv.url + '/office/payments');
  await supervisor.locator('[data-testid=adjustments] li[data-status=pending]').getByTestId('adjust-confirm').click();
  await supervisor.locator('[data-testid=adjustments] li[data-status=applied]').getByText('9,000.00').waitFor();
  // 养老待遇测算: the statutory month under the 2025 reform, with the months paid.
  await operator.getByTestId('pension-estimate').click();
  await operator.getByTestId('pension-months').getByText('1', { exact: true }).waitFor();
  await operator.screenshot({ path: join(ARTIFACTS, 'office-person-1280.png'), fullPage: true });
  // 信息变更 of the unit: a mistyped contact mobile is caught as typed; the right one is kept, shown masked.
  await operator.goto(srv.url + '/office/find');
  await operator.getByTestId('office-query').fill('9132010270000001XC');
  await operator.getByTestId('office-search').click();
  await operator.locator('[data-testid=hits] a').click();
  await operator.locator('#contact_name').fill('李红');
  await operator.locator('#contact_mobile').fill('1390013');
  await operator.getByTestId('unit-details-save').click();
  await operator.locator('[data-testid=unit-details] .field-error').first().waitFor();
  await operator.locator('#contact_mobile').fill('13900139000');
  await operator.getByTestId('unit-details-save').click();
  await operator.getByTestId('unit-contact').getByText('139****9000', { exact: true }).waitFor();
  await operator.getByTestId('unit-changes').locator('li', { hasText: '李红' }).waitFor({ state: 'attached' });

  // The employee registers on their own phone and opens 我的社保.
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(srv.url + '/register');
  await netState(page).getByText('在线').waitFor();
  await page.locator('#name').fill(A.name);
  await page.locator('#id_number').fill(A.id);
  await page.locator('#mobile').fill(A.mobile);
  await page.locator('#password').fill('Tea-garden7');
  await page.locator('#password_confirm').fill('Tea-garden7');
  await page.locator('#agreed input').check();
  await page.getByTestId('send-code').click();
  await page.locator('#sms_code').fill(await codeFor(srv.url, A.mobile));
  await page.getByTestId('submit').click();
  await page.getByTestId('signed-in').waitFor();
  await waitForServiceWorker(page);
  // Her tiles: 我的社保, no unit business.
  assert.equal(await page.locator('a.tile[href="/enrolment"]').count(), 0);
  await page.locator('a.tile[href="/my-records"]').click();
  const pension = page.locator(`[data-testid=records] tr[data-month="${month}"][data-insurance=Pension]`);
  await pension.waitFor({ timeout: 30_000 });
  assert.equal((await pension.getByTestId('paid').innerText()).trim(), '已到账');
  assert.equal(await page.locator('[data-testid=records] tbody tr').count(), 4);
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'my-records-360x800.png'), fullPage: true });

  // The proof: her name, the ID number masked, a QR code to a page that verifies it.
  const [proof] = await Promise.all([context.waitForEvent('page'), page.getByTestId('print-proof').click()]);
  await proof.locator('h1').getByText('参保缴费证明').waitFor();
  const text = await proof.locator('main').innerText();
  assert.match(text, new RegExp(A.name));
  assert.ok(!text.includes(A.id), 'the ID number is masked');
  await proof.getByTestId('qr').waitFor();
  await proof.screenshot({ path: join(ARTIFACTS, 'proof-360x800.png'), fullPage: true });
  const verifyUrl = (await proof.locator('.link').innerText()).trim();
  assert.match(verifyUrl, /\/verify-proof\//);
  const stranger = await launchPhone();
  cleanups.push(() => stranger.context.close());
  await stranger.page.goto(verifyUrl);
  await stranger.page.getByTestId('verified').waitFor();
  const verified = await stranger.page.locator('main').innerText();
  assert.ok(!verified.includes(A.name) && !verified.includes(A.id.slice(-4)), 'the verify page shows nothing personal');
  await proof.close();

  // Signal gone: the records still show, with the date of the answer.
  await context.setOffline(true);
  await page.reload();
  await netState(page).getByText('离线').waitFor();
  await pension.waitFor();
  assert.match(await page.getByTestId('as-of').innerText(), /截至 \d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: join(ARTIFACTS, 'my-records-offline-360x800.png'), fullPage: true });

  // 失业登记 from her own phone, still offline: the form takes it (a job that ended today, the
  // unit's dismissal); back in signal the server refuses it on her ID number — her unit has not
  // filed the separation — and says why, in Chinese.
  await page.goto(srv.url + '/');
  await page.locator('a.tile[href="/unemployment"]').click();
  await page.getByRole('heading', { name: '失业登记' }).waitFor();
  await page.locator('#id_number').fill(A.id);
  await page.locator('#name').fill(A.name);
  await page.locator('#left_on').fill(today);
  await page.locator('#cause').selectOption('dismissed');
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'unemployment-360x800.png'), fullPage: true });
  await page.getByTestId('submit').click();
  const filed = page.getByTestId('filing-status');
  await filed.waitFor();
  assert.notEqual(await filed.getAttribute('data-state'), 'accepted', 'no network: it waits');
  await context.setOffline(false);
  await page.locator('[data-testid=filing-status][data-state=needs_attention]').waitFor({ timeout: 60_000 });
  await page.getByText('仍有在职参保关系').first().waitFor();

  // 新生儿参保 for the employee's child born five days ago (her ID number is a man's, so the
  // relation is 父亲), filed offline from the same phone; it syncs, the operator approves it
  // (filed within the window: covered from the month of birth), and 我的社保 shows the child
  // with that month.
  const born = new Date(Date.now() + 8 * 3600_000 - 5 * 86400_000).toISOString().slice(0, 10);
  await context.setOffline(true);
  await page.goto(srv.url + '/');
  await page.locator('a.tile[href="/newborn"]').click();
  await page.getByRole('heading', { name: '新生儿参保' }).waitFor();
  await page.locator('#child_name').fill('陈小宝');
  await page.locator('#birth_date').fill(born);
  await page.locator('#birth_cert').fill('o320012345');
  await page.locator('#region-0').selectOption('320000');
  await page.locator('#region-1').selectOption('320100');
  await page.locator('#region-2').selectOption('320102');
  await page.locator('#guardian_id_number').fill(A.id);
  await page.locator('#guardian_name').fill(A.name);
  await page.locator('#relation').selectOption('father');
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'newborn-360x800.png'), fullPage: true });
  await submittedOfflineThenApproved(page, context, operator, srv.url, 'newborn', operator.locator('[data-testid=effect] tr[data-action=newborn]'));
  await page.goto(srv.url + '/my-records');
  const child = page.getByTestId('my-child');
  await child.getByText('陈小宝').waitFor({ timeout: 30_000 });
  assert.equal((await child.locator('[data-field=covered_from]').innerText()).trim(), born.slice(0, 7));
  await assertFitsWidth(page);

  // 个人信息变更 from the same phone, offline: a new mobile and contact address. It syncs as a
  // case; the operator sees the change (the mobile masked) and approves it.
  await context.setOffline(true);
  await page.goto(srv.url + '/');
  await page.locator('a.tile[href="/person-change"]').click();
  await page.getByRole('heading', { name: '个人信息变更' }).waitFor();
  await page.locator('#id_number').fill(A.id);
  await page.locator('#name').fill(A.name);
  await page.locator('#mobile').fill('139 0013 9777');
  await page.locator('#contact_division-0').selectOption('320000');
  await page.locator('#contact_division-1').selectOption('320100');
  await page.locator('#contact_division-2').selectOption('320102');
  await page.locator('#contact_detail').fill('北京东路 9 号');
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'person-change-360x800.png'), fullPage: true });
  await submittedOfflineThenApproved(page, context, operator, srv.url, 'person_change', operator.locator('[data-testid=effect] tr[data-action=details]').getByText('139****9777').first());

  // 单位信息变更 from the field worker's phone, offline, naming the unit: a new contact person
  // and mobile. It syncs as a case; the operator sees the change and approves it.
  await worker.context.setOffline(true);
  await worker.page.goto(srv.url + '/unit-change');
  await worker.page.getByRole('heading', { name: '单位信息变更' }).waitFor();
  await worker.page.locator('#credit_code').fill(UNIT.code);
  await worker.page.locator('#contact_name').fill('李会计');
  await worker.page.locator('#contact_mobile').fill('13900139888');
  await assertFitsWidth(worker.page);
  await worker.page.screenshot({ path: join(ARTIFACTS, 'unit-change-360x800.png'), fullPage: true });
  await submittedOfflineThenApproved(worker.page, worker.context, operator, srv.url, 'unit_change', operator.locator('[data-testid=effect] tr[data-action=unit_details]').getByText('139****9888').first());
});
