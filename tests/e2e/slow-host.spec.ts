import { createCommunity, names, seedMeeting } from './fixtures';
import { api, expect, test, type RunningHost } from './host';

/** The host stops answering for a while (a busy disk, a paused process), then goes on. */
async function whilePaused(host: RunningHost, work: () => Promise<void>) {
  process.kill(host.process.pid!, 'SIGSTOP');
  try {
    await work();
  } finally {
    process.kill(host.process.pid!, 'SIGCONT');
  }
}

test('a change on its way says 正在保存…, closing the tab asks first, and once answered the sidebar says 已保存', async ({
  page,
  host,
}) => {
  page.removeAllListeners('dialog'); // this spec answers the question itself
  await createCommunity(page, host.url);
  const { id } = await api(host, 'meeting:create', { title: '1 月议事会' });
  await page.goto(`${host.url}#/meetings/${id}`);
  const status = page.getByRole('status', { name: '保存状态' });
  const duration = page.getByLabel('会议时长（分钟）');

  // The page is all there before the host stops: the plan, its invitees and the agenda are read.
  await expect(duration).toHaveValue('120');
  await expect(page.getByRole('status').filter({ hasText: '计划用时' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // While the host does not answer, the change waits, and says so.
  await whilePaused(host, async () => {
    // Clicked and typed, as a secretary does (a browser asks before unloading only a page the user has used).
    await duration.click();
    await duration.fill('45');
    await duration.blur();
    await expect(status).toHaveText('正在保存…');
    const asked = page.waitForEvent('dialog');
    // Closing the tab (Playwright runs the page's beforeunload only for a close it is asked to).
    void page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
  });

  // Staying on the page lets the change through; after a reload it is there.
  await expect(status).toHaveText('✓ 已保存');
  await page.reload();
  await expect(duration).toHaveValue('45');
});

test('a proxy answered late does not pull the cursor out of the guest form the secretary has moved on to', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  const meetingId = await seedMeeting(host);
  await page.goto(`${host.url}#/meetings/${meetingId}/run`);
  const search = page.getByRole('searchbox', { name: '姓名、拼音首字母或房号，回车签到' });
  await search.fill(names[0]!);
  await search.press('Enter');
  await expect(page.getByRole('list', { name: '已签到' })).toContainText(names[0]!);
  await page.getByRole('list', { name: '已签到' }).getByRole('button', { name: '委托' }).click();
  const absent = page.getByLabel('输入未到场居民的姓名');
  await absent.fill(names[5]!);
  await expect(page.locator('.proxy-box').getByRole('button', { name: new RegExp(names[5]!) })).toBeVisible();

  // Enter, and on to the guest at the door before the answer is back.
  const guestName = page.getByLabel('列席人员姓名');
  await whilePaused(host, async () => {
    await absent.press('Enter');
    await guestName.fill('张律');
  });
  await expect(page.locator('.proxy-box')).toHaveCount(0);
  await guestName.pressSequentially('师');
  await expect(guestName).toBeFocused();
  await expect(guestName).toHaveValue('张律师');
  await expect(search).toHaveValue('');
  await page.getByRole('button', { name: '添加列席' }).click();
  await expect(page.getByRole('list', { name: '已签到' })).toContainText('张律师');
});
