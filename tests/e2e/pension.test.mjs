// 养老金申请 end to end: a man of 61, migrated into the ledger by the agency's command, claims his
// pension at the counter. The operator's form catches a missing archive reference as typed;
// the claim is computed with its working and waits; the operator cannot approve it, a
// supervisor does from the workbench; the months since his retirement are paid at once. He registers on his
// phone and reads 待遇领取情况 — the first month and this one, certified for a year — also with
// the signal gone. Then 协助认证: with the policy's certification made due already, a field
// worker downloads the area's due list, goes offline, certifies him with a photo at the visit;
// back online the visit syncs; an operator looks at the photo and returns it with a reason,
// which the worker's phone shows at its next sync; the fix, with a new photo, syncs and the
// operator confirms it; he reads
// 已认证至 a year on, and the visit among his certifications; he also certifies himself with a
// photo from the front camera.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { noisePng } from './images.mjs';
import { join } from 'node:path';
import { ARTIFACTS, assertFitsWidth, codeFor, idNumber, launchPhone, netState, signInStaff, startServer, tempDir, thisMonth, waitForServiceWorker } from './support.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

const month = thisMonth();
const [year, mon] = month.split('-').map(Number);
// Born on the 1st of this month 61 years ago, a man (odd sequence digit).
const C = { name: '孙守田', id: idNumber(31, `${year - 61}${String(mon).padStart(2, '0')}01`), mobile: '13800138631' };
const OPERATOR = { name: '赵经办', id: idNumber(711), mobile: '13600136711', password: 'Desk-work7' };
const SUPERVISOR = { name: '钱复核', id: idNumber(712), mobile: '13600136712', password: 'Desk-check7' };
const FIELD = { name: '吴外勤', id: idNumber(713), mobile: '13600136713', password: 'Field-walk7' };
const UNIT = '9132010270000001XC';

