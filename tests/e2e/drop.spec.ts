import fs from 'node:fs';
import path from 'node:path';
import { createCommunity } from './fixtures';
import { api, expect, screenshotDir, test } from './host';
import { drop } from './ui';

const roster = () => fs.readFileSync(path.join('tests/fixtures/rosters', '名册-UTF8-BOM.csv'));

test('a roster dropped anywhere opens the import preview; an unknown file is named, not lost', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  await expect(page.getByRole('heading', { name: '会议' })).toBeVisible();
  await drop(page, [{ name: '居民名册.csv', bytes: roster(), type: 'text/csv' }]);
  await expect(page).toHaveURL(/#\/residents$/);
  const dialog = page.getByRole('dialog', { name: '导入居民名册' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('居民名册.csv')).toBeVisible();
  await expect(dialog.getByRole('button', { name: /确认导入/ })).toBeEnabled();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: path.join(screenshotDir, 'drop-roster.zh-CN.png') });
  await dialog.getByRole('button', { name: /确认导入/ }).click();
  await expect(dialog.getByRole('status')).toContainText('导入完成');
  await dialog.getByRole('button', { name: '完成' }).click();

  await drop(page, [{ name: '会议记录.docx', bytes: Buffer.from('PK') }]);
  await expect(page.getByRole('alert')).toContainText('议事亭在这里打不开：会议记录.docx');
  await page.getByRole('button', { name: '知道了' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a PDF dropped on any page is verified on the records page; a photo goes to the open topic', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  await drop(page, [{ name: '别人的纪要.pdf', bytes: Buffer.from('%PDF-1.7\n%%EOF\n'), type: 'application/pdf' }]);
  await expect(page).toHaveURL(/#\/records$/);
  await expect(page.locator('.verify-item').filter({ hasText: '别人的纪要.pdf' })).toBeVisible();

  const topic = await api(host, 'topic:create', {
    title: '东门停车难',
    description: '',
    source: 'resident',
    raisedBy: '',
    raisedOn: new Date().toISOString().slice(0, 10),
    category: '停车交通',
    level: 'small',
    building: '',
    lane: '',
  });
  await page.goto(`${host.url}#/topics/${topic.id}`);
  await expect(page.getByRole('heading', { name: '东门停车难' })).toBeVisible();
  const png = fs.readFileSync('build/icon.png');
  await drop(page, [{ name: '现场照片.png', bytes: png, type: 'image/png' }]);
  await expect(page.getByRole('button', { name: '现场照片.png' }).or(page.getByTitle('现场照片.png'))).toBeVisible();
});
