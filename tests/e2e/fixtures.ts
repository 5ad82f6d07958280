import type { Page } from '@playwright/test';

/** The first-run step every flow starts with. */
export async function createCommunity(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('社区名称').fill('东湖社区');
  await page.getByLabel('所属街道').fill('当湖街道');
  await page.getByLabel('所属区（县、市）').fill('平湖市');
  await page.getByLabel('议事亭名称').fill('东湖幸福议事亭');
  await page.getByLabel('议事亭地点').fill('3 号楼南侧文化长廊');
  await page.getByRole('button', { name: '保存并开始' }).click();
  await page.getByRole('navigation').waitFor();
}
