import path from 'node:path';
import { createCommunity } from './fixtures';
import { expect, screenshotDir, test } from './host';
import { pageWidth } from './ui';

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
  await expect(dialog.getByRole('status')).toHaveText(
    '将新增 5 人，更新 0 人，0 人没有变化。1 行不导入，1 处需要核对（见下）。',
  );
  await expect(dialog.getByRole('list', { name: '不导入的行' })).toHaveText('第 5 行：缺少姓名，此行未导入');
  // 刘昇 is kept; only the phone with a missing digit is left out.
  await expect(dialog.getByRole('list', { name: '已导入、需要核对' })).toHaveText(
    '第 6 行：手机号“1380000”格式不对，已留空',
  );
  await page.screenshot({ path: path.join(screenshotDir, 'roster-import-preview.zh-CN.png') });
  await dialog.getByRole('button', { name: '确认导入 5 人' }).click();
  await expect(dialog.getByRole('status')).toHaveText('导入完成：新增 5 人，更新 0 人，0 人没有变化，1 行未导入。');
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('共 5 人')).toBeVisible();

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
  await expect(dialog.getByRole('list', { name: '已导入、需要核对' })).toContainText(
    '第 6 行：性别“未知”只能是“男”或“女”，已留空',
  );
  await dialog.getByRole('button', { name: '确认导入 4 人' }).click();
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('共 12 人')).toBeVisible();

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
  await expect(names).toHaveCount(12);
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

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`a roster as the office keeps it — title row, two header rows, footer — at ${viewport.width}×${viewport.height}`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize(viewport);
    await createCommunity(page, host.url);
    await page.getByRole('navigation').getByRole('link', { name: '居民' }).click();
    await page.getByRole('button', { name: '导入名册' }).click();
    const dialog = page.getByRole('dialog', { name: '导入居民名册' });
    await dialog.getByLabel('选择 Excel 或 CSV 文件…').setInputFiles(roster('东湖社区居民花名册.xlsx'));

    // The headers are found under the merged title, on rows 4 and 5.
    const headerRow = dialog.getByLabel('表头所在行');
    await expect(headerRow).toHaveValue('4');
    await expect(headerRow.locator('option').first()).toHaveText('第 1 行：东湖社区居民花名册');
    await expect(dialog.getByLabel('表头占两行（第 4、5 行）')).toBeChecked();
    await expect(dialog.getByLabel('楼栋', { exact: true })).toHaveValue('3');
    const sample = dialog.getByRole('table', { name: '文件内容预览' });
    await expect(sample.getByRole('columnheader', { name: /住址 · 楼栋/ })).toBeVisible();
    await expect(sample.getByRole('cell', { name: '张 伟' })).toBeVisible();
    // The file has full ID numbers; the screen never does.
    await expect(sample.getByRole('cell', { name: '**************0011' })).toBeVisible();
    expect(await dialog.innerText()).not.toMatch(/\d{15}|1[3-9]\d{9}/);

    await expect(dialog.getByRole('status')).toHaveText(
      '将新增 10 人，更新 0 人，0 人没有变化。2 行不导入，3 处需要核对（见下）。',
    );
    const warnings = dialog.getByRole('list', { name: '已导入、需要核对' });
    await expect(warnings.getByRole('listitem')).toHaveText([
      '第 8 行：手机号“1380000003”格式不对，已留空',
      '第 9 行：缺少房号',
      '第 15 行：性别“其他”只能是“男”或“女”，已留空',
    ]);
    await expect(dialog.getByRole('list', { name: '不导入的行' }).getByRole('listitem')).toHaveText([
      '第 16 行：“合计：10 人”是说明或合计，不是居民，此行未导入',
      '第 17 行：“制表人：周敏”是说明或合计，不是居民，此行未导入',
    ]);
    await page.screenshot({ path: path.join(screenshotDir, `roster-title-row.${viewport.width}.png`) });
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

    // The secretary can pick the header row: the title is no header, and the app says what to do.
    await headerRow.selectOption('1');
    await expect(dialog.getByRole('alert')).toContainText('没有认出“姓名”列');
    await expect(dialog.getByRole('button', { name: /确认导入/ })).toBeDisabled();
    await headerRow.selectOption('4');
    await expect(dialog.getByLabel('表头占两行（第 4、5 行）')).toBeChecked();
    await dialog.getByRole('button', { name: '确认导入 10 人' }).click();
    await expect(dialog.getByRole('status')).toHaveText('导入完成：新增 10 人，更新 0 人，0 人没有变化，2 行未导入。');
    await dialog.getByRole('button', { name: '完成' }).click();

    // The same file again changes nobody, and says so.
    await page.getByRole('button', { name: '导入名册' }).click();
    await dialog.getByLabel('选择 Excel 或 CSV 文件…').setInputFiles(roster('东湖社区居民花名册.xlsx'));
    await expect(dialog.getByRole('status')).toContainText('将新增 0 人，更新 0 人，10 人没有变化。');
    await dialog.getByRole('button', { name: '取消' }).click();

    // The address as the file wrote it, as the app shows it, a phone tail, a name with a space.
    const search = page.getByRole('searchbox', { name: '搜索居民' });
    const names = page.locator('tbody td.strong');
    for (const query of ['7幢1单元101', '7-1-101', '7栋1单元101室']) {
      await search.fill(query);
      await expect(names).toHaveText(['张伟', '李秀英']);
    }
    await search.fill('0037');
    await expect(names).toHaveText(['张伟']);
    await search.fill('张 伟');
    await expect(names).toHaveText(['张伟']);
    await expect(page.getByRole('row', { name: /张伟/ })).toContainText('7-1-101');
    await search.fill('王建国');
    await expect(page.getByRole('row', { name: /王建国/ })).toContainText('居民代表');
    await page.screenshot({ path: path.join(screenshotDir, `residents-search.${viewport.width}.png`) });
  });
}
