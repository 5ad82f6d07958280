import path from 'node:path';
import type { Page } from '@playwright/test';
import { createCommunity, names, seedMeeting } from './fixtures';
import { api, expect, screenshotDir, test } from './host';

const row = (page: Page, label: string) => page.getByRole('group', { name: label, exact: true });

test('a correction opens with what was entered; roll call and owners’ votes have 全部赞成 / 其余弃权 by keyboard', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await createCommunity(page, host.url);
  const meetingId = await seedMeeting(host);
  for (const [i] of names.slice(0, 10).entries()) {
    const found = await api(host, 'resident:search', { query: names[i]!, limit: 1, offset: 0 });
    await api(host, 'attendance:checkIn', { meetingId, residentId: found.items[0]!.id });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${host.url}#/meetings/${meetingId}/run`);

  // Item 1, a show of hands; the correction starts from 20 / 5 / 4, not from zeros.
  await page.getByRole('button', { name: '开始第一项 →' }).click();
  await page.getByLabel('表决方式').selectOption({ label: '举手表决' });
  await page.getByLabel('赞成').fill('6');
  await page.getByLabel('反对').fill('3');
  await page.getByLabel('弃权').fill('1');
  await page.getByRole('button', { name: '记录表决结果' }).click();
  await expect(page.locator('.vote-record')).toContainText('赞成 6，反对 3，弃权 1');
  await page.getByRole('button', { name: '更正' }).click();
  await expect(page.getByLabel('赞成')).toHaveValue('6');
  await expect(page.getByLabel('反对')).toHaveValue('3');
  await expect(page.getByLabel('表决方式')).toHaveValue('hands');
  await page.getByLabel('反对').fill('2');
  await page.getByLabel('弃权').fill('2');
  await page.getByLabel('更正理由（必填，原记录会保留）').fill('反对票点错一票');
  await page.getByRole('button', { name: '保存更正' }).click();
  await expect(page.locator('.vote-record').last()).toContainText('赞成 6，反对 2，弃权 2');

  // Item 2, a roll call: from the rule field, Tab reaches 全部赞成 and Enter fills every line.
  await page.getByRole('button', { name: '下一项 →' }).click();
  // The vote form is item 2's once its question is (a choice made before then would belong to item 1's form).
  await expect(page.getByLabel('表决事项')).toHaveValue(/垃圾分类点位调整/);
  await page.getByLabel('表决方式').selectOption({ label: '记名表决' });
  await expect(page.locator('.choice-list li')).toHaveCount(10);
  await page.getByLabel('通过规则').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '全部赞成' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已填 10/10')).toBeVisible();
  for (const name of names.slice(7, 10)) await row(page, name).getByRole('button', { name: '反对' }).click();
  await page.getByRole('button', { name: '记录表决结果' }).click();
  await expect(page.locator('.vote-record')).toContainText('赞成 7，反对 3，弃权 0；到会 10 人，通过');

  // Correcting one line: every other line is already as it was.
  await page.getByRole('button', { name: '更正' }).click();
  await expect(page.getByText('已填 10/10')).toBeVisible();
  await expect(row(page, names[8]!).getByRole('button', { name: '反对' })).toHaveAttribute('aria-pressed', 'true');
  await expect(row(page, names[0]!).getByRole('button', { name: '赞成' })).toHaveAttribute('aria-pressed', 'true');
  await row(page, names[8]!).getByRole('button', { name: '弃权' }).click();
  await page.getByLabel('更正理由（必填，原记录会保留）').fill(`${names[8]} 实为弃权`);
  await page.screenshot({ path: path.join(screenshotDir, 'vote-correction-prefilled.1440.png') });
  await page.getByRole('button', { name: '保存更正' }).click();
  await expect(page.locator('.vote-record').last()).toContainText('赞成 7，反对 2，弃权 1；到会 10 人，通过');

  // Item 3, owners by household: two against, 其余弃权 fills the 28 others (keyboard again).
  await page.getByRole('button', { name: '下一项 →' }).click();
  await expect(page.getByLabel('表决方式')).toHaveValue('owners');
  const flats = page.locator('.choice-list li');
  await expect(flats).toHaveCount(30);
  await flats.nth(0).getByRole('button', { name: '反对' }).click();
  await flats.nth(1).getByRole('button', { name: '反对' }).click();
  await expect(page.getByText('已填 2/30')).toBeVisible();
  await page.getByRole('button', { name: '其余弃权' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已填 30/30')).toBeVisible();
  await expect(flats.nth(0).getByRole('button', { name: '反对' })).toHaveAttribute('aria-pressed', 'true');
  await expect(flats.nth(2).getByRole('button', { name: '弃权' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: '其余弃权' })).toBeDisabled();
  await page.getByRole('button', { name: '记录表决结果' }).click();
  await expect(page.locator('.vote-record')).toContainText('同意 0 户');
  await page.getByRole('button', { name: '更正' }).click();
  await expect(page.getByText('已填 30/30')).toBeVisible();
  await expect(flats.nth(1).getByRole('button', { name: '反对' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByText('已填 0/30')).toBeVisible();
});
