import path from 'node:path';
import type { Locator } from '@playwright/test';
import { createCommunity, finalizedMeeting } from './fixtures';
import { api, expect, screenshotDir, test } from './host';
import { pageWidth } from './ui';

/** A text box whose text is wider than the box shows the secretary only part of it. */
const textCut = (box: Locator) =>
  box.evaluate((input) => {
    const element = input as unknown as { scrollWidth: number; clientWidth: number };
    return element.scrollWidth > element.clientWidth;
  });

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`first run at ${viewport.width}×${viewport.height}: nothing scrolls sideways`, async ({ page, host }) => {
    await page.setViewportSize(viewport);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '欢迎使用议事亭' })).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    await page.getByRole('radio', { name: /街道/ }).check();
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: path.join(screenshotDir, `first-run-${viewport.width}.png`), fullPage: true });
  });

  test(`follow-up at ${viewport.width}×${viewport.height}: 责任方 and dates whole, supervisor's phone masked`, async ({
    page,
    host,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await createCommunity(page, host.url);
    await finalizedMeeting(host);
    await api(host, 'supervisor:save', { name: '钱卫国', phone: '13912340037' });
    await page.getByRole('link', { name: '落实', exact: true }).click();
    const parking = page.getByRole('article', { name: '东门划线停车方案' });
    await parking.getByLabel('责任方').fill('东湖物业服务有限公司');
    await expect(parking.getByLabel('责任方')).toHaveValue('东湖物业服务有限公司');
    expect(await textCut(parking.getByLabel('责任方'))).toBe(false);
    expect(await textCut(parking.getByLabel('完成时限'))).toBe(false);
    expect(await textCut(parking.getByRole('textbox', { name: '日期' }).first())).toBe(false);
    await expect(page.locator('aside').getByText('139****0037')).toBeVisible();
    await expect(page.getByText('13912340037')).toHaveCount(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: path.join(screenshotDir, `followup-${viewport.width}.png`), fullPage: true });
  });
}

test('when the app cannot ask how it is, the window says so and retries, instead of staying blank', async ({
  page,
  host,
}) => {
  let failing = true;
  await page.route('**/api/app:status', (route) =>
    failing ? route.fulfill({ status: 502, body: 'Bad Gateway' }) : route.continue(),
  );
  await page.goto(host.url);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: '议事亭没能打开' })).toBeVisible();
  await expect(alert).toContainText('无法连接到议事亭服务，请确认程序仍在运行。');
  await page.screenshot({ path: path.join(screenshotDir, 'start-failed.png') });
  failing = false;
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { name: '欢迎使用议事亭' })).toBeVisible();
});

test('in English, role tags and the sections an amendment points at are English too', async ({ page, host }) => {
  await createCommunity(page, host.url);
  const meetingId = await finalizedMeeting(host);
  await api(host, 'minutes:amend', {
    id: meetingId,
    section: '出席情况',
    text: '补记：王建平 19:20 到会。',
    reason: '签到时漏记',
    author: '周敏',
  });
  await api(host, 'settings:setLocale', { locale: 'en' });
  await page.goto(`${host.url}#/residents`);
  await expect(page.getByRole('heading', { name: 'Residents' })).toBeVisible();
  await expect(page.locator('.tag').first()).toHaveText('Residents’ representative');
  await expect(page.getByText('居民代表')).toHaveCount(0);

  await page.goto(`${host.url}#/meetings/${meetingId}/minutes`);
  await expect(page.getByText(/Amendment 1 · 2\. Attendance/)).toBeVisible();
  await page.getByRole('button', { name: 'Add amendment' }).first().click();
  const sections = page.getByRole('dialog').getByRole('combobox', { name: 'Section' });
  await expect(sections.getByRole('option')).toHaveText([
    '1. The meeting',
    '2. Attendance',
    /^1 东门划线停车方案/,
    /^2 /,
    /^3 /,
    '4. Follow-up',
  ]);
});
