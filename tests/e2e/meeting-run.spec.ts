import path from 'node:path';
import { createCommunity, names, seedMeeting } from './fixtures';
import { expect, screenshotDir, startHost, test } from './host';

test('run a meeting with sign-in, quorum, timers, speakers and three votes; survive a SIGKILL', async ({
  page,
  host,
  browser,
}) => {
  test.setTimeout(180_000);
  await createCommunity(page, host.url);
  const meetingId = await seedMeeting(host);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${host.url}#/meetings/${meetingId}/run`);
  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const projector = await projectorContext.newPage();
  await projector.goto(`${host.url}#/projector/${meetingId}`);
  const projectorQuorum = projector.getByRole('status', { name: '法定人数' });
  await expect(projectorQuorum).toContainText('法定 15 人');

  // Sign in 28 residents by typing and Enter; the quorum turns green on the projector at 15.
  const search = page.getByRole('searchbox', { name: '姓名、拼音首字母或房号，回车签到' });
  for (const name of names.slice(0, 28)) {
    await search.fill(name);
    await expect(page.getByRole('list', { name: '匹配的居民' })).toContainText(name);
    await search.press('Enter');
    await expect(search).toHaveValue('');
    if (name === names[14]) await expect(projectorQuorum).toContainText('已达法定人数');
  }
  await expect(projectorQuorum).toHaveClass(/ok/);

  // A proxy for the 29th (absent) and a guest.
  await page
    .getByRole('list', { name: '已签到' })
    .getByRole('listitem')
    .filter({ hasText: names[0]! })
    .getByRole('button', { name: '委托' })
    .click();
  await page.getByLabel('输入未到场居民的姓名').fill(names[28]!);
  await expect(page.locator('.proxy-box').getByRole('button', { name: new RegExp(names[28]!) })).toBeVisible();
  await page.getByLabel('输入未到场居民的姓名').press('Enter');
  await page.getByLabel('列席人员姓名').fill('张律师');
  await page.getByLabel('单位').fill('平湖律师事务所');
  await page.getByLabel('身份/职务').fill('法律顾问');
  await page.getByRole('button', { name: '添加列席' }).click();
  await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 29 人（含委托 1）');
  await expect(projectorQuorum).toContainText('应到 30 · 实到 29（含委托 1） · 列席 1');

  // Item 1: timer, two speakers, a show of hands.
  await page.getByRole('button', { name: '开始第一项 →' }).click();
  await expect(page.locator('.current-item h3')).toHaveText('东门划线停车方案');
  await expect(projector.getByRole('heading', { name: '东门划线停车方案' })).toBeVisible();
  await expect(projector.getByRole('timer')).toContainText(/0:0\d/);
  for (const speaker of [names[2]!, names[5]!]) {
    await page.getByLabel('选择发言人…').selectOption({ label: speaker });
    await page.getByRole('button', { name: '排队发言' }).click();
  }
  await page
    .getByRole('list', { name: '发言' })
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: '开始发言' })
    .click();
  await expect(projector.getByRole('timer', { name: `${names[2]} 发言` })).toContainText(/[23]:\d\d/);
  await page.getByLabel(`${names[2]} 的发言要点`).fill('建议东门只划单侧车位，保留消防通道');
  await page.getByLabel('本项讨论要点').first().click();
  await page.getByLabel('表决方式').selectOption({ label: '举手表决' });
  await page.getByLabel('赞成').fill('20');
  await page.getByLabel('反对').fill('5');
  await page.getByLabel('弃权').fill('4');
  await page.getByRole('button', { name: '记录表决结果' }).click();
  await expect(page.locator('.vote-record')).toContainText('赞成 20，反对 5，弃权 4；有效票 29 票，通过');
  await expect(projector.getByLabel('表决结果')).toContainText('过半数（按投票数） · 通过');

  // Item 2: roll call, one tap per attendee.
  await page.getByRole('button', { name: '下一项 →' }).click();
  await expect(page.locator('.current-item h3')).toHaveText('垃圾分类点位调整');
  await expect(projector.getByRole('heading', { name: '垃圾分类点位调整' })).toBeVisible();
  await page.getByLabel('表决方式').selectOption({ label: '记名表决' });
  for (const [i, name] of names.slice(0, 20).entries()) {
    await page
      .getByRole('group', { name, exact: true })
      .getByRole('button', { name: i < 12 ? '赞成' : '反对' })
      .click();
  }
  // The proxy is a line of its own: 28 in person and one voting through its holder.
  await expect(page.locator('.choice-list li')).toHaveCount(29);
  await page
    .getByRole('group', { name: `${names[28]}（由 ${names[0]} 代为表决）` })
    .getByRole('button', { name: '赞成' })
    .click();
  await page.getByRole('button', { name: '记录表决结果' }).click();
  await expect(page.locator('.vote-record')).toContainText('赞成 13，反对 8，弃权 0；到会 29 人，未通过');
  await expect(projector.getByLabel('表决结果')).toContainText('过半数（按到会人数） · 未通过');

  // Item 3: owners by household under art. 278 (major matter, three-quarters).
  await page.getByRole('button', { name: '下一项 →' }).click();
  await expect(page.locator('.current-item h3')).toHaveText('使用维修资金加装电梯');
  // The planned rule (owners, major matter) is already chosen.
  await expect(page.getByLabel('表决方式')).toHaveValue('owners');
  await expect(page.getByLabel('通过规则')).toHaveValue('owners_major');
  const flats = page.locator('.choice-list li');
  await expect(flats).toHaveCount(30);
  for (let i = 0; i < 24; i += 1)
    await flats
      .nth(i)
      .getByRole('button', { name: i < 20 ? '赞成' : '反对' })
      .click();
  await page.getByRole('button', { name: '记录表决结果' }).click();
  await expect(page.locator('.vote-record')).toContainText('参与表决业主 24/30 户（80.0%）');
  await expect(projector.getByLabel('表决结果')).toContainText('业主共同决定（重大事项，四分之三） · 通过');
  await page.screenshot({ path: path.join(screenshotDir, 'meeting-run.zh-CN.png') });
  await projector.screenshot({ path: path.join(screenshotDir, 'projector.zh-CN.png') });

  // The laptop dies: SIGKILL the host, start it again on the same folder and port; nothing is lost.
  host.process.kill('SIGKILL');
  await new Promise((resolve) => host.process.once('exit', resolve));
  const port = Number(new URL(host.url).port);
  const again = await startHost(host.dataDir, port);
  try {
    // A new start has a new access code: the old tab says so, and the address the host printed brings it all back.
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('请用启动议事亭时显示的完整网址');
    await page.goto(`${again.url}#/meetings/${meetingId}/run`);
    await expect(page.getByRole('status', { name: '法定人数' })).toContainText('在场 29 人（含委托 1）');
    await expect(page.locator('.current-item h3')).toHaveText('使用维修资金加装电梯');
    await expect(page.getByRole('timer', { name: '本项用时' })).toBeVisible();
    await projector.goto(`${again.url}#/projector/${meetingId}`);
    await expect(projector.getByLabel('表决结果')).toContainText('通过');
    await page.getByRole('button', { name: '← 上一项' }).click();
    await expect(page.locator('.vote-record')).toContainText('赞成 13，反对 8');
    await page.getByRole('button', { name: '← 上一项' }).click();
    await expect(page.getByLabel(`${names[2]} 的发言要点`)).toHaveValue('建议东门只划单侧车位，保留消防通道');

    // Blank the projector, then show a message.
    await page.getByRole('button', { name: '黑屏' }).click();
    await expect(projector.getByLabel('黑屏')).toBeVisible();
    await page.getByLabel('投屏文字，如“休息 10 分钟”').fill('休息 10 分钟');
    await page.getByRole('button', { name: '显示文字' }).click();
    await expect(projector.getByText('休息 10 分钟')).toBeVisible();
  } finally {
    await again.stop();
    await projectorContext.close();
  }
});
