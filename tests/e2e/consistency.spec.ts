import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { BundleManifest } from '../../shared/domain/bundle';
import { readZip } from '../../electron/records/bundle';
import { SignInDesk } from '../unit/sign-in-model';
import { createCommunity, download, names, seedMeeting } from './fixtures';
import { api, expect, screenshotDir, startHost, test } from './host';

/**
 * The meeting of this test. Change any of it — who signs in, who holds whose proxy, who leaves, how people
 * vote — and every expectation below follows: the figures are worked out by a model of the sign-in desk, and
 * each output is compared with the others item by item, never with numbers written into the test.
 */
const scenario = {
  checkIns: names.slice(0, 24),
  proxy: { holder: names[0]!, absent: names[28]! },
  guest: { name: '张律师', organisation: '平湖律师事务所', role: '法律顾问' },
  /** Item 1, a show of hands (simple majority): adopted. */
  hands: { for: 18, against: 4, abstain: 3 },
  /** Item 2, a roll call (absolute majority): everyone against but the first ten lines and the proxy. */
  rollFor: (line: number, isProxy: boolean) => line < 10 || isProxy,
  /** Item 3, owners by household (major matter): the first 24 flats take part, two against. */
  ownersTakingPart: 24,
  ownersAgainst: 2,
  leaver: names[5]!,
  /** A second resident called like names[1], invited and absent: both are printed with their room. */
  namesake: { name: names[1]!, building: '9', room: '101' },
  /** Lives here, was not invited, and the door counted them: in 应到 as well as 实到. */
  outsider: { name: '钱多多', building: '9', room: '102' },
};
/** The sign-in model's numbers for the namesake and the outsider, after the 30 of `names`. */
const namesakeId = names.length;
const outsiderId = names.length + 1;

const squash = (text: string) => text.replace(/\s+/g, '');
const pdfText = (file: string, options: string[] = []) =>
  spawnSync('pdftotext', [...options, file, '-'], { encoding: 'utf8' }).stdout;
const pageCount = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)![1]);
const pageText = (file: string, n: number) => pdfText(file, ['-f', String(n), '-l', String(n)]);

/** No page holds only a 落款 or only the verification block: some text of the document stands before each. */
function expectNoOrphanPages(file: string) {
  for (const marker of ['验证信息', '（签字）', '居民委员会\n']) {
    for (let n = 1; n <= pageCount(file); n += 1) {
      const text = pageText(file, n);
      const at = text.indexOf(marker);
      if (at < 0) continue;
      const before = squash(text.slice(0, at)).replace(/第\d+页共\d+页/, '');
      expect(before.length, `${path.basename(file)} p.${n}: “${marker}” without the text before it`).toBeGreaterThan(
        20,
      );
    }
  }
}

/** Render every page for a human to look at, as the brief asks (tests/e2e/screenshots). */
function renderPages(file: string, name: string) {
  spawnSync('pdftoppm', ['-png', '-r', '60', file, path.join(screenshotDir, `consistency-${name}`)]);
}

/** The numbers the run screen and the projector show, read from their text. */
function readFigures(text: string) {
  const number = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  return {
    invited: number(/应到 (\d+)/),
    attended: number(/实到 (\d+)/),
    present: number(/在场 (\d+)/),
    left: number(/离场 (\d+)/),
    guests: number(/列席 (\d+)/),
  };
}

/** The iTXt "Description" chunk of a PNG: the text the picture shows. */
function pngText(file: string): string {
  const png = fs.readFileSync(file);
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'iTXt') {
      const data = png.subarray(at + 8, at + 8 + length);
      if (data.toString('latin1', 0, 11) === 'Description') return data.subarray(16).toString('utf8');
    }
    at += 12 + length;
  }
  throw new Error('no text in the picture');
}

async function recordedResult(page: Page) {
  return (await page.locator('.vote-record:not(.superseded) .result').last().innerText()).trim();
}

