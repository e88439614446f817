// 通知公告 end to end: an administrator (signed in with the SMS second factor) drafts a notice
// from the policy data's base limits and publishes it, then a second typed by hand (a bad last
// day is refused on the field first); a phone that never signed in shows both on its home screen
// with the unread count, opens one, loses the network, reloads and still reads it (kept on the
// device), and offline too searches the help (帮助中心) and finds its county's office (联系我们);
// a withdrawn notice leaves the phone at its next fetch.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, assertFitsWidth, idNumber, launchPhone, signInStaff, startServer, waitForServiceWorker } from './support.mjs';

const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

const ADMIN = { name: '周管理', id: idNumber(811), mobile: '13600136811', password: 'Notice-desk8' };

/** China's date `days` from today, as YYYY-MM-DD. */
function chinaDay(days) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  return d.toISOString().slice(0, 10);
}

test('an admin publishes notices; a phone shows them unread, and reads them and the help offline', async () => {
  const srv = await startServer();
  cleanups.push(srv.stop);
  const made = spawnSync(process.env.SHEBAO_SERVER_BIN, [
    'staff', '--data-dir', srv.dataDir, 'create', '--role', 'admin', '--name', ADMIN.name, '--id-number', ADMIN.id, '--mobile', ADMIN.mobile,
  ], { input: ADMIN.password + '\n', encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);

  // The administrator, at a desk.
  const desk = await launchPhone();
  cleanups.push(() => desk.context.close());
  await desk.page.setViewportSize({ width: 1280, height: 800 });
  await signInStaff(desk.page, srv.url, ADMIN);
  await desk.page.locator('a.tile[href="/admin/notices"]').click();
  // A policy change announced from the policy data itself.
  await desk.page.getByTestId('notice-from-policy').click();
  assert.match(await desk.page.locator('#title').inputValue(), /社会保险缴费基数上下限/);
  assert.match(await desk.page.locator('#body').inputValue(), /4,879\.00 元.*24,396\.00 元/);
  await desk.page.getByTestId('notice-publish').click();
  await desk.page.locator('[data-testid=notices-published] li[data-withdrawn=false]').first().waitFor();
  // A notice typed by hand; a last day before the first is refused on its field, nothing sent.
  await desk.page.locator('#title').fill('春节期间窗口服务安排');
  await desk.page.locator('#body').fill('2月10日至17日暂停窗口服务。\n线上业务照常办理，可在本应用提交。');
  await desk.page.locator('#valid_to').fill(chinaDay(-1));
  await desk.page.getByTestId('notice-publish').click();
  await desk.page.locator('.field', { has: desk.page.locator('#valid_to') }).getByText('截止日期不能早于开始日期').waitFor();
  assert.equal(await desk.page.locator('[data-testid=notices-published] li').count(), 1, 'nothing was published');
  await desk.page.locator('#valid_to').fill(chinaDay(30));
  await desk.page.getByTestId('notice-publish').click();
  await desk.page.locator('[data-testid=notices-published] li').nth(1).waitFor();
  await desk.page.screenshot({ path: join(ARTIFACTS, 'notices-admin-1280.png'), fullPage: true });

  // A phone nobody signed in on: both notices, both unread.
  const phone = await launchPhone();
  cleanups.push(() => phone.context.close());
  await phone.page.goto(srv.url + '/');
  await waitForServiceWorker(phone.page);
  await phone.page.getByTestId('notices-unread').getByText('2').waitFor();
  assert.equal(await phone.page.getByTestId('home-notices').locator('..').locator('.tile-note').innerText(), '春节期间窗口服务安排', 'the newest first');
  await assertFitsWidth(phone.page);
  await phone.page.getByTestId('home-notices').click();
  await phone.page.locator('[data-testid=notice-item]').nth(1).waitFor();
  await phone.page.locator('[data-testid=notice-item]', { hasText: '春节' }).locator('a').click();
  await phone.page.getByTestId('notice').getByText('线上业务照常办理').waitFor();
  const opened = phone.page.url();
  await phone.page.screenshot({ path: join(ARTIFACTS, 'notice-360.png'), fullPage: true });

  // The network gone: after a reload the home screen still shows them, one unread, and the
  // notice still reads.
  await phone.context.setOffline(true);
  await phone.page.goto(srv.url + '/');
  await phone.page.getByTestId('notices-unread').getByText('1').waitFor();
  await phone.page.goto(opened);
  await phone.page.getByTestId('notice').getByText('2月10日至17日暂停窗口服务').waitFor();
  await phone.page.goto(srv.url + '/notices');
  await phone.page.locator('[data-testid=notice-item]').nth(1).waitFor();
  assert.equal(await phone.page.locator('[data-testid=notice-item][data-read=true]').count(), 1);
  assert.equal(await phone.page.locator('[data-testid=notice-item][data-read=false]').count(), 1);

  // 帮助中心 and 联系我们, still offline: the help file from the service worker's cache, the
  // offices from the policy table the phone kept.
  await phone.page.goto(srv.url + '/');
  await phone.page.locator('a.tile[href="/help"]').click();
  await phone.page.getByTestId('help-article').nth(5).waitFor();
  await phone.page.getByTestId('help-query').fill('单位审核要多久');
  const answer = phone.page.getByTestId('help-article').first();
  await answer.locator('summary').getByText('单位注册审核需要多长时间').waitFor();
  await answer.locator('summary').click();
  await answer.getByText('1–3个工作日').first().waitFor();
  await assertFitsWidth(phone.page);
  await phone.page.screenshot({ path: join(ARTIFACTS, 'help-360.png'), fullPage: true });
  await phone.page.getByTestId('help-query').fill('火星');
  await phone.page.getByTestId('help-none').waitFor();
  await phone.page.locator('a[href="/contact"]').click();
  await phone.page.getByTestId('office').nth(1).waitFor();
  await phone.page.getByTestId('contact-where').selectOption('320583');
  await phone.page.getByTestId('office').first().locator('h2', { hasText: '昆山' }).waitFor();
  assert.equal(await phone.page.getByTestId('office-call').first().getAttribute('href'), 'tel:0512-12333', 'the county\'s number first');
  await assertFitsWidth(phone.page);

  // Withdrawn at the desk: the phone drops it once it can reach the server again.
  await desk.page.locator('[data-testid=notices-published] li', { hasText: '春节' }).getByTestId('notice-withdraw').click();
  await desk.page.locator('[data-testid=notices-published] li[data-withdrawn=true]').waitFor();
  await phone.context.setOffline(false);
  await phone.page.goto(srv.url + '/notices');
  await phone.page.waitForFunction(() => {
    const items = [...document.querySelectorAll('[data-testid=notice-item]')];
    return items.length === 1 && !items[0].textContent.includes('春节');
  }, null, { timeout: 30_000 });
});
