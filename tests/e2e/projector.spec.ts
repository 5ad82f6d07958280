import path from 'node:path';
import type { Locator } from '@playwright/test';
import { createCommunity } from './fixtures';
import { api, expect, screenshotDir, test, type RunningHost } from './host';

type BrowserWindow = { getComputedStyle(element: unknown): { fontSize: string } };

test('the projector fits 15 agenda items at 1920×1080 with body text of at least 48 px', async ({ page, host }) => {
  await createCommunity(page, host.url);
  const meeting = await api(host, 'meeting:create', { title: '年度居民代表会议' });
  let agenda: { id: number }[] = [];
  for (let i = 1; i <= 15; i += 1) {
    const title = `第${i}项 关于小区公共区域改造的议题讨论与表决安排`;
    agenda = await api(host, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title, plannedMinutes: 5 });
  }
  await api(host, 'run:goto', { meetingId: meeting.id, itemId: agenda[14]!.id });
  const meetingId = meeting.id;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${host.url}#/projector/${meetingId}`);
  const items = page.locator('.pj-agenda li');
  await expect(items).toHaveCount(15);
  const last = await items.last().boundingBox();
  expect(last!.y + last!.height).toBeLessThanOrEqual(1080);
  for (const selector of ['.pj-agenda li', '.pj-current', '.pj-label', '.pj-quorum small', '.pj-header h1']) {
    const size = await page
      .locator(selector)
      .first()
      // Runs in the page; the Node-side tsconfig has no DOM types, hence the narrow cast.
      .evaluate((el) => parseFloat((globalThis as unknown as BrowserWindow).getComputedStyle(el).fontSize));
    expect(size, selector).toBeGreaterThanOrEqual(48);
  }
  await expect(page.getByRole('listitem').filter({ hasText: '第15项' })).toHaveClass(/now/);
  await page.screenshot({ path: path.join(screenshotDir, 'projector-15-items.zh-CN.png') });
});

const longTitle =
  '关于使用住宅专项维修资金为三号楼、五号楼、七号楼加装电梯并同步改造楼道照明和无障碍坡道及东门停车位重新划线的具体实施方案';

/**
 * 30 flats: 8 large (200 m², building 1) and 22 small (50 m², building 2) — so 22 households for is 73% of the
 * households but only 40.7% of the area, and an ordinary owners' matter fails. 15 items; the third has a 60-character
 * title and is voted by owners.
 */
async function ownersScene(host: RunningHost) {
  const people: { id: number; name: string }[] = [];
  for (let i = 0; i < 30; i += 1) {
    const large = i < 8;
    const name = `业主${String(i + 1).padStart(2, '0')}`;
    const saved = await api(host, 'resident:save', {
      name,
      gender: null,
      building: large ? '1' : '2',
      unit: '1',
      room: `${large ? i + 1 : i - 7}01`,
      tags: ['居民代表'],
      area: large ? 200 : 50,
    });
    people.push({ id: saved.id, name });
  }
  const meeting = await api(host, 'meeting:create', { title: '2026 年第四季度业主大会暨幸福议事亭议事会' });
  await api(host, 'meeting:plan', {
    id: meeting.id,
    host: '',
    recorder: '',
    durationMinutes: 120,
    expectedAttendance: null,
    invitedRoles: ['居民代表'],
    invitedParties: [],
    invitedResidentIds: [],
    quorumKind: 'fraction',
    quorumValue: 0.5,
  });
  let agenda: { id: number; title: string }[] = [];
  for (let i = 1; i <= 15; i += 1) {
    const title = i === 3 ? longTitle : `第${i}项 小区公共事务讨论`;
    agenda = await api(host, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title, plannedMinutes: 5 });
  }
  const third = agenda[2]!;
  await api(host, 'agenda:update', {
    id: third.id,
    title: third.title,
    plannedMinutes: 10,
    presenter: '',
    question: `是否同意${longTitle}？`,
    voteRule: 'owners_ordinary',
  });
  await api(host, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  let present: { id: number }[] = [];
  for (const p of people.slice(0, 20))
    present = await api(host, 'attendance:checkIn', { meetingId: meeting.id, residentId: p.id });
  await api(host, 'run:goto', { meetingId: meeting.id, itemId: third.id });
  for (const who of present.slice(0, 2))
    await api(host, 'speaker:add', { agendaItemId: third.id, attendanceId: who.id });
  return { meetingId: meeting.id, third };
}

const bottomOf = async (target: Locator) => {
  const box = await target.boundingBox();
  return box!.y + box!.height;
};