test('one meeting, one truth: run screen, projector, minutes, sign-in record, 公示, picture, bundle and the sub-district dashboard agree', async ({
  page,
  host,
  browser,
}) => {
  test.setTimeout(480_000);
  const office = await startHost();
  const dir = fs.mkdtempSync(path.join(host.dataDir, 'downloads-'));
  try {
    // The scene: a community, its roster (with a namesake), a planned meeting; the sub-district and its CA.
    await createCommunity(page, host.url);
    await api(host, 'community:save', {
      name: '东湖社区',
      subDistrict: '当湖街道',
      district: '平湖市',
      pavilionName: '东湖幸福议事亭',
      pavilionPlace: '3 号楼南侧文化长廊',
      contactName: '周敏',
      contactPhone: '0573-85123456',
      noticeBoard: '小区公示栏、议事亭微信群',
    });
    const meetingId = await seedMeeting(host);
    await api(host, 'resident:save', {
      name: scenario.namesake.name,
      gender: null,
      building: scenario.namesake.building,
      unit: '1',
      room: scenario.namesake.room,
      tags: ['居民代表'],
      area: 90,
    });
    await api(host, 'resident:save', {
      name: scenario.outsider.name,
      gender: null,
      building: scenario.outsider.building,
      unit: '1',
      room: scenario.outsider.room,
      tags: [],
      area: null,
    });
    await api(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
    await api(office, 'identity:create', { passphrase: '当湖街道根证书2026' });

    // The meeting, run on screen with the projector open beside it.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${host.url}#/meetings/${meetingId}/run`);
    const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const projector = await projectorContext.newPage();
    await projector.goto(`${host.url}#/projector/${meetingId}`);
    const desk = new SignInDesk();
    const search = page.getByRole('searchbox', { name: '姓名、拼音首字母或房号，回车签到' });
    for (const name of scenario.checkIns) {
      await search.fill(name);
      await expect(page.getByRole('list', { name: '匹配的居民' })).toContainText(name);
      // Two residents share this name: Enter asks, and the desk picks the one in front of it by room.
      if (name === scenario.namesake.name)
        await page
          .getByRole('list', { name: '匹配的居民' })
          .getByRole('button', { name: /1-1-201/ })
          .click();
      else await search.press('Enter');
      await expect(search).toHaveValue('');
      desk.checkIn(names.indexOf(name));
    }
    // The outsider: the door asks, and the secretary counts them.
    await search.fill(scenario.outsider.name);
    await expect(page.getByRole('list', { name: '匹配的居民' })).toContainText('未邀请');
    await search.press('Enter');
    await page
      .getByRole('group', { name: `${scenario.outsider.name} 不在本次会议的邀请名单中` })
      .getByRole('button', { name: '计入参会（实到）' })
      .click();
    await expect(search).toHaveValue('');
    desk.checkIn(outsiderId);
    const attendees = page.getByRole('list', { name: '已签到' });
    await attendees
      .getByRole('listitem')
      .filter({ hasText: scenario.proxy.holder })
      .getByRole('button', { name: '委托' })
      .click();
    await page.getByLabel('输入未到场居民的姓名').fill(scenario.proxy.absent);
    await page
      .locator('.proxy-box')
      .getByRole('button', { name: new RegExp(scenario.proxy.absent) })
      .click();
    desk.proxy(names.indexOf(scenario.proxy.holder), names.indexOf(scenario.proxy.absent));
    await page.getByLabel('列席人员姓名').fill(scenario.guest.name);
    await page.getByLabel('单位').fill(scenario.guest.organisation);
    await page.getByLabel('身份/职务').fill(scenario.guest.role);
    await page.getByRole('button', { name: '添加列席' }).click();
    desk.guest();
    const quorumPill = page.getByRole('status', { name: '法定人数' });
    await expect(quorumPill).toContainText(`列席 ${desk.guests}`);

    // Item 1: a show of hands.
    await page.getByRole('button', { name: '开始第一项 →' }).click();
    await page.getByLabel('表决方式').selectOption({ label: '举手表决' });
    await page.getByLabel('赞成').fill(String(scenario.hands.for));
    await page.getByLabel('反对').fill(String(scenario.hands.against));
    await page.getByLabel('弃权').fill(String(scenario.hands.abstain));
    await page.getByRole('button', { name: '记录表决结果' }).click();
    await expect(page.locator('.vote-record')).toHaveCount(1);
    const results: string[] = [await recordedResult(page)];

    // Item 2: a roll call, the proxy voting as its own line.
    await page.getByRole('button', { name: '下一项 →' }).click();
    // Choose once item 2's form is up (the form is remounted per item).
    await expect(page.locator('.current-item')).toContainText('当前议程 2');
    await page.getByLabel('表决方式').selectOption({ label: '记名表决' });
    const lines = page.locator('.choice-list li');
    await expect(lines).toHaveCount(desk.figures([]).present);
    const roll: { label: string; room: string; choice: string }[] = [];
    for (let i = 0; i < (await lines.count()); i += 1) {
      const label = (await lines.nth(i).getAttribute('aria-label'))!;
      const room = (await lines.nth(i).locator('.muted').first().innerText()).trim();
      const choice = scenario.rollFor(i, label.includes('代为表决')) ? '赞成' : '反对';
      await lines.nth(i).getByRole('button', { name: choice }).click();
      roll.push({ label, room, choice });
    }
    expect(roll.map((r) => r.label)).toContain(`${scenario.proxy.absent}（由 ${scenario.proxy.holder} 代为表决）`);
    await page.getByRole('button', { name: '记录表决结果' }).click();
    await expect(page.locator('.vote-record')).toHaveCount(1);
    results.push(await recordedResult(page));

    // Item 3: owners by household.
    await page.getByRole('button', { name: '下一项 →' }).click();
    await expect(page.getByLabel('表决方式')).toHaveValue('owners');
    const flats = page.locator('.choice-list li');
    const owners: { address: string; area: string; voter: string; choice: string }[] = [];
    for (let i = 0; i < scenario.ownersTakingPart; i += 1) {
      const choice = i < scenario.ownersTakingPart - scenario.ownersAgainst ? '赞成' : '反对';
      await flats.nth(i).getByRole('button', { name: choice }).click();
      // "90 ㎡ · 王建平": the flat's area and who in the room speaks for it.
      const [, area, voter] = /^([\d.]+) ㎡ · (.*)$/.exec(
        (await flats.nth(i).locator('.muted').first().innerText()).trim(),
      )!;
      owners.push({ address: (await flats.nth(i).getAttribute('aria-label'))!, area: area!, voter: voter!, choice });
    }
    await page.getByRole('button', { name: '记录表决结果' }).click();
    await expect(page.locator('.vote-record')).toHaveCount(1);
    results.push(await recordedResult(page));
    const adopted = [results[0]!, results[2]!];
    expect(adopted.every((r) => r.endsWith('，通过'))).toBe(true);
    expect(results[1]).toMatch(/未通过$/);

    // Someone leaves before the end.
    await attendees
      .getByRole('listitem')
      .filter({ hasText: scenario.leaver })
      .getByRole('button', { name: `${scenario.leaver} 离场` })
      .click();
    desk.leave(names.indexOf(scenario.leaver));
    const invited = new Set([...names.keys(), namesakeId]);
    const model = desk.figures([...invited]);
    // Counting the outsider made room for them in 应到: 实到 never exceeds it.
    expect(model.invited).toBe(invited.size + 1);
    await expect(quorumPill).toContainText(`离场 ${model.left}`);

    // The run screen and the projector: the model's figures, the same on both.
    const panel = readFigures(await quorumPill.innerText());
    expect(panel).toEqual({
      invited: model.invited,
      attended: model.attended,
      present: model.present,
      left: model.left,
      guests: model.guests,
    });
    await expect(projector.getByRole('status', { name: '法定人数' })).toContainText(`离场 ${model.left}`);
    expect(readFigures(await projector.getByRole('status', { name: '法定人数' }).innerText())).toEqual(panel);
    await page.screenshot({ path: path.join(screenshotDir, 'consistency-run.zh-CN.png') });
    await projector.screenshot({ path: path.join(screenshotDir, 'consistency-projector.zh-CN.png') });
    await projectorContext.close();

    // Close, complete the draft (owners and deadlines for the adopted items, three representatives' lines).
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${host.url}#/meetings/${meetingId}`);
    await page.getByRole('button', { name: '结束会议' }).click();
    await page.getByRole('dialog', { name: '结束会议' }).getByRole('button', { name: '结束会议' }).click();
    await page.getByRole('link', { name: '会议纪要' }).click();
    const itemTitles = ['东门划线停车方案', '垃圾分类点位调整', '使用维修资金加装电梯'];
    for (const [i, title] of itemTitles.entries()) {
      const article = page.getByRole('article', { name: `${i + 1}. ${title}` });
      if (i === 1) {
        await expect(article).toContainText('未通过');
        await expect(article.getByRole('textbox', { name: '责任方' })).toHaveCount(0);
        continue;
      }
      await article.getByRole('textbox', { name: '责任方' }).fill('物业公司');
      await article.getByRole('textbox', { name: '完成时限' }).fill('2027-03-31');
    }
    await page.getByLabel('参会代表签字栏（行）').fill('3');
    await expect(page.getByRole('status').filter({ hasText: '已自动保存' })).toBeVisible();
    await page.getByRole('button', { name: '定稿' }).click();
    await page.getByRole('dialog', { name: '定稿会议纪要' }).getByRole('button', { name: '定稿' }).click();
    await expect(page.locator('.badge').filter({ hasText: '已定稿' })).toBeVisible();

    // The signing identity, certified by the sub-district (the office's side is set up through the contract).
    await page.getByLabel(/^签名密码/).fill('东门樟树下的板凳会');
    await page.getByLabel(/^再次输入签名密码/).fill('东门樟树下的板凳会');
    await page.getByRole('button', { name: '创建签名身份' }).click();
    await expect(page.getByRole('button', { name: '会议纪要 PDF' })).toBeEnabled({ timeout: 60_000 });
    const request = await api(host, 'identity:request', {});
    const issued = await api(office, 'ca:issue', { fileName: request.fileName, data: request.data });
    await api(host, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
    await page.reload();
    await page.screenshot({ path: path.join(screenshotDir, 'consistency-minutes-final.zh-CN.png'), fullPage: true });

    const file = async (button: string) =>
      download(page, () => page.getByRole('button', { name: button }).click(), dir);
    const minutesPdf = await file('会议纪要 PDF');
    const signInPdf = await file('签到表 PDF');
    const noticePdf = await file('议定事项公示 PDF');
    const noticePng = await file('公示图片（手机）');
    const bundle = await file('导出本次会议上报包');

    // Every number of the run screen, in every record.
    const sentence = `应到${panel.invited}人，实到${panel.attended}人（其中书面委托${model.attendedProxies}人），中途离场${panel.left}人，会议结束时在场${panel.present}人，列席${panel.guests}人。`;
    const minutes = squash(pdfText(minutesPdf));
    const signIn = squash(pdfText(signInPdf));
    const notice = squash(pdfText(noticePdf));
    expect(minutes).toContain(sentence);
    expect(signIn).toContain(sentence);
    for (const result of results) expect(minutes).toContain(squash(result));
    expect(minutes).toContain('2.垃圾分类点位调整（未通过）');
    expect(minutes).toContain(`议定事项${adopted.length}项`);

    // The 公示: the adopted items only, numbered from 1, each with its vote, then the 公示期 and the contact.
    expect(notice).toContain(`形成以下议定事项${adopted.length}项`);
    expect(notice).toContain(`1.${itemTitles[0]}：`);
    expect(notice).toContain(`2.${itemTitles[2]}：`);
    expect(notice).not.toContain(itemTitles[1]);
    for (const result of adopted) expect(notice).toContain(`表决结果：${squash(result)}`);
    expect(notice).toMatch(/公示期：\d{4}年\d+月\d+日至\d{4}年\d+月\d+日，公示地点：小区公示栏、议事亭微信群/);
    expect(notice).toContain('联系人：周敏，电话：0573-85123456');
    // The picture shows the same 公示, line for line.
    const picture = pngText(noticePng);
    const listed = (text: string) => text.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(listed(picture)).toHaveLength(adopted.length);
    for (const line of listed(picture)) expect(notice).toContain(squash(line));

    // Annexes: the roll call line by line (the proxy as its own line), the owners' ballots, the attendance list.
    const layout = pdfText(minutesPdf, ['-layout']);
    const rows = layout.split('\n').map(squash);
    for (const [n, line] of roll.entries()) {
      expect(rows, `roll call line ${n + 1}`).toContain(`${n + 1}${squash(line.label)}${line.room}${line.choice}`);
    }
    for (const [n, flat] of owners.entries()) {
      expect(rows, `owners' line ${n + 1}`).toContain(
        `${n + 1}${squash(flat.voter)}${flat.address}${flat.area}${flat.choice}`,
      );
    }
    for (const name of [...scenario.checkIns, scenario.outsider.name]) expect(signIn).toContain(name);
    expect(signIn).toContain(scenario.guest.name);
    // The namesakes, always with their rooms: one came (出席), the other did not (缺席).
    expect(minutes).toContain(`${scenario.namesake.name}（1-1-201）`);
    expect(minutes).toContain(`${scenario.namesake.name}（9-1-101）`);

    // 公文 form: Chinese dates, signature lines, the seal's unit, no orphan pages, plain verification text.
    expect(minutes).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(minutes).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(minutes).toContain('主持人（签字）：');
    expect(minutes).toContain('记录人（签字）：');
    expect(minutes).toContain('参会代表（签字）：');
    expect(minutes).toContain('签名证书由当湖街道办事处签发');
    expect(minutes).not.toContain('npmrun');
    for (const [pdf, name] of [
      [minutesPdf, 'minutes'],
      [signInPdf, 'sign-in'],
      [noticePdf, 'notice'],
    ] as const) {
      expect(spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');
      expectNoOrphanPages(pdf);
      renderPages(pdf, name);
    }

    // The bundle's manifest says the same.
    const manifest = JSON.parse(readZip(fs.readFileSync(bundle)).get('manifest.json')!.toString()) as BundleManifest;
    const [reported] = manifest.meetings;
    expect(reported!.attendees).toBe(panel.attended);
    expect(reported!.minutes.figures).toMatchObject({
      invited: panel.invited,
      attended: { total: panel.attended, proxies: model.attendedProxies },
      present: { total: panel.present },
      left: { total: panel.left },
      guests: panel.guests,
    });
    expect(manifest.votes.map((v) => v.result)).toEqual(results);
    expect(manifest.votes.map((v) => v.adopted)).toEqual(results.map((r) => r.endsWith('，通过')));
    expect(manifest.resolutions.map((r) => r.title)).toEqual([itemTitles[0], itemTitles[2]]);

    // The sub-district imports it and counts the same.
    await page.goto(office.url);
    await page.getByRole('link', { name: '汇总' }).click();
    await page.getByLabel('选择上报包…').setInputFiles([bundle]);
    await expect(page.getByRole('status').filter({ hasText: '本次导入 1 个' })).toContainText('1 个可信', {
      timeout: 60_000,
    });
    await page.getByRole('link', { name: '统计' }).click();
    const kpi = (label: string) => page.locator('.kpi').filter({ hasText: label });
    await expect(kpi('召开议事会').locator('.kpi-value')).toHaveText('1');
    await expect(kpi('召开议事会')).toContainText(`实到 ${panel.attended} 人次`);
    await expect(kpi('表决').locator('.kpi-value')).toHaveText(String(results.length));
    await expect(kpi('表决')).toContainText(`通过 ${adopted.length}`);
    await expect(kpi('议定事项').locator('.kpi-value')).toHaveText(String(adopted.length));
    await page.screenshot({ path: path.join(screenshotDir, 'consistency-dashboard.zh-CN.png'), fullPage: true });
  } finally {
    await office.stop();
    fs.rmSync(office.dataDir, { recursive: true, force: true });
  }
});
