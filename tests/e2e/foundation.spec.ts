import path from 'node:path';
import { expect, screenshotDir, test } from './host';

test('first run → community → meeting → reload keeps it; language switch', async ({ page, host }) => {
  await page.goto(host.url);

  // First run: the profile form, in Chinese.
  await expect(page.getByRole('heading', { name: '欢迎使用议事亭' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'first-run.zh-CN.png') });

  // Submitting with an empty field is refused by the browser; a blank-but-spaces field by the main side.
  await page.getByLabel('社区名称').fill('   ');
  await page.getByLabel('所属街道').fill('当湖街道');
  await page.getByLabel('所属区（县、市）').fill('平湖市');
  await page.getByLabel('议事亭名称').fill('东湖幸福议事亭');
  await page.getByLabel('议事亭地点').fill('3 号楼南侧文化长廊');
  await page.getByRole('button', { name: '保存并开始' }).click();
  await expect(page.getByRole('alert')).toHaveText('输入有误：“社区名称”不能为空');

  await page.getByLabel('社区名称').fill('东湖社区');
  await page.getByRole('button', { name: '保存并开始' }).click();

  // The app frame with its five sections.
  const nav = page.getByRole('navigation');
  for (const name of ['会议', '议题', '居民', '记录', '设置'])
    await expect(nav.getByRole('link', { name })).toBeVisible();
  await expect(page.getByText('还没有会议')).toBeVisible();

  // Create a meeting; the place defaults to the pavilion.
  await page.getByRole('button', { name: '新建会议' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await expect(dialog.getByLabel('会议地点')).toHaveValue('3 号楼南侧文化长廊');
  await dialog.getByLabel('会议名称').fill('3 号楼加装电梯议事会');
  await dialog.getByLabel('会议日期').fill('2026-11-30');
  await dialog.getByLabel('开始时间').fill('19:00');
  await dialog.getByRole('button', { name: '创建会议' }).click();

  // It opens the meeting page.
  await expect(page.getByRole('heading', { name: /3 号楼加装电梯议事会/ })).toBeVisible();
  await expect(page.getByText('筹备中').first()).toBeVisible();

  // Back to the list, then reload: the meeting is still there (saved by the main side, not the page).
  await page.getByRole('link', { name: '全部会议' }).click();
  await page.reload();
  const row = page.getByRole('row', { name: /3 号楼加装电梯议事会/ });
  await expect(row).toContainText('2026年11月30日');
  await expect(row).toContainText('筹备中');
  await page.screenshot({ path: path.join(screenshotDir, 'meeting-list.zh-CN.png') });

  // Switch to English; it is remembered across a reload.
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByRole('combobox', { name: '界面语言' }).first().selectOption('en');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.reload();
  await page.getByRole('link', { name: 'Meetings' }).click();
  await expect(page.getByRole('row', { name: /3 号楼加装电梯议事会/ })).toContainText('Draft');
});