test('owners’ vote on a 15-item agenda with a 60-character title: result, area shares, next item and next speaker all on screen; then 会议已结束', async ({
  page,
  host,
  browser,
}) => {
  test.setTimeout(120_000);
  expect([...longTitle].length).toBe(60);
  await createCommunity(page, host.url);
  const { meetingId } = await ownersScene(host);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${host.url}#/meetings/${meetingId}/run`);
  const room = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const projector = await room.newPage();
  await projector.goto(`${host.url}#/projector/${meetingId}`);

  // The secretary starts the first speaker: the room sees who speaks and who is next.
  await page.getByRole('list', { name: '发言' }).getByRole('button', { name: '开始发言' }).first().click();
  await expect(projector.getByText('下一位发言：业主02')).toBeVisible();

  // The owners' vote is entered on the secretary's screen: 22 small flats for, the 8 large ones against.
  await expect(page.getByLabel('表决方式')).toHaveValue('owners');
  const flats = page.locator('.choice-list li');
  await expect(flats).toHaveCount(30);
  for (let i = 0; i < 30; i += 1)
    await flats
      .nth(i)
      .getByRole('button', { name: i < 8 ? '反对' : '赞成' })
      .click();
  await page.getByRole('button', { name: '记录表决结果' }).click();
  await expect(page.locator('.vote-record')).toContainText('未通过');

  const result = projector.getByLabel('表决结果');
  await expect(result).toContainText('22 户');
  await expect(result.locator('.pj-area')).toHaveText('同意面积 40.7% · 户数 73.3%（均需过半）');
  await expect(result.locator('.pj-outcome')).toHaveText('业主共同决定（一般事项） · 未通过');
  // Nothing that matters below the 1080 px edge: the outcome, the area line, the next item, the current agenda line.
  for (const target of [result.locator('.pj-outcome'), result.locator('.pj-area'), projector.locator('.pj-next')])
    expect(await bottomOf(target)).toBeLessThanOrEqual(1080);
  await expect(projector.locator('.pj-next')).toContainText('下一项：4 第4项 小区公共事务讨论');
  await expect(projector.getByText('下一位发言：业主02')).toBeVisible();
  // The title was too long to keep whole beside the vote: the agenda shows it in full instead.
  const now = projector.locator('.pj-agenda li.now');
  await expect(now).toHaveClass(/full/);
  await expect(now).toContainText(longTitle);
  expect(await bottomOf(projector.locator('.pj-agenda li').last())).toBeLessThanOrEqual(1080);
  for (const selector of ['.pj-current', '.pj-outcome', '.pj-next', '.pj-agenda li.now']) {
    const size = await projector
      .locator(selector)
      .first()
      .evaluate((el) => parseFloat((globalThis as unknown as BrowserWindow).getComputedStyle(el).fontSize));
    expect(size, selector).toBeGreaterThanOrEqual(48);
  }
  await projector.screenshot({ path: path.join(screenshotDir, 'projector-owners-long-title.zh-CN.png') });

  // 黑屏: the secretary's screen says the room is dark and how to bring it back.
  await page.getByRole('button', { name: '黑屏' }).click();
  await expect(projector.getByLabel('黑屏')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '投屏已黑屏' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'run-projector-dark.1366.png') });
  await page.getByRole('button', { name: '恢复会议画面' }).click();
  await expect(result).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '投屏已黑屏' })).toHaveCount(0);

  // 结束会议: the room sees the end and the results; no clock keeps running anywhere.
  await api(host, 'meeting:setStatus', { id: meetingId, status: 'closed' });
  await expect(projector.getByRole('heading', { name: '会议已结束' })).toBeVisible();
  await expect(projector.getByRole('timer')).toHaveCount(0);
  const results = projector.getByRole('list', { name: '表决结果汇总' });
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results).toContainText('未通过 · 22 户同意（73.3%）· 面积 40.7%');
  await expect(projector.getByRole('status', { name: '法定人数' })).toContainText('实到 20');
  await projector.screenshot({ path: path.join(screenshotDir, 'projector-closed.zh-CN.png') });
  await page.reload();
  const timer = page.getByRole('timer', { name: '本项用时' });
  const shown = await timer.innerText();
  await page.waitForTimeout(2_100);
  await expect(timer).toHaveText(shown);
  await room.close();
});

test('an unknown meeting id shows 未找到会议, never a blank screen', async ({ page, host }) => {
  await createCommunity(page, host.url);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${host.url}#/projector/987654`);
  await expect(page.getByRole('heading', { name: '未找到会议' })).toBeVisible();
  await expect(page.getByText('编号 987654 的会议不存在或已被删除')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'projector-not-found.zh-CN.png') });
});

test('the projector speaks English when the app does', async ({ page, host, browser }) => {
  await createCommunity(page, host.url);
  const { meetingId, third } = await ownersScene(host);
  const { households } = await api(host, 'vote:voters', { id: meetingId });
  await api(host, 'vote:record', {
    agendaItemId: third.id,
    rule: 'owners_ordinary',
    question: '是否同意加装电梯？',
    ballots: { method: 'owners', choices: households.map((h) => ({ householdId: h.id, choice: 'for' as const })) },
  });
  // Switched in 设置 as a secretary would.
  await page.goto(`${host.url}#/settings`);
  await page.getByLabel('界面语言').first().selectOption('en');
  await expect(page.getByLabel('Language').first()).toBeVisible();
  const room = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en' });
  const projector = await room.newPage();
  await projector.goto(`${host.url}#/projector/${meetingId}`);
  await expect(projector.getByRole('status', { name: 'Quorum' })).toContainText('20 present · quorum reached');
  await expect(projector.getByText('Now: item 3')).toBeVisible();
  await expect(projector.getByText('Next speaker:')).toBeVisible();
  await expect(projector.locator('.pj-next')).toContainText('Next: 4');
  await expect(projector.locator('.pj-progress')).toContainText('Item 3 of 15 · 1 voted, 1 adopted');
  await expect(projector.locator('.pj-outcome')).toHaveText("Owners' decision (ordinary matter) · adopted");
  // Only what people typed (titles, names) may be Chinese: every word the app adds is English.
  const chrome = await projector
    .locator(
      '.pj-quorum, .pj-label, .pj-next-speaker, .pj-progress, .pj-more, .pj-bar-label, .pj-bar-value, .pj-area, .pj-outcome',
    )
    .allInnerTexts();
  expect(chrome.join(' ').replace(/业主\d\d/g, '')).not.toMatch(/\p{Script=Han}/u);
  await projector.screenshot({ path: path.join(screenshotDir, 'projector.en.png') });
  await projector.goto(`${host.url}#/projector/987654`);
  await expect(projector.getByRole('heading', { name: 'Meeting not found' })).toBeVisible();
  await room.close();
});
