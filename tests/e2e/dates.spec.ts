import path from 'node:path';
import { createCommunity } from './fixtures';
import { expect, screenshotDir, test } from './host';

test('a meeting day picked from a Chinese calendar, by mouse and by keyboard; typed forms read too', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  await page.getByRole('button', { name: '新建会议' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await dialog.getByLabel('会议名称').fill('1 月议事会');

  // The calendar speaks Chinese: month caption, weekday heads, day names.
  await dialog.getByRole('button', { name: '打开日历' }).click();
  const calendar = dialog.getByRole('group', { name: '会议日期' });
  await expect(calendar.getByRole('grid', { name: /^\d{4}年\d{1,2}月$/ })).toBeVisible();
  await calendar.getByRole('combobox', { name: '选择年份' }).selectOption('2027');
  await calendar.getByRole('combobox', { name: '选择月份' }).selectOption({ label: '一月' });
  await expect(calendar.getByRole('grid', { name: '2027年1月' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'date-picker.zh-CN.png') });
  await calendar.getByRole('button', { name: /2027年1月15日/ }).click();
  await expect(calendar).toBeHidden();
  await expect(dialog.getByLabel('会议日期')).toHaveValue('2027年1月15日');
  await expect(dialog.getByLabel('会议日期')).toBeFocused();

  // Keyboard only: Alt+↓ opens the calendar on the chosen day, arrows move, Enter picks, Esc closes only the calendar.
  await dialog.getByLabel('会议日期').press('Alt+ArrowDown');
  await expect(calendar.getByRole('button', { name: /2027年1月15日/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('会议日期')).toHaveValue('2027年1月23日');
  await dialog.getByRole('button', { name: '打开日历' }).press('Enter');
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();
  await expect(dialog).toBeVisible();

  // A day that does not exist is refused in words before anything is saved; the hour is asked for with the day.
  await dialog.getByLabel('会议日期').fill('2027-02-30');
  await expect(dialog.getByText('请输入有效日期，例如 2026年12月1日')).toBeVisible();
  await dialog.getByLabel('会议日期').fill('2027/1/23');
  await dialog.getByLabel('开始时间').fill('19:30');
  await dialog.getByRole('button', { name: '创建会议' }).click();
  await expect(page.getByText('2027年1月23日（星期六）19:30').first()).toBeVisible();

  // English: the same field and calendar in English.
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByRole('combobox', { name: '界面语言' }).first().selectOption('en');
  await page.getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('button', { name: 'New meeting' }).first().click();
  const english = page.getByRole('dialog', { name: 'New meeting' });
  await english.getByLabel('Date').fill('2027-01-23');
  await english.getByLabel('Date').blur();
  await expect(english.getByLabel('Date')).toHaveValue('23 Jan 2027');
  await english.getByRole('button', { name: 'Open calendar' }).click();
  await expect(english.getByRole('group', { name: 'Date' }).getByRole('grid', { name: 'January 2027' })).toBeVisible();
  await expect(
    english.getByRole('group', { name: 'Date' }).getByRole('button', { name: /^23 January 2027/ }),
  ).toBeFocused();
});

test('a month on the statistics page picked from a Chinese month list, never after the end month', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('radio', { name: /街道/ }).check();
  await page.getByLabel('街道名称').fill('当湖街道');
  await page.getByLabel('所属区（县、市）').fill('平湖市');
  await page.getByRole('button', { name: '保存并开始' }).click();
  await page.getByRole('link', { name: '统计' }).click();

  const year = new Date().getFullYear();
  const from = page.getByLabel('起始月份');
  await expect(from).toHaveValue(`${year}年1月`);
  await page.getByRole('button', { name: '打开月份表' }).first().click();
  const months = page.getByRole('group', { name: '起始月份' });
  await expect(months.getByRole('button', { name: `${year}年1月` })).toBeFocused();
  await page.screenshot({ path: path.join(screenshotDir, 'month-picker.zh-CN.png') });
  await months.getByRole('button', { name: '上一年' }).click();
  await months.getByRole('button', { name: `${year - 1}年3月` }).click();
  await expect(from).toHaveValue(`${year - 1}年3月`);

  // The end month cannot come before the start: those months are not offered.
  await page.getByRole('button', { name: '打开月份表' }).nth(1).click();
  const to = page.getByRole('group', { name: '截止月份' });
  await to.getByRole('button', { name: '上一年' }).click();
  await to.getByRole('button', { name: '上一年' }).click();
  await expect(to.getByRole('button', { name: `${year - 2}年12月` })).toBeDisabled();
});
