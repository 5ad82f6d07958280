import path from 'node:path';
import { createCommunity } from './fixtures';
import { expect, screenshotDir, test } from './host';

const roster = (name: string) => path.join('tests', 'fixtures', 'rosters', name);

test('import GBK, GB18030 and XLSX rosters with a preview, then find people by initials', async ({ page, host }) => {
  await createCommunity(page, host.url);
  await page.getByRole('navigation').getByRole('link', { name: '居民' }).click();
  await expect(page.getByText('名册里还没有居民')).toBeVisible();

  // GBK CSV: preview shows the decoded names, the mapping and the two bad rows; nothing is written yet.
  await page.getByRole('button', { name: '导入名册' }).click();
  const dialog = page.getByRole('dialog', { name: '导入居民名册' });
  await dialog.getByLabel('选择 Excel 或 CSV 文件…').setInputFiles(roster('名册-GBK.csv'));
  await expect(dialog.getByText('文件编码：GB18030/GBK')).toBeVisible();
  for (const name of ['王堃', '李喆', '赵赟', '刘昇'])
    await expect(dialog.getByRole('cell', { name, exact: true })).toBeVisible();
  await expect(dialog.getByLabel('手机', { exact: true })).toHaveValue('5');
  await expect(dialog.getByRole('status')).toHaveText('将新增 4 人，更新 0 人；2 行有问题，将跳过。');
  const problems = dialog.getByRole('list', { name: '有问题的行' });
  await expect(problems).toContainText('第 5 行：缺少姓名');
  await expect(problems).toContainText('第 6 行：手机号“1380000”格式不对');
  await page.screenshot({ path: path.join(screenshotDir, 'roster-import-preview.zh-CN.png') });
  await dialog.getByRole('button', { name: '确认导入 4 人' }).click();
  await expect(dialog.getByRole('status')).toHaveText('导入完成：新增 4 人，更新 0 人，跳过 2 行。');
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('共 4 人')).toBeVisible();

  // GB18030 with a combined address column and ID numbers, which stay out unless opted in.
  await page.getByRole('button', { name: '导入名册' }).click();
  await dialog.getByLabel('选择 Excel 或 CSV 文件…').setInputFiles(roster('名册-GB18030.csv'));
  await expect(dialog.getByLabel('住址（合并）')).toHaveValue('1');
  await expect(dialog.getByLabel('导入身份证号（只保存后 4 位，其余打码）')).not.toBeChecked();
  await dialog.getByRole('button', { name: '确认导入 3 人' }).click();
  await dialog.getByRole('button', { name: '完成' }).click();

  // XLSX with 䶮 (Ext-A) and 𠇔 (Ext-B), which GBK cannot hold.
  await page.getByRole('button', { name: '导入名册' }).click();
  await dialog.getByLabel('选择 Excel 或 CSV 文件…').setInputFiles(roster('名册-生僻字.xlsx'));
  await expect(dialog.getByRole('cell', { name: '陈𠇔' })).toBeVisible();
  await expect(dialog.getByRole('list', { name: '有问题的行' })).toContainText('第 6 行：性别“未知”只能是“男”或“女”');
  await dialog.getByRole('button', { name: '确认导入 3 人' }).click();
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('共 10 人')).toBeVisible();

  // Search by initials, full pinyin, a multi-reading surname, a rare character and a room.
  const search = page.getByRole('searchbox', { name: '搜索居民' });
  const names = page.locator('tbody td.strong');
  await search.fill('wk');
  await expect(names).toHaveText(['王堃']);
  await search.fill('zengguoqiang');
  await expect(names).toHaveText(['曾国强']);
  await search.fill('stf');
  await expect(names).toHaveText(['单田芳']);
  await search.fill('𠇔');
  await expect(names).toHaveText(['陈𠇔']);
  await search.fill('');
  await expect(names).toHaveCount(10);
  await expect(page.getByRole('row', { name: /李喆/ })).toContainText('139****2222');
  await page.screenshot({ path: path.join(screenshotDir, 'residents.zh-CN.png'), fullPage: true });

  // Export the roster: an XLSX download.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出名册' }).click();
  expect((await download).suggestedFilename()).toMatch(/^居民名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

test('a broken file gets a clear message and writes nothing', async ({ page, host }) => {
  await createCommunity(page, host.url);
  await page.getByRole('navigation').getByRole('link', { name: '居民' }).click();
  await page.getByRole('button', { name: '导入名册' }).click();
  const dialog = page.getByRole('dialog', { name: '导入居民名册' });
  await dialog.getByLabel('选择 Excel 或 CSV 文件…').setInputFiles({
    name: '名册.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK\u0003\u0004 broken'),
  });
  await expect(dialog.getByRole('alert')).toHaveText('无法读取这个文件，它可能已损坏，或不是 Excel 文件。');
  await expect(dialog.getByRole('button', { name: /确认导入/ })).toBeDisabled();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByText('名册里还没有居民')).toBeVisible();
});
