import type { Page } from '@playwright/test';
import { createCommunity, seedMeeting } from './fixtures';
import { api, expect, test } from './host';

type Focused = { name: string; ring: boolean };

/** What has focus (its accessible name as a label, text or aria-label gives it) and whether a focus ring shows. */
const focused = (page: Page) =>
  page.evaluate<Focused>(() => {
    type El = {
      id: string;
      tagName: string;
      textContent: string | null;
      getAttribute(n: string): string | null;
      labels?: { textContent: string | null }[];
    };
    const doc = (globalThis as unknown as { document: { activeElement: El | null } }).document;
    const view = globalThis as unknown as {
      getComputedStyle(e: El): { outlineStyle: string; outlineWidth: string; boxShadow: string };
    };
    const e = doc.activeElement;
    // Between the page's last control and its first, focus passes the browser's own bar.
    if (!e || e.tagName === 'BODY') return { name: '', ring: true };
    // A required field's label ends in " *" (hidden from its accessible name).
    const name = (e.getAttribute('aria-label') ?? e.labels?.[0]?.textContent ?? e.textContent ?? '')
      .replace(/\s*\*\s*$/, '')
      .trim();
    const style = view.getComputedStyle(e);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    return { name, ring };
  });

/** Tab (forwards) until something named `name` has focus; every stop on the way must show where focus is. */
async function tabTo(page: Page, name: string | RegExp, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect.soft(now.ring, `focus ring on “${now.name}”`).toBe(true);
    if (typeof name === 'string' ? now.name === name : name.test(now.name)) return;
  }
  throw new Error(`“${String(name)}” is not reachable with Tab`);
}

test('plan a meeting by keyboard alone: create it, add and name an agenda item, Esc closes, focus always visible', async ({
  page,
  host,
}) => {
  await createCommunity(page, host.url);
  await page.goto(`${host.url}#/meetings`);
  await expect(page.getByRole('heading', { name: '会议', exact: true })).toBeVisible();

  await tabTo(page, /新建会议/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await expect(dialog.getByLabel('会议名称')).toBeFocused();
  await page.keyboard.type('1 月楼道堆物议事会');
  await tabTo(page, '会议日期');
  await page.keyboard.type('2027年1月9日');
  // The calendar button next to it; Esc in the calendar closes the calendar only.
  await tabTo(page, '打开日历');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('group', { name: '会议日期' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('group', { name: '会议日期' })).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('会议日期')).toHaveValue('2027年1月9日');
  await tabTo(page, '开始时间');
  await page.keyboard.type('1930');
  // Enter in a text field submits the form.
  await tabTo(page, '会议地点');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /1 月楼道堆物议事会/ })).toBeVisible();
  await expect(page.getByText('2027年1月9日（星期六）19:30').first()).toBeVisible();

  // Add a briefing to the agenda and name it.
  await tabTo(page, '＋ 情况通报');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: '事项名称' })).toHaveCount(1);
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 40 && (await focused(page)).name !== '事项名称'; i += 1) await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).name).toBe('事项名称');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('楼道堆物清理情况通报');
  await page.keyboard.press('Tab');
  await expect
    .poll(async () => (await api(host, 'agenda:list', { id: 1 })).map((item) => item.title))
    .toEqual(['楼道堆物清理情况通报']);

  // A dialog opened from the keyboard closes with Esc and gives focus back to where it was.
  await tabTo(page, '编辑');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: '编辑会议' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await focused(page)).name).toBe('编辑');
});

test('run a vote and write the minutes by keyboard alone: start the item, 举手 counts, end the meeting, fill in, 定稿', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await createCommunity(page, host.url);
  const meetingId = await seedMeeting(host);
  for (const person of (await api(host, 'resident:search', { query: '', limit: 12 })).items)
    await api(host, 'attendance:checkIn', { meetingId, residentId: person.id });
  await page.goto(`${host.url}#/meetings/${meetingId}/run`);
  await expect(page.getByRole('searchbox', { name: '姓名、拼音首字母或房号，回车签到' })).toBeFocused();

  // Open the vote: the first item starts, its question is filled in from the plan.
  await tabTo(page, '开始第一项 →');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '东门划线停车方案' })).toBeVisible();
  await expect(page.getByLabel('表决事项')).toHaveValue('是否同意东门划线停车方案？');
  // 举手 counts typed into the fields; Enter in the last one records them.
  await tabTo(page, '赞成');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('9');
  await tabTo(page, '反对');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await tabTo(page, '弃权');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.locator('.vote-record .result')).toHaveText(/^赞成 9，反对 2，弃权 1；.*，通过$/);

  // Close: back to the meeting, 结束会议, and Enter answers the app's own dialog.
  await tabTo(page, /会议安排/, 200);
  await page.keyboard.press('Enter');
  await tabTo(page, '结束会议');
  await page.keyboard.press('Enter');
  const closing = page.getByRole('dialog', { name: '结束会议' });
  await expect(closing.getByRole('button', { name: '结束会议' })).toBeFocused();
  expect((await focused(page)).ring).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('.badge').filter({ hasText: '已结束' })).toBeVisible();

  // The minutes: the responsible party and deadline of the adopted item, saved on leaving the field.
  await tabTo(page, '会议纪要');
  await page.keyboard.press('Enter');
  const first = page.getByRole('article', { name: '1. 东门划线停车方案' });
  await expect(first).toBeVisible();
  await tabTo(page, '责任方');
  await expect(first.getByRole('textbox', { name: '责任方' })).toBeFocused();
  await page.keyboard.type('东湖物业公司');
  await tabTo(page, '完成时限');
  await page.keyboard.type('2027年3月31日');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('status').filter({ hasText: '已自动保存' })).toBeVisible();

  // 定稿 through its dialog: 定稿人 has focus, Enter finalizes.
  await tabTo(page, '定稿', 200);
  await page.keyboard.press('Enter');
  const finalize = page.getByRole('dialog', { name: '定稿会议纪要' });
  await expect(finalize.getByLabel('定稿人')).toBeFocused();
  expect((await focused(page)).ring).toBe(true);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('周敏');
  await page.keyboard.press('Enter');
  await expect(page.locator('.badge').filter({ hasText: '已定稿' })).toBeVisible();
  const minutes = await api(host, 'minutes:get', { id: meetingId });
  expect(minutes.finalizedBy).toBe('周敏');
  expect(minutes.content.items[0]).toMatchObject({ owner: '东湖物业公司', deadline: '2027-03-31' });
});
