import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createCommunity } from './fixtures';
import { api, expect, screenshotDir, test, type RunningHost } from './host';

// Runs in the page; the Node-side tsconfig has no DOM types, hence the narrow casts.
type Field = { placeholder: string; clientWidth: number };
type Style = { font: string; paddingLeft: string; paddingRight: string };
type Canvas = { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } };
type BrowserGlobals = { getComputedStyle(el: unknown): Style; document: { createElement(tag: 'canvas'): Canvas } };

/** Room a field's placeholder lacks, in px (≤ 0 when it shows whole). */
const placeholderOverflow = (field: Locator) =>
  field.evaluate((el) => {
    const g = globalThis as unknown as BrowserGlobals;
    const input = el as unknown as Field;
    const style = g.getComputedStyle(el);
    const context = g.document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width - room;
  });

/** Six invited 居民代表 (two named 王𠇔, in different flats), and 钱多多 who lives here but was not invited. */
async function doorScene(host: RunningHost) {
  const people: [string, string, string, string, string[]][] = [
    ['王𠇔', '3', '1', '101', ['居民代表']],
    ['王𠇔', '5', '2', '202', ['居民代表']],
    ['李秀英', '3', '1', '102', ['居民代表']],
    ['张志强', '3', '2', '301', ['居民代表']],
    ['刘丽华', '5', '1', '101', ['居民代表']],
    ['陈明辉', '7', '1', '401', ['居民代表']],
    ['钱多多', '9', '1', '101', []],
  ];
  for (const [name, building, unit, room, tags] of people)
    await api(host, 'resident:save', { name, gender: null, building, unit, room, tags, area: 90 });
  const meeting = await api(host, 'meeting:create', { title: '12 月幸福议事会' });
  await api(host, 'meeting:plan', {
    id: meeting.id,
    host: '',
    recorder: '',
    durationMinutes: 90,
    expectedAttendance: null,
    invitedRoles: ['居民代表'],
    invitedParties: [],
    invitedResidentIds: [],
    quorumKind: 'count',
    quorumValue: 4,
  });
  await api(host, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  return meeting.id;
}

const signedIn = (page: Page) => page.getByRole('list', { name: '已签到' }).getByRole('listitem');

for (const [width, height] of [
  [1366, 768],
  [1440, 900],
] as const) {
  test(`the door at ${width}×${height}: same-name pair, 未到 list, outsider asked, 查无此人 → 列席, undo`, async ({
    page,
    host,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height });
    await createCommunity(page, host.url);
    const meetingId = await doorScene(host);
    await page.goto(`${host.url}#/meetings/${meetingId}/run`);
    const search = page.getByRole('searchbox', { name: '姓名、拼音首字母或房号，回车签到' });
    await expect(page.locator('.door-absent summary')).toHaveText('未到 6 人（点姓名签到）');
    await expect(search).toBeFocused();

    // Two 王𠇔: Enter asks which one, shows both flats, and checks in nobody.
    await search.fill('王𠇔');
    const matches = page.getByRole('list', { name: '匹配的居民' });
    await expect(matches.getByRole('button')).toHaveCount(2);
    await expect(matches).toContainText('3-1-101');
    await expect(matches).toContainText('5-2-202');
    await search.press('Enter');
    await expect(page.getByText('有 2 位居民匹配，请用 ↑↓ 选中后回车')).toBeVisible();
    await expect(signedIn(page)).toHaveCount(0);
    await search.press('ArrowDown');
    await search.press('ArrowDown');
    await expect(matches.getByRole('button', { name: /5-2-202/ })).toHaveAttribute('aria-current', 'true');
    await page.screenshot({ path: path.join(screenshotDir, `check-in-same-name.${width}.png`) });
    await search.press('Enter');
    await expect(signedIn(page)).toHaveCount(1);
    await expect(signedIn(page).first()).toContainText('5-2-202');
    await expect(page.getByRole('status').filter({ hasText: '已签到' })).toContainText('王𠇔（5-2-202）已签到');
    // Ready for the next person in the queue.
    await expect(search).toHaveValue('');
    await expect(search).toBeFocused();
    await expect(page.locator('.door-absent summary')).toHaveText('未到 5 人（点姓名签到）');

    // One tap on the 未到 list, by building; the search keeps focus.
    await page.getByRole('button', { name: '张志强 3-2-301 签到' }).click();
    await expect(signedIn(page)).toHaveCount(2);
    await expect(page.locator('.door-absent summary')).toHaveText('未到 4 人（点姓名签到）');
    await expect(search).toBeFocused();
    // Wrong person: undo puts them back on the 未到 list.
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect(signedIn(page)).toHaveCount(1);
    await expect(page.getByRole('list', { name: '3 号楼' })).toContainText('张志强');
    await expect(search).toBeFocused();

    // Someone living here but not invited is asked about, not counted silently.
    await search.fill('钱多多');
    await expect(matches).toContainText('未邀请');
    await search.press('Enter');
    const ask = page.getByRole('group', { name: '钱多多 不在本次会议的邀请名单中' });
    await expect(ask).toBeVisible();
    await expect(ask.getByRole('button', { name: '计入参会（实到）' })).toBeFocused();
    await ask.getByRole('button', { name: '作为列席' }).click();
    await expect(signedIn(page).first()).toContainText('列席 · 9-1-101');
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 1 人');
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('列席 1');
    await expect(search).toBeFocused();

    // 查无此人 → 添加为列席: the name is carried over, Enter in 单位 adds the guest.
    await search.fill('赵律师');
    await search.press('Enter');
    await expect(page.getByText('查无此人：“赵律师”不在居民名册中。')).toBeVisible();
    await page.getByRole('button', { name: '添加“赵律师”为列席' }).click();
    await expect(page.getByLabel('列席人员姓名')).toHaveValue('赵律师');
    await expect(page.getByLabel('单位')).toBeFocused();
    await page.getByLabel('单位').fill('平湖律师事务所');
    await page.getByLabel('单位').press('Enter');
    await expect(signedIn(page).first()).toContainText('赵律师');
    await expect(page.getByLabel('列席人员姓名')).toHaveValue('');
    await expect(search).toBeFocused();

    // A typed name with one match goes in with Enter alone; then 离场 and its undo.
    await search.fill('李秀英');
    await expect(matches.getByRole('button')).toHaveCount(1);
    await search.press('Enter');
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 2 人');
    await page.getByRole('button', { name: '李秀英 离场' }).click();
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 1 人');
    await page.getByRole('button', { name: '撤销 李秀英 的离场' }).click();
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 2 人');

    // A proxy by keyboard: type, Enter; opened again for someone else, the field starts empty.
    await signedIn(page).filter({ hasText: '李秀英' }).getByRole('button', { name: '委托' }).click();
    const proxyField = page.getByLabel('输入未到场居民的姓名');
    await expect(proxyField).toBeFocused();
    await proxyField.fill('刘丽华');
    await expect(page.locator('.proxy-box').getByRole('button', { name: /刘丽华/ })).toBeVisible();
    await proxyField.press('Enter');
    await expect(signedIn(page).filter({ hasText: '李秀英' })).toContainText('持 刘丽华 的委托');
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 3 人（含委托 1）');
    await expect(page.locator('.door-absent summary')).toHaveText('未到 3 人（点姓名签到）');
    // 刘丽华 signed in by mistake sets the proxy aside; 撤销 hands it back to 李秀英.
    await search.fill('刘丽华');
    await expect(matches.getByRole('button')).toHaveCount(1);
    await search.press('Enter');
    await expect(signedIn(page).filter({ hasText: '李秀英' })).not.toContainText('持 刘丽华 的委托');
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 3 人');
    await expect(page.getByRole('status', { name: '法定人数' })).not.toContainText('含委托');
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect(page.getByRole('button', { name: '撤销 刘丽华（5-1-101）的签到' })).toHaveCount(0);
    await expect(signedIn(page).filter({ hasText: '李秀英' })).toContainText('持 刘丽华 的委托');
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 3 人（含委托 1）');
    await expect(page.locator('.door-absent summary')).toHaveText('未到 3 人（点姓名签到）');
    await signedIn(page).filter({ hasText: '王𠇔' }).getByRole('button', { name: '委托' }).click();
    await expect(page.getByLabel('输入未到场居民的姓名')).toHaveValue('');
    expect(await placeholderOverflow(page.getByLabel('输入未到场居民的姓名'))).toBeLessThanOrEqual(0);
    // A proxy for someone not invited would count them too: flagged here as at the door.
    await page.getByLabel('输入未到场居民的姓名').fill('钱多多');
    await expect(page.locator('.proxy-box').getByRole('button', { name: /钱多多/ })).toContainText('未邀请');
    await page.getByLabel('输入未到场居民的姓名').press('Escape');
    await expect(page.locator('.proxy-box')).toHaveCount(0);

    // A wrong check-in noticed later is taken back from its row; a proxy holder's is refused in words.
    await page.getByRole('button', { name: '撤销 王𠇔（5-2-202）的签到' }).click();
    await expect(page.getByRole('list', { name: '5 号楼' })).toContainText('王𠇔');
    await expect(signedIn(page).filter({ hasText: '5-2-202' })).toHaveCount(0);
    await page.getByRole('button', { name: '撤销 李秀英（3-1-102）的签到' }).click();
    await expect(page.getByText('此人已排队发言或持有委托，不能撤销签到')).toBeVisible();
    await expect(signedIn(page).filter({ hasText: '李秀英' })).toHaveCount(1);

    // Nothing at the door is cut off at this width.
    for (const field of [
      search,
      page.getByLabel('列席人员姓名'),
      page.getByLabel('单位'),
      page.getByLabel('身份/职务'),
    ])
      expect(await placeholderOverflow(field), String(await field.getAttribute('placeholder'))).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(screenshotDir, `check-in-door.${width}.png`), fullPage: true });
  });
}

