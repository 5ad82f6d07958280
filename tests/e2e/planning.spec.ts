import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createCommunity, finalizedMeeting } from './fixtures';
import { api, expect, screenshotDir, test, type RunningHost } from './host';
import { pageWidth } from './ui';

/** Three accepted topics, as the topics flow (tested on its own) leaves them. */
async function acceptedTopics(host: RunningHost) {
  const titles = ['3 号楼加装电梯', '东门口电动车乱停', '垃圾分类点位调整'];
  const ids = [];
  for (const title of titles) {
    const topic = await api(host, 'topic:create', {
      title,
      description: '',
      source: 'resident',
      raisedBy: '',
      raisedOn: '2026-11-01',
      category: '其他',
      level: 'big',
      building: '',
      lane: '',
    });
    ids.push(topic.id);
  }
  await api(host, 'topic:triage', { ids, decision: 'accept', reason: '' });
  return titles;
}

test('plan a meeting and build its agenda by dragging, with the time warning', async ({ page, host }) => {
  await createCommunity(page, host.url);
  const titles = await acceptedTopics(host);
  await page.getByRole('button', { name: '新建会议' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await dialog.getByLabel('会议名称').fill('11 月幸福议事亭议事会');
  await dialog.getByLabel('会议日期').fill('2026-11-30');
  await dialog.getByLabel('开始时间').fill('19:00');
  await dialog.getByRole('button', { name: '创建会议' }).click();

  // Arrangements are saved as they are entered.
  await page.getByLabel('主持人').fill('陈书记');
  await page.getByLabel('记录人').fill('社工 周敏');
  await page.getByLabel('会议时长（分钟）').fill('60');
  await page.getByLabel('楼组长').check();
  await page.getByLabel('邀请单位和各方').fill('物业公司、业委会、社区民警');
  await page.getByLabel('按应到人数比例').check();

  // Agenda: a briefing and the three topics.
  await page.getByRole('button', { name: '＋ 情况通报' }).click();
  for (const title of titles) {
    await page.getByLabel('从议题库选择已受理的议题…').selectOption({ label: `${title}（其他）` });
    await page.getByRole('button', { name: '加入议程' }).click();
    await expect(page.getByRole('listitem', { name: new RegExp(title) })).toBeVisible();
  }
  const agenda = page.getByRole('list', { name: '议程' });
  await expect(agenda.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('status').filter({ hasText: '计划用时' })).toHaveText(
    /计划用时 100 分钟 \/ 会议时长 60 分钟 · 超出 40 分钟/,
  );

  // Drag the last topic to the top.
  await agenda
    .getByRole('listitem', { name: /垃圾分类点位调整/ })
    .dragTo(agenda.getByRole('listitem', { name: /情况通报/ }));
  await expect(agenda.getByRole('listitem').first()).toHaveAccessibleName(/^1 垃圾分类点位调整/);

  // Keyboard: Alt+↓ moves an item, Alt+→ nests it under the one above.
  await agenda.getByRole('listitem', { name: /情况通报/ }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(agenda.getByRole('listitem').nth(2)).toHaveAccessibleName(/^3 情况通报/);
  await agenda.getByRole('listitem', { name: /情况通报/ }).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(agenda.getByRole('listitem').nth(2)).toHaveAccessibleName(/^2\.1 情况通报/);

  // Shorten one item: the warning goes away when the plan fits.
  for (const title of titles) await page.getByLabel(`“${title}”计划分钟数`).fill('15');
  await page.getByLabel('“情况通报”计划分钟数').fill('10');
  await page.getByLabel('主持人').click();
  await expect(page.getByRole('status').filter({ hasText: '计划用时' })).toHaveText(
    '计划用时 55 分钟 / 会议时长 60 分钟',
  );
  await page.screenshot({ path: path.join(screenshotDir, 'meeting-planning.zh-CN.png'), fullPage: true });

  // The notice: an A4 PDF and a phone picture, downloaded.
  const pdf = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出通知 PDF（A4）' }).click();
  const pdfFile = await (await pdf).path();
  expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(
    '1.垃圾分类点位调整',
  );
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出通知图片（手机）' }).click();
  expect((await png).suggestedFilename()).toBe('关于召开11 月幸福议事亭议事会的通知.png');

  const sheet = page.waitForEvent('download');
  await page.getByRole('button', { name: '签到表 PDF（手写签名）' }).click();
  expect((await sheet).suggestedFilename()).toBe('11 月幸福议事亭议事会-签到表.pdf');

  // Everything survives a reload.
  await page.reload();
  await expect(page.getByLabel('主持人')).toHaveValue('陈书记');
  await expect(page.getByLabel('邀请单位和各方')).toHaveValue('物业公司、业委会、社区民警');
  await expect(agenda.getByRole('listitem').first()).toHaveAccessibleName(/^1 垃圾分类点位调整/);

  // The topic's history shows the meeting it was put on (a topic may go through several rounds).
  await page.goto(`${host.url}#/topics/1`);
  await expect(page.locator('.timeline')).toContainText('排入会议议程 · 会议 #1');
  await expect(page.locator('.timeline')).toContainText('受理为议题');
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`planning at ${viewport.width}×${viewport.height}: open resolutions shown, host picked from the roster, an over-long agenda asked about, start opens the meeting`, async ({
    page,
    host,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await createCommunity(page, host.url);
    // Last month's meeting left three resolutions open, with owners and deadlines.
    await finalizedMeeting(host);
    await api(host, 'resident:save', {
      name: '周敏',
      gender: '女',
      building: '',
      unit: '',
      room: '',
      tags: ['社区工作者'],
    });

    await page.getByRole('button', { name: '新建会议' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建会议' });
    await dialog.getByLabel('会议名称').fill('1 月幸福议事亭议事会');
    await dialog.getByRole('button', { name: '创建会议' }).click();

    // 上次议定事项落实情况 lists what it will report, as the follow-up has it today.
    const agenda = page.getByRole('list', { name: '议程' });
    const followUp = agenda.getByRole('listitem', { name: /上次议定事项落实情况/ });
    await expect(followUp).toContainText('将汇报 3 项未办结的议定事项');
    const open = followUp.getByRole('list', { name: '未办结的议定事项' });
    await expect(open.getByRole('listitem')).toHaveCount(3);
    await expect(open).toContainText('责任方：物业公司');
    await expect(open).toContainText('时限：2027年3月31日');

    // The host is picked from the roster: staff are offered first, ↓ and Enter take one.
    const hostField = page.getByRole('combobox', { name: '主持人' });
    await hostField.focus();
    await expect(page.getByRole('option', { name: /周敏/ })).toBeVisible();
    await hostField.fill('陈');
    await expect(page.getByRole('option').first()).toContainText('陈');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(hostField).toHaveValue(/^陈/);
    const recorder = page.getByRole('combobox', { name: '记录人' });
    await recorder.fill('zm');
    await expect(page.getByRole('option', { name: /周敏/ })).toBeVisible();
    await page.getByRole('option', { name: /周敏/ }).click();
    await expect(recorder).toHaveValue('周敏');
    // Someone not on the roster (from the sub-district) can still be typed.
    await hostField.fill('街道 王科长');
    await page.keyboard.press('Enter');
    await page.getByLabel('会议时长（分钟）').fill('30');
    await page.getByLabel('会议时长（分钟）').blur();
    await expect(page.getByRole('status').filter({ hasText: '计划用时' })).toContainText('会议时长 30 分钟');
    await expect(page.getByRole('status', { name: '保存状态' })).toHaveText('✓ 已保存');
    await page.reload();
    await expect(hostField).toHaveValue('街道 王科长');
    await expect(recorder).toHaveValue('周敏');

    // 40 minutes of agenda for a 30-minute meeting: publishing says so, and lets the secretary go back.
    await page.getByRole('button', { name: '＋ 情况通报' }).click();
    await page.getByRole('button', { name: '＋ 其他事项' }).click();
    await page.getByRole('button', { name: '＋ 自定义事项' }).click();
    await expect(page.getByRole('status').filter({ hasText: '计划用时' })).toContainText('超出 5 分钟');
    await page.getByLabel('“自定义事项”计划分钟数').fill('15');
    await page.getByLabel('“自定义事项”计划分钟数').blur();
    await expect(page.getByRole('status').filter({ hasText: '计划用时' })).toContainText('超出 10 分钟');
    await page.getByRole('button', { name: '发布会议通知' }).click();
    const over = page.getByRole('dialog', { name: '议程超出会议时长' });
    await expect(over).toContainText('议程计划用时 40 分钟，比会议时长 30 分钟多出 10 分钟。');
    await page.screenshot({ path: path.join(screenshotDir, `planning-over.${viewport.width}.png`) });
    await over.getByRole('button', { name: '返回调整' }).click();
    await expect(page.getByText('筹备中').first()).toBeVisible();
    await page.getByRole('button', { name: '发布会议通知' }).click();
    await over.getByRole('button', { name: '仍然发布' }).click();
    await expect(page.locator('.stepper [aria-current="step"]')).toHaveText(/已发通知/);
    await page.screenshot({ path: path.join(screenshotDir, `planning.${viewport.width}.png`), fullPage: true });
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);

    // 开始会议 opens the meeting itself; 结束会议 is set apart and asks first.
    await page.getByRole('button', { name: '开始会议' }).click();
    await expect(page).toHaveURL(/#\/meetings\/\d+\/run$/);
    await page.getByRole('link', { name: '会议安排' }).click();
    await expect(page.getByRole('link', { name: '进入会议' })).toHaveClass(/primary/);
    await expect(page.getByRole('button', { name: '结束会议' })).toHaveClass(/danger-outline/);
  });
}
