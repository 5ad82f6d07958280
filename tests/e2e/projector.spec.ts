import path from 'node:path';
import { createCommunity } from './fixtures';
import { api, expect, screenshotDir, test } from './host';

type BrowserWindow = { getComputedStyle(element: unknown): { fontSize: string } };

test('the projector fits 15 agenda items at 1920×1080 with body text of at least 48 px', async ({ page, host }) => {
  await createCommunity(page, host.url);
  const meeting = await api(host, 'meeting:create', { title: '年度居民代表会议' });
  let agenda: { id: number }[] = [];
  for (let i = 1; i <= 15; i += 1) {
    const title = `第${i}项 关于小区公共区域改造的议题讨论与表决安排`;
    agenda = await api(host, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title, plannedMinutes: 5 });
  }
  await api(host, 'run:goto', { meetingId: meeting.id, itemId: agenda[14]!.id });
  const meetingId = meeting.id;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${host.url}#/projector/${meetingId}`);
  const items = page.locator('.pj-agenda li');
  await expect(items).toHaveCount(15);
  const last = await items.last().boundingBox();
  expect(last!.y + last!.height).toBeLessThanOrEqual(1080);
  for (const selector of ['.pj-agenda li', '.pj-current', '.pj-label', '.pj-quorum small', '.pj-header h1']) {
    const size = await page
      .locator(selector)
      .first()
      // Runs in the page; the Node-side tsconfig has no DOM types, hence the narrow cast.
      .evaluate((el) => parseFloat((globalThis as unknown as BrowserWindow).getComputedStyle(el).fontSize));
    expect(size, selector).toBeGreaterThanOrEqual(48);
  }
  await expect(page.getByRole('listitem').filter({ hasText: '第15项' })).toHaveClass(/now/);
  await page.screenshot({ path: path.join(screenshotDir, 'projector-15-items.zh-CN.png') });
});