test('the door in English: 未到, a same-name pair, an outsider, 查无此人 → guest, a proxy — no Chinese but names', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await createCommunity(page, host.url);
  const meetingId = await doorScene(host);
  // Switched in 设置 as a secretary would.
  await page.goto(`${host.url}#/settings`);
  await page.getByLabel('界面语言').first().selectOption('en');
  await expect(page.getByLabel('Language').first()).toBeVisible();
  await page.goto(`${host.url}#/meetings/${meetingId}/run`);
  const search = page.getByRole('searchbox', { name: 'Name, initials or room, then Enter' });
  await expect(search).toBeFocused();
  await expect(page.locator('.door-absent summary')).toHaveText('Not yet here: 6 (tap a name to check in)');
  await expect(page.getByRole('list', { name: 'Building 3' })).toContainText('李秀英');

  await search.fill('王𠇔');
  const matches = page.getByRole('list', { name: 'Matching residents' });
  await expect(matches.getByRole('button')).toHaveCount(2);
  await search.press('Enter');
  await expect(page.getByText('2 residents match: pick one with ↑↓ and Enter')).toBeVisible();
  /** Everything the app itself writes at the door: the panel's text, placeholders and accessible names. */
  const words = () =>
    page.locator('.checkin-panel').evaluate((panel) => {
      type El = { textContent: string | null; getAttribute(n: string): string | null };
      const root = panel as unknown as El & { querySelectorAll(s: string): El[] };
      const said = [...root.querySelectorAll('[placeholder], [aria-label]')].flatMap((e) => [
        e.getAttribute('placeholder') ?? '',
        e.getAttribute('aria-label') ?? '',
      ]);
      return [root.textContent ?? '', ...said].join(' ');
    });
  const names = ['王𠇔', '李秀英', '张志强', '刘丽华', '陈明辉', '钱多多', '赵律师'];
  const chinese = async () => {
    let text = await words();
    for (const name of names) text = text.replaceAll(name, '');
    return [...text.matchAll(/\p{Script=Han}+/gu)].map((m) => m[0]);
  };
  expect(await chinese(), 'two matches listed').toEqual([]);
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'checked in' })).toContainText('王𠇔 (3-1-101) checked in');
  await expect(page.locator('.door-absent summary')).toHaveText('Not yet here: 5 (tap a name to check in)');
  await page.getByRole('button', { name: 'Check in 张志强 3-2-301' }).click();
  await expect(page.locator('.door-absent summary')).toHaveText('Not yet here: 4 (tap a name to check in)');

  // The outsider is asked about, in English.
  await search.fill('钱多多');
  await expect(matches).toContainText('not invited');
  await search.press('Enter');
  const ask = page.getByRole('group', { name: '钱多多 is not on this meeting’s invitation list' });
  await expect(ask.getByRole('button', { name: 'Count as attendee' })).toBeFocused();
  expect(await chinese(), 'the question about an outsider').toEqual([]);
  await ask.getByRole('button', { name: 'Add as guest' }).click();
  await expect(signedInEn(page).first()).toContainText('Guest · 9-1-101');

  // 查无此人 → guest.
  await search.fill('赵律师');
  await search.press('Enter');
  await expect(page.getByText('No such person: “赵律师” is not in the residents list.')).toBeVisible();
  expect(await chinese(), 'no such person').toEqual([]);
  await page.getByRole('button', { name: 'Add “赵律师” as a guest' }).click();
  await expect(page.getByLabel('Organisation')).toBeFocused();
  await page.getByLabel('Organisation').fill('Pinghu Law Firm');
  await page.getByLabel('Organisation').press('Enter');
  await expect(signedInEn(page).first()).toContainText('赵律师');
  await expect(search).toBeFocused();

  // A proxy by Enter.
  await signedInEn(page).filter({ hasText: '张志强' }).getByRole('button', { name: 'Proxy' }).click();
  const proxyField = page.getByLabel('Name of the absent resident');
  await expect(proxyField).toBeFocused();
  await proxyField.fill('刘丽华');
  await expect(page.locator('.proxy-box').getByRole('button', { name: /刘丽华/ })).toBeVisible();
  expect(await chinese(), 'the proxy box').toEqual([]);
  await proxyField.press('Enter');
  await expect(signedInEn(page).filter({ hasText: '张志强' })).toContainText('holds a proxy for 刘丽华');
  await expect(page.locator('.door-absent summary')).toHaveText('Not yet here: 3 (tap a name to check in)');
  expect(await chinese(), 'the door after all of it').toEqual([]);
  // The English words are longer: still none cut off.
  for (const field of [
    search,
    page.getByLabel('Guest name'),
    page.getByLabel('Organisation'),
    page.getByLabel('Role'),
    page.getByRole('textbox', { name: 'Projector text, e.g. “10-minute break”' }),
  ])
    expect(await placeholderOverflow(field), String(await field.getAttribute('placeholder'))).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(screenshotDir, 'check-in-door.en.png'), fullPage: true });
});

const signedInEn = (page: Page) => page.getByRole('list', { name: 'Signed in' }).getByRole('listitem');
