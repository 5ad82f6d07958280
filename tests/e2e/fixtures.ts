import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { api, expect, type RunningHost } from './host';

/** The first-run step every flow starts with. */
export async function createCommunity(page: Page, url: string, name = '东湖社区'): Promise<void> {
  await page.goto(url);
  await page.getByLabel('社区名称').fill(name);
  await page.getByLabel('所属街道').fill('当湖街道');
  await page.getByLabel('所属区（县、市）').fill('平湖市');
  await page.getByLabel('议事亭名称').fill(`${name.replace(/社区$/, '')}幸福议事亭`);
  await page.getByLabel('议事亭地点').fill('3 号楼南侧文化长廊');
  await page.getByRole('button', { name: '保存并开始' }).click();
  await page.getByRole('navigation').waitFor();
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
export const names = [...surnames].map((s, i) => `${s}${'建国秀英志强丽华明辉'[i % 10]}${'平安福'[i % 3]}`);

/** 30 residents (居民代表, each in a 90 m² flat), a meeting inviting them, three agenda items. */
export async function seedMeeting(host: RunningHost) {
  for (const [i, name] of names.entries()) {
    await api(host, 'resident:save', {
      name,
      gender: null,
      building: String(1 + Math.floor(i / 10)),
      unit: '1',
      room: `${1 + (i % 10)}01`,
      tags: ['居民代表'],
      area: 90,
    });
  }
  const meeting = await api(host, 'meeting:create', {
    title: '12 月幸福议事亭议事会',
    scheduledAt: '2026-12-05T19:00',
    place: '文化长廊',
  });
  await api(host, 'meeting:plan', {
    id: meeting.id,
    host: '陈书记',
    recorder: '周敏',
    durationMinutes: 90,
    expectedAttendance: 30,
    invitedRoles: ['居民代表'],
    invitedParties: ['物业公司'],
    invitedResidentIds: [],
    quorumKind: 'fraction',
    quorumValue: 0.5,
  });
  const items = [
    ['东门划线停车方案', 'simple_majority'],
    ['垃圾分类点位调整', 'absolute_majority'],
    ['使用维修资金加装电梯', 'owners_major'],
  ] as const;
  for (const [title, voteRule] of items) {
    const agenda = await api(host, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title, plannedMinutes: 20 });
    await api(host, 'agenda:update', {
      id: agenda.at(-1)!.id,
      title,
      plannedMinutes: 20,
      presenter: '',
      question: `是否同意${title}？`,
      voteRule,
    });
  }
  await api(host, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  return meeting.id;
}

/**
 * The meeting above, run and closed with a vote on every item (so each has a resolution), its minutes given an
 * owner and deadline per item and finalized, and the signing identity created: ready to follow up and report.
 */
export async function finalizedMeeting(host: RunningHost, checkIns = 10): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  const topics: [string, string, 'small' | 'big' | 'hard'][] = [
    ['东门晚高峰乱停车', '停车交通', 'big'],
    ['垃圾房异味', '环境卫生', 'small'],
    ['老楼加装电梯资金', '加装电梯', 'hard'],
  ];
  for (const [title, category, level] of topics) {
    await api(host, 'topic:create', {
      title,
      description: '',
      source: 'resident',
      raisedBy: '',
      raisedOn: today,
      category,
      level,
      building: '',
      lane: '',
    });
  }
  const meetingId = await seedMeeting(host);
  const residents = await api(host, 'resident:search', { query: '' });
  for (const person of residents.items.slice(0, checkIns)) {
    await api(host, 'attendance:checkIn', { meetingId, residentId: person.id });
  }
  for (const item of await api(host, 'agenda:list', { id: meetingId })) {
    await api(host, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: item.question,
      ballots: { method: 'hands', counts: { for: checkIns - 1, against: 1, abstain: 0, invalid: 0 } },
    });
  }
  await api(host, 'meeting:setStatus', { id: meetingId, status: 'closed' });
  const { content } = await api(host, 'minutes:get', { id: meetingId });
  content.items.forEach((item, i) => {
    item.owner = ['物业公司', '社区', '业委会'][i % 3]!;
    item.deadline = '2027-03-31';
  });
  await api(host, 'minutes:save', { id: meetingId, content });
  await api(host, 'minutes:finalize', { id: meetingId, by: '周敏' });
  await api(host, 'identity:create', { passphrase: '议事亭的樟树下签名 2026' });
  return meetingId;
}

/** Click something that downloads a file; save it in `dir` under the name the app gave it. */
export async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** The community asks for a certificate, the office issues it, the community installs it — all on screen. */
export async function certify(community: Page, office: Page, host: RunningHost, dir: string, name: string) {
  await community.goto(`${host.url}#/records`);
  await expect(community.getByRole('status').filter({ hasText: '已解锁，可以签名' })).toBeVisible();
  const request = await download(
    community,
    () => community.getByRole('button', { name: '生成证书申请文件（.csr）' }).click(),
    dir,
  );
  expect(fs.readFileSync(request, 'utf8')).toContain('BEGIN CERTIFICATE REQUEST');
  await office.getByLabel('选择证书申请文件…').setInputFiles(request);
  const asked = office.getByRole('dialog', { name: '签发证书' });
  await expect(asked).toContainText(`平湖市当湖街道${name}居民委员会`);
  const certificate = await download(office, () => asked.getByRole('button', { name: '签发' }).click(), dir);
  await community.getByLabel('导入街道签发的证书（.crt）').setInputFiles(certificate);
  await expect(
    community.getByRole('status').filter({ hasText: '已导入街道签发的证书，颁发者：CN=当湖街道办事处' }),
  ).toBeVisible();
}