/** `YYYY-MM` plus `n` months. */
function plus(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

// His statutory month under the 2025 reform (办法 第一条): 60 years plus one month for every four
// months of birth cohort from 1965-01, the first included, at most 36.
const born = `${year - 61}-${String(mon).padStart(2, '0')}`;
const cohort = (year - 61 - 1965) * 12 + (mon - 1);
const statutory = plus(born, 60 * 12 + (cohort < 0 ? 0 : Math.min(36, Math.floor(cohort / 4) + 1)));

function server(args, input) {
  const r = spawnSync(process.env.SHEBAO_SERVER_BIN, args, { encoding: 'utf8', input });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

test('a pension claim is computed, approved under four eyes, and its months show in 待遇领取情况', async () => {
  const dataDir = tempDir('pension');
  const csv = join(dataDir, 'registry.csv');
  writeFileSync(csv, `name,id_number,mobile\n${C.name},${C.id},${C.mobile}\n`);
  server(['registry', '--data-dir', dataDir, 'import', csv]);
  server(['ledger', '--data-dir', dataDir, 'add-unit', '--credit-code', UNIT, '--name', '南京示例科技有限公司', '--region', '320102']);
  server(['ledger', '--data-dir', dataDir, 'enrol', '--id-number', C.id, '--name', C.name, '--credit-code', UNIT, '--month', month, '--base', '6000']);
  for (const [role, who] of [['operator', OPERATOR], ['supervisor', SUPERVISOR], ['field-worker', FIELD]]) {
    server(['staff', '--data-dir', dataDir, 'create', '--role', role, '--name', who.name, '--id-number', who.id, '--mobile', who.mobile], who.password + '\n');
  }
  let srv = await startServer({ dataDir });
  cleanups.push(() => srv.stop());
  const desk = async (who) => {
    const d = await launchPhone();
    cleanups.push(() => d.context.close());
    await d.page.setViewportSize({ width: 1280, height: 800 });
    await signInStaff(d.page, srv.url, who);
    return d.page;
  };

  // The operator finds him and files the claim; a missing archive reference is caught as typed.
  const operator = await desk(OPERATOR);
  await operator.goto(srv.url + '/office/find');
  await operator.getByTestId('office-query').fill(C.id);
  await operator.getByTestId('office-search').click();
  await operator.locator('[data-testid=hits] a').click();
  await operator.getByTestId('claim-form').waitFor();
  await operator.locator('#retire_in').fill(statutory);
  await operator.locator('#archive_months').fill('180');
  await operator.locator('#archive_index').fill('1.0');
  await operator.getByTestId('claim-submit').click();
  await operator.locator('[data-testid=claim-form] .field-error').first().waitFor();
  await operator.locator('#archive_ref').fill('档案 玄武-0417');
  await operator.getByTestId('claim-submit').click();
  const pending = operator.locator('[data-testid=claims] li[data-status=pending]');
  await pending.waitFor();
  // 江苏's 计发基数 is not a published figure yet: 8,131.67, Z = 1.0, 15 years → 1,219.75 a month,
  // plus the account part (none paid yet).
  await pending.getByTestId('claim-monthly').getByText('1,219.75').waitFor();
  await pending.locator('summary').click();
  await pending.getByText('待核实').waitFor();
  assert.equal(await operator.getByTestId('claim-confirm').count(), 0, 'an operator does not approve');
  await operator.screenshot({ path: join(ARTIFACTS, 'office-pension-claim-1280.png'), fullPage: true });

  // A supervisor approves it from the workbench's list: the months from the one after retirement
  // through this one are paid.
  const supervisor = await desk(SUPERVISOR);
  await supervisor.goto(srv.url + '/office');
  await supervisor.locator('[data-testid=claims] li[data-status=pending]').getByTestId('claim-confirm').click();
  const applied = supervisor.locator('[data-testid=claims] li[data-status=applied]');
  await applied.getByTestId('claim-monthly').getByText(month).waitFor();
  // The approval is his first certification (养老待遇资格认证); the next is due in a year.
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  await applied.getByTestId('claim-certified').getByText(today).waitFor();

  // He registers and reads 待遇领取情况.
  const { context, page } = await launchPhone();
  cleanups.push(() => context.close());
  await page.goto(srv.url + '/register');
  await netState(page).getByText('在线').waitFor();
  await page.locator('#name').fill(C.name);
  await page.locator('#id_number').fill(C.id);
  await page.locator('#mobile').fill(C.mobile);
  await page.locator('#password').fill('Tea-garden7');
  await page.locator('#password_confirm').fill('Tea-garden7');
  await page.locator('#agreed input').check();
  await page.getByTestId('send-code').click();
  await page.locator('#sms_code').fill(await codeFor(srv.url, C.mobile));
  await page.getByTestId('submit').click();
  await page.getByTestId('signed-in').waitFor();
  await waitForServiceWorker(page);
  await page.locator('a.tile[href="/my-records"]').click();
  const card = page.getByTestId('my-pension');
  await card.getByTestId('pension-status').getByText('养老金发放中').waitFor({ timeout: 30_000 });
  const paid = card.locator('[data-testid=pension-payments] tr');
  await paid.first().waitFor();
  const first = plus(statutory, 1);
  const months = Math.max(0, (Number(month.slice(0, 4)) * 12 + Number(month.slice(5))) - (Number(first.slice(0, 4)) * 12 + Number(first.slice(5))) + 1);
  assert.equal(await paid.count(), months, `from ${first} through ${month}`);
  assert.equal(await paid.first().getAttribute('data-month'), month);
  assert.equal(await paid.last().getAttribute('data-month'), first);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
  assert.equal((await card.getByTestId('pension-cert').innerText()).trim(), `已认证至 ${nextYear}`);
  await assertFitsWidth(page);
  await page.screenshot({ path: join(ARTIFACTS, 'my-pension-360x800.png'), fullPage: true });

  // Signal gone: the kept answer still shows.
  await context.setOffline(true);
  await page.reload();
  await netState(page).getByText('离线').waitFor();
  await card.getByTestId('pension-status').getByText('养老金发放中').waitFor();

  await context.setOffline(false);

  // 协助认证. The server restarted on the same data with a policy file under which his
  // certification of today is already due (every month, reminded 60 days before): there is no
  // clock to move.
  const policy = JSON.parse(readFileSync(new URL('../../server/data/policy.json', import.meta.url), 'utf8'));
  Object.assign(policy.pension.certification, { every_months: 1, remind_days: 60 });
  const duePolicy = join(dataDir, 'policy-due.json');
  writeFileSync(duePolicy, JSON.stringify(policy));
  const port = srv.port;
  await srv.stop();
  srv = await startServer({ dataDir, port, extra: ['--policy-file', duePolicy] });

  // The field worker's phone, signed in while online: the area's due list downloaded and kept.
  const field = await launchPhone();
  cleanups.push(() => field.context.close());
  await signInStaff(field.page, srv.url, FIELD);
  await waitForServiceWorker(field.page);
  await field.page.locator('a.tile[href="/certify"]').click();
  // The list is sealed on the phone under a key made from the worker's password, which the
  // server confirms first: a typo is refused and nothing is downloaded.
  await field.page.locator('#due_password').fill('Field-walk8');
  await field.page.getByText('下载本区域名单').click();
  await field.page.getByTestId('due-list').getByText('当前密码不正确').waitFor();
  await field.page.locator('#due_password').fill(FIELD.password);
  await field.page.getByText('下载本区域名单').click();
  const listed = field.page.locator(`[data-testid=due-list] li[data-claim]`).filter({ hasText: C.name });
  await listed.waitFor();
  assert.ok((await listed.innerText()).includes(`${C.id.slice(0, 4)}**********${C.id.slice(14)}`), 'the ID number masked');
  // What the phone keeps is ciphertext: neither the name nor the masked number is in it.
  const stored = await field.page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('shebao');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('meta').objectStore('meta').get('due_list');
      get.onsuccess = () => {
        open.result.close();
        const r = get.result;
        resolve({ v: r && r.v, bytes: r && r.data ? r.data.length : 0, text: new TextDecoder().decode(r && r.data ? r.data : new Uint8Array()) });
      };
      get.onerror = () => reject(get.error);
    };
  }));
  assert.equal(stored.v, 1, 'a sealed record');
  assert.ok(stored.bytes > 100 && !stored.text.includes(C.name) && !stored.text.includes(C.id.slice(14)), 'sealed, not readable');

  // In the village, no signal: after a reload the list is still there, and opens with the
  // password (a wrong one does not open it); the visit is filed.
  await field.context.setOffline(true);
  await field.page.reload();
  await netState(field.page).getByText('离线').waitFor();
  await field.page.getByTestId('due-open').waitFor();
  assert.equal(await listed.count(), 0, 'locked until the password is typed');
  await field.page.locator('#due_password').fill('Field-walk8');
  await field.page.getByTestId('due-open').click();
  await field.page.getByText('密码不正确，名单未能打开').waitFor();
  await field.page.locator('#due_password').fill(FIELD.password);
  await field.page.getByTestId('due-open').click();
  await listed.getByRole('button').click();
  await field.page.getByTestId('pensioner').getByText(C.name).waitFor();
  await field.page.locator('#id_number').fill(idNumber(714));
  await field.page.getByText('身份证号与名单中的号码不一致').waitFor();
  await field.page.locator('#id_number').fill(C.id);
  assert.equal(await field.page.getByText('身份证号与名单中的号码不一致').count(), 0);
  await field.page.locator('#face-file').setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: noisePng(900, 1200, 71) });
  await field.page.locator('[data-slot=face] img.photo-preview').waitFor();
  await field.page.locator('#attest input').check();
  await assertFitsWidth(field.page);
  await field.page.screenshot({ path: join(ARTIFACTS, 'assisted-certification-360x800.png'), fullPage: true });
  await field.page.getByTestId('submit').click();
  const status = field.page.getByTestId('filing-status');
  await status.waitFor();
  assert.notEqual(await status.getAttribute('data-state'), 'accepted', 'no network: it waits');
  // Back in signal: the visit and its photo go.
  await field.context.setOffline(false);
  await field.page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });

  // The operator (not the worker) sees the visit with its photo; she returns it with a reason.
  await operator.goto(srv.url + '/office');
  const visit = operator.locator('[data-testid=visits] li.visit').filter({ hasText: C.name });
  await visit.waitFor();
  await operator.waitForFunction((el) => el.complete && el.naturalWidth > 0, await visit.locator('img.visit-photo').elementHandle());
  await operator.screenshot({ path: join(ARTIFACTS, 'office-visits-1280.png'), fullPage: true });
  await visit.getByTestId('visit-return-reason').fill('照片不清晰，请重新拍摄');
  await visit.getByTestId('visit-return').click();
  await operator.getByText('暂无待确认的协助认证').waitFor();

  // The worker's phone learns the return at its next sync: the reason on the visit; the fix,
  // with a new photo, goes in as a linked version.
  await field.page.goto(srv.url + '/sync');
  await field.page.getByTestId('sync-now').click();
  await field.page.locator('[data-testid=outbox] [data-review=rejected]').waitFor({ timeout: 30_000 });
  await field.page.locator('[data-testid=outbox] li', { has: field.page.locator('[data-review=rejected]') }).locator('a').click();
  await field.page.getByTestId('returned-reasons').getByText('照片不清晰').waitFor();
  await field.page.getByTestId('fix').click();
  await field.page.getByTestId('returned').waitFor();
  await field.page.locator('.field-warning').getByText('照片不清晰').waitFor();
  await field.page.screenshot({ path: join(ARTIFACTS, 'visit-returned-360x800.png'), fullPage: true });
  await field.page.locator('#face-file').setInputFiles({ name: 'face2.png', mimeType: 'image/png', buffer: noisePng(900, 1200, 73) });
  await field.page.locator('[data-slot=face] img.photo-preview').waitFor();
  await field.page.locator('#attest input').check();
  await field.page.getByTestId('submit').click();
  await field.page.locator('[data-testid=filing-status][data-state=accepted]').waitFor({ timeout: 60_000 });

  // The fix, confirmed.
  await operator.goto(srv.url + '/office');
  await visit.waitFor();
  await visit.getByTestId('visit-confirm').click();
  await operator.getByText('暂无待确认的协助认证').waitFor();

  // While it is due he can also certify himself: a photo from the front camera (the development
  // face check matches it).
  await page.goto(srv.url + '/my-records');
  await card.getByTestId('pension-cert').getByText('待认证').waitFor({ timeout: 30_000 });
  await card.locator('#face-self').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: noisePng(900, 1200, 72) });
  await card.locator('[data-testid=pension-cert-history] li', { hasText: '本人认证' }).waitFor({ state: 'attached', timeout: 30_000 });

  // Under the shipped policy again, he reads 已认证至 a year on.
  await srv.stop();
  srv = await startServer({ dataDir, port });
  await page.goto(srv.url + '/my-records');
  await card.getByTestId('pension-cert').getByText(`已认证至 ${nextYear}`).waitFor({ timeout: 30_000 });
  // And the visit among his certifications, above the approval's.
  const history = card.getByTestId('pension-cert-history');
  await history.locator('summary').click();
  assert.deepEqual(await history.locator('li').allInnerTexts(), [`${today} 本人认证`, `${today} 工作人员上门协助认证`, `${today} 待遇核准（首次认证）`]);
});
