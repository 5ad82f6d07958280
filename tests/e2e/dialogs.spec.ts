import fs from 'node:fs';
import path from 'node:path';
import { createCommunity, seedMeeting } from './fixtures';
import { api, expect, screenshotDir, test } from './host';

test.beforeEach(({ page }) => {
  // The app never opens a native confirm/alert: one would fail the test here.
  page.on('dialog', (native) => {
    throw new Error(`native ${native.type()} dialog: ${native.message()}`);
  });
});

test('closing a meeting asks in the app: Esc keeps it open, Tab stays inside, Enter closes it', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  const id = await seedMeeting(host);
  await page.goto(`${host.url}#/meetings/${id}`);
  const close = page.getByRole('button', { name: '结束会议' });

  await close.click();
  const asked = page.getByRole('dialog', { name: '结束会议' });
  await expect(asked).toContainText('结束后会议内容将不能再修改，确定结束“12 月幸福议事亭议事会”吗？');
  // Enter would answer with the confirming button, which has the focus.
  await expect(asked.getByRole('button', { name: '结束会议' })).toBeFocused();
  await page.screenshot({ path: path.join(screenshotDir, 'dialog-close-meeting.zh-CN.png') });
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    await expect(asked.locator(':focus')).toHaveCount(1);
  }
  await page.keyboard.press('Escape');
  await expect(asked).toBeHidden();
  await expect(close).toBeFocused();
  expect((await api(host, 'meeting:get', { id })).status).toBe('in_progress');

  await close.click();
  await expect(asked.getByRole('button', { name: '结束会议' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已结束').first()).toBeVisible();
  expect((await api(host, 'meeting:get', { id })).status).toBe('closed');
});

test('a closing backup that could not be kept is said on the meeting page; the meeting is closed all the same', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  const id = await seedMeeting(host);
  // A file where the backups folder goes: the closing backup cannot be written.
  fs.rmSync(path.join(host.dataDir, 'backups'), { recursive: true, force: true });
  fs.writeFileSync(path.join(host.dataDir, 'backups'), 'in the way');
  await page.goto(`${host.url}#/meetings/${id}`);
  await page.getByRole('button', { name: '结束会议' }).click();
  await page.getByRole('dialog', { name: '结束会议' }).getByRole('button', { name: '结束会议' }).click();
  await expect(page.getByRole('alert')).toContainText('会议已结束并已保存，但结束时的自动备份没有成功');
  await expect(page.getByText('已结束').first()).toBeVisible();
  expect((await api(host, 'meeting:get', { id })).status).toBe('closed');
});

test('a character no font has is named in the app before exporting; declining says nothing was exported', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  // U+3134A (CJK Extension G) is in none of the fonts the app can use.
  const meeting = await api(host, 'meeting:create', { title: '\u{3134A}家巷停车议事会', place: '文化长廊' });
  await page.goto(`${host.url}#/meetings/${meeting.id}`);
  let downloads = 0;
  page.on('download', () => downloads++);

  await page.getByRole('button', { name: '导出通知 PDF（A4）' }).click();
  const asked = page.getByRole('dialog', { name: '有字符无法显示' });
  await expect(asked).toContainText('\u{3134A}');
  await asked.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('status').filter({ hasText: '未导出文件。' })).toBeVisible();
  expect(downloads).toBe(0);

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.getByRole('button', { name: '导出通知 PDF（A4）' }).click();
      await asked.getByRole('button', { name: '仍然导出' }).click();
    })(),
  ]);
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  await expect(page.getByText('未导出文件。')).toBeHidden();
});
