import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Log } from '../../electron/guard';
import type { Channel, Input } from '../../shared/contract';
import { coreWithCommunity, makeCore, send, tempDir, testPassphrase, type TestCore } from './helpers';
import { finalizedWithIdentity } from './meetings';

/**
 * Two data files with something of everything, built once and copied for each channel: a community (a closed
 * meeting with finalized minutes and a signing key, a running meeting with attendees, a proxy and a speaker, a
 * draft meeting with an agenda, topics, follow-ups, a supervisor, a typical case) and a sub-district office
 * (its CA, one collected bundle). Files a channel needs as input (a bundle, a P12, a request, a certificate,
 * a signed PDF, a roster) are made by the app itself.
 */
export type World = Awaited<ReturnType<typeof buildWorld>>;
export type Ids = World['ids'];

export const communityPassphrase = 'correct horse 1';
export const officePassphrase = 'office passphrase';
const p12Password = 'p12-password';

/** The smallest PNG there is (1×1), and its thumbnail as the renderer would send it. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The world outlives each test's cleanup: its folders are the caller's to remove (see removeWorld). */
const worldDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-fuzz-world-'));

export async function buildWorld() {
  const fixture = await finalizedWithIdentity(await coreWithCommunity({}, worldDir()));
  const { core: community, meeting: closed, people, items: closedItems } = fixture;
  const residents = people.map((p) => p.id);

  // A meeting running now: two residents checked in, one holding a proxy, a speaker on the first item.
  const running = await send(community, 'meeting:create', { title: '12月议事会', place: '议事亭' });
  await send(community, 'agenda:add', { meetingId: running.id, kind: 'custom', title: '垃圾分类', plannedMinutes: 10 });
  const runningItems = await send(community, 'agenda:add', {
    meetingId: running.id,
    kind: 'custom',
    title: '停车位划线',
    plannedMinutes: 10,
  });
  await send(community, 'meeting:setStatus', { id: running.id, status: 'in_progress' });
  await send(community, 'attendance:checkIn', { meetingId: running.id, residentId: residents[0]! });
  const attendees = await send(community, 'attendance:checkIn', { meetingId: running.id, residentId: residents[1]! });
  const withProxy = await send(community, 'attendance:proxy', {
    meetingId: running.id,
    holderAttendanceId: attendees[1]!.id,
    absentResidentId: residents[2]!,
  });
  // One more in the room who neither spoke nor holds a proxy (a check-in that can be taken back), and one not yet.
  const latecomer = await send(community, 'attendance:checkIn', { meetingId: running.id, residentId: residents[3]! });
  const absent = await send(community, 'resident:save', {
    name: '周洁',
    gender: '女',
    building: '5',
    unit: '2',
    room: '301',
    tags: [],
  });
  await send(community, 'run:goto', { meetingId: running.id, itemId: runningItems[0]!.id });
  const runState = await send(community, 'speaker:add', {
    agendaItemId: runningItems[0]!.id,
    attendanceId: attendees[0]!.id,
  });
  const vote = await send(community, 'vote:record', {
    agendaItemId: runningItems[0]!.id,
    rule: 'simple_majority',
    question: '按小区方案分类投放',
    ballots: { method: 'hands', counts: { for: 2, against: 0, abstain: 0, invalid: 0 } },
  });

  // A second closed meeting, its minutes still a draft.
  const unfinished = await send(community, 'meeting:create', { title: '10月议事会' });
  const unfinishedItems = await send(community, 'agenda:add', {
    meetingId: unfinished.id,
    kind: 'custom',
    title: '花坛改造',
    plannedMinutes: 10,
  });
  await send(community, 'meeting:setStatus', { id: unfinished.id, status: 'in_progress' });
  await send(community, 'attendance:checkIn', { meetingId: unfinished.id, residentId: residents[0]! });
  await send(community, 'vote:record', {
    agendaItemId: unfinishedItems[0]!.id,
    rule: 'consensus',
    question: '花坛改种月季',
    ballots: { method: 'consensus', wording: '同意改种月季' },
  });
  await send(community, 'meeting:setStatus', { id: unfinished.id, status: 'closed' });
  const unfinishedMinutes = await send(community, 'minutes:get', { id: unfinished.id });

  // A meeting being planned.
  const draft = await send(community, 'meeting:create', { title: '1月议事会', scheduledAt: '2027-01-10T19:30' });
  await send(community, 'agenda:add', { meetingId: draft.id, kind: 'custom', title: '楼道照明', plannedMinutes: 10 });
  const draftItems = await send(community, 'agenda:add', { meetingId: draft.id, kind: 'briefing' });

  const topic = (title: string) =>
    send(community, 'topic:create', {
      title,
      description: '居民反映',
      source: 'resident',
      raisedBy: '王𠇔',
      raisedOn: '2026-11-02',
      category: '停车交通',
      level: 'big',
      building: '3',
      lane: '',
    });
  const collected = await topic('夜间停车难');
  const accepted = await topic('电梯噪音');
  const another = await topic('电梯噪音（重复）');
  await send(community, 'topic:triage', { ids: [accepted.id, another.id], decision: 'accept', reason: '' });
  await send(community, 'topic:addConsultation', {
    topicId: accepted.id,
    kind: 'visit',
    date: '2026-11-05',
    households: 12,
    summary: '多数住户支持夜间限行',
  });
  const photo = await send(community, 'topic:addPhoto', {
    topicId: collected.id,
    fileName: '现场.png',
    data: png,
    thumbnail: `data:image/png;base64,${png}`,
  });

  const [action] = await send(community, 'followup:list', {});
  const [supervisor] = await send(community, 'supervisor:save', { name: '陈监督', phone: '13800000000' });

  // The sub-district office with its CA, which certifies the community's key: the community's bundles are trusted.
  const office = makeCore({ dataDir: worldDir() });
  await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  await send(office, 'identity:create', { passphrase: officePassphrase });
  const request = await send(community, 'identity:request', {});
  const certificate = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
  await send(community, 'identity:installCertificate', { fileName: certificate.fileName, data: certificate.data });

  // Files the app makes, for the channels that take a file.
  const p12 = await send(community, 'identity:exportP12', { passphrase: communityPassphrase, password: p12Password });
  const signedPdf = await send(community, 'record:export', { id: closed.id, kind: 'minutes' });
  const bundle = await send(community, 'bundle:export', { meetingId: closed.id });
  const periodBundle = await send(community, 'bundle:export', { from: '2026-01-01', to: '2027-12-31' });
  const [backup] = await send(community, 'backup:list', {});
  const crl = await send(office, 'ca:crl', {});
  const collectedBundle = await send(office, 'collection:import', { fileName: bundle.fileName, data: bundle.data });
  expect(collectedBundle.verdict).toBe('trusted');
  const receipt = await send(office, 'collection:receipts', {});
  const meetingRowId = office.db!.$client.prepare('SELECT max(id) FROM collected_meeting').pluck().get() as number;

  const ids = {
    residents: [...residents, absent.id],
    latecomer: latecomer.find((a) => a.residentId === residents[3])!.id,
    closedMeeting: closed.id,
    unfinishedMeeting: unfinished.id,
    runningMeeting: running.id,
    draftMeeting: draft.id,
    closedItems: closedItems.map((i) => i.id),
    runningItems: runningItems.map((i) => i.id),
    draftItems: draftItems.map((i) => i.id),
    attendances: withProxy.map((a) => a.id),
    proxy: withProxy[1]!.proxiesFor[0]!.proxyId,
    speaker: runState.speakers[0]!.id,
    vote: vote.id,
    topics: { collected: collected.id, accepted: accepted.id, another: another.id },
    photo: photo.id,
    action: action!.id,
    supervisor: supervisor!.id,
    households: community.db!.$client.prepare('SELECT id FROM household ORDER BY id').pluck().all() as number[],
    meetingRowId,
    collectedBundle: collectedBundle.id,
  };
  const files = {
    p12: { fileName: p12.fileName, data: p12.data, password: p12Password },
    signedPdf: { fileName: signedPdf.fileName, data: signedPdf.data },
    periodBundle: { fileName: periodBundle.fileName, data: periodBundle.data },
    request: { fileName: request.fileName, data: request.data },
    certificate: { fileName: certificate.fileName, data: certificate.data },
    crl: { fileName: crl.fileName, data: crl.data },
    receipt: { fileName: receipt.fileName, data: receipt.data },
    roster: {
      fileName: '名册.csv',
      data: Buffer.from('姓名,楼栋,单元,房号,手机\n孙立,5,2,502,13912345678\n', 'utf8').toString('base64'),
    },
    png,
    draftMinutes: unfinishedMinutes.content,
    backup: backup!.name,
  };
  community.close();
  office.close();
  return { dirs: { community: community.dataDir, office: office.dataDir }, ids, files };
}

export function removeWorld(world: World): void {
  for (const dir of Object.values(world.dirs)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh copy of one of the world's data files, served by its own core. */
export function coreOf(world: World, which: keyof World['dirs'], log: Log): TestCore {
  const dataDir = tempDir();
  fs.cpSync(world.dirs[which], dataDir, { recursive: true });
  for (const stale of ['yishiting.sqlite-wal', 'yishiting.sqlite-shm'])
    fs.rmSync(path.join(dataDir, stale), { force: true });
  return makeCore({ dataDir, log });
}

/**
 * One valid input per contract channel, and which data file it runs against. Typed by the contract: a new
 * channel fails typecheck here until it has one.
 */
type Valid<C extends Channel> = { world: keyof World['dirs']; input: (ids: Ids, files: World['files']) => Input<C> };
const community = <C extends Channel>(input: Valid<C>['input']): Valid<C> => ({ world: 'community', input });
const office = <C extends Channel>(input: Valid<C>['input']): Valid<C> => ({ world: 'office', input });
const none = () => ({});

export const validInputs = {
  'app:status': community(none),
  'app:unlock': community(() => ({ passphrase: testPassphrase })),
  'settings:changePassphrase': community(() => ({ current: testPassphrase, next: '樟树下的新数据密码 2027' })),
  'settings:setLocale': community(() => ({ locale: 'en' })),
  'community:get': community(none),
  'community:save': community(() => ({
    name: '西湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '西湖议事亭',
    pavilionPlace: '社区广场',
    contactName: '周敏',
    contactPhone: '0573-85123456',
    noticeBoard: '小区公示栏',
  })),
  'subdistrict:save': office(() => ({ name: '钟埭街道', district: '平湖市' })),
  'meeting:list': community(none),
  'meeting:get': community((ids) => ({ id: ids.closedMeeting })),
  'meeting:create': community(() => ({
    title: '临时议事会',
    kind: 'building',
    scheduledAt: '2027-02-01T09:00',
    place: '3 号楼',
  })),
  'meeting:rename': community((ids) => ({ id: ids.draftMeeting, title: '1月幸福议事会' })),
  'meeting:schedule': community((ids) => ({ id: ids.draftMeeting, scheduledAt: '2027-01-11T19:00', place: '议事亭' })),
  'meeting:setStatus': community((ids) => ({ id: ids.draftMeeting, status: 'announced' })),
  'resident:search': community(() => ({ query: '王', limit: 20, offset: 0 })),
  'resident:save': community((ids) => ({
    id: ids.residents[3]!,
    name: '刘昇',
    gender: '男',
    building: '3',
    unit: '1',
    room: '401',
    phone: '13911112222',
    tags: ['居民代表'],
    area: 88.5,
  })),
  'roster:preview': community((_ids, files) => files.roster),
  'roster:import': community((_ids, files) => files.roster),
  'roster:export': community(none),
  'topic:list': community(() => ({
    statuses: ['accepted'],
    levels: ['big'],
    sources: ['resident'],
    category: '停车交通',
    query: '电梯',
  })),
  'topic:get': community((ids) => ({ id: ids.topics.accepted })),
  'topic:create': community(() => ({
    title: '健身器材损坏',
    description: '小区广场的健身器材螺丝松动',
    source: 'patrol',
    raisedBy: '网格员',
    raisedOn: '2026-11-20',
    category: '公共设施',
    level: 'small',
    building: '',
    lane: '中心路',
  })),
  'topic:update': community((ids) => ({
    id: ids.topics.collected,
    title: '夜间停车难（东门）',
    description: '东门夜间车辆乱停',
    source: 'resident',
    raisedBy: '王𠇔',
    raisedOn: '2026-11-02',
    category: '停车交通',
    level: 'big',
    building: '3',
    lane: '东门',
  })),
  'topic:triage': community((ids) => ({
    ids: [ids.topics.collected],
    decision: 'refer_department',
    reason: '属交警职责',
    referredTo: '交警',
  })),
  'topic:markDuplicate': community((ids) => ({ id: ids.topics.another, of: ids.topics.accepted })),
  'topic:addConsultation': community((ids) => ({
    topicId: ids.topics.accepted,
    kind: 'call',
    date: '2026-11-06',
    households: 3,
    summary: '电话征询 3 户',
  })),
  'topic:addPhoto': community((ids, files) => ({
    topicId: ids.topics.accepted,
    fileName: '电梯.png',
    data: files.png,
    thumbnail: `data:image/png;base64,${files.png}`,
  })),
  'topic:photo': community((ids) => ({ id: ids.photo })),
  'topic:categories': community(none),
  'meeting:plan': community((ids) => ({
    id: ids.draftMeeting,
    host: '陈书记',
    recorder: '林社工',
    durationMinutes: 60,
    expectedAttendance: 20,
    invitedRoles: ['楼组长'],
    invitedParties: ['物业公司'],
    invitedResidentIds: ids.residents.slice(0, 2),
    quorumKind: 'count',
    quorumValue: 2,
  })),
  'meeting:invitees': community((ids) => ({ id: ids.closedMeeting })),
  'agenda:list': community((ids) => ({ id: ids.draftMeeting })),
  'agenda:add': community((ids) => ({
    meetingId: ids.draftMeeting,
    kind: 'topic',
    topicId: ids.topics.accepted,
    plannedMinutes: 15,
  })),
  'agenda:update': community((ids) => ({
    id: ids.draftItems[0]!,
    title: '楼道照明改造',
    plannedMinutes: 20,
    presenter: '物业',
    question: '是否更换声控灯',
    voteRule: 'simple_majority',
  })),
  'agenda:move': community((ids) => ({ id: ids.draftItems[1]!, parentId: ids.draftItems[0]!, index: 0 })),
  'agenda:remove': community((ids) => ({ id: ids.draftItems[1]! })),
  'meeting:signInSheet': community((ids) => ({ id: ids.draftMeeting })),
  'meeting:noticeCheck': community((ids) => ({ id: ids.draftMeeting })),
  'meeting:notice': community((ids) => ({ id: ids.draftMeeting, format: 'pdf' })),
  'attendance:list': community((ids) => ({ id: ids.runningMeeting })),
  'attendance:expected': community((ids) => ({ id: ids.runningMeeting })),
  'attendance:undo': community((ids) => ({ attendanceId: ids.latecomer })),
  'attendance:undoLeave': community((ids) => ({ attendanceId: ids.latecomer })),
  'attendance:checkIn': community((ids) => ({ meetingId: ids.runningMeeting, residentId: ids.residents[4]! })),
  'attendance:addGuest': community((ids) => ({
    meetingId: ids.runningMeeting,
    name: '钱律师',
    organisation: '律师事务所',
    role: '法律顾问',
  })),
  'attendance:leave': community((ids) => ({ attendanceId: ids.attendances[0]! })),
  'attendance:proxy': community((ids) => ({
    meetingId: ids.runningMeeting,
    holderAttendanceId: ids.attendances[0]!,
    absentResidentId: ids.residents[4]!,
  })),
  'attendance:removeProxy': community((ids) => ({ proxyId: ids.proxy })),
  'run:state': community((ids) => ({ id: ids.runningMeeting })),
  'run:goto': community((ids) => ({ meetingId: ids.runningMeeting, itemId: ids.runningItems[1]! })),
  'run:speakerSeconds': community((ids) => ({ meetingId: ids.runningMeeting, seconds: 120 })),
  'run:projector': community((ids) => ({ meetingId: ids.runningMeeting, mode: 'message', message: '休息 5 分钟' })),
  'speaker:add': community((ids) => ({ agendaItemId: ids.runningItems[0]!, attendanceId: ids.attendances[1]! })),
  'speaker:move': community((ids) => ({ id: ids.speaker, index: 0 })),
  'speaker:start': community((ids) => ({ id: ids.speaker })),
  'speaker:done': community((ids) => ({ id: ids.speaker })),
  'speaker:note': community((ids) => ({ id: ids.speaker, note: '建议错峰' })),
  'agenda:notes': community((ids) => ({ id: ids.runningItems[0]!, notes: '多数赞成' })),
  'vote:record': community((ids) => ({
    agendaItemId: ids.runningItems[1]!,
    rule: 'simple_majority',
    question: '东侧划线 20 个车位',
    ballots: { method: 'roll_call', choices: [{ residentId: ids.residents[0]!, choice: 'for' }] },
  })),
  'vote:list': community((ids) => ({ id: ids.runningMeeting })),
  'vote:voters': community((ids) => ({ id: ids.runningMeeting })),
  'vote:ballots': community((ids) => ({ id: ids.vote })),
  'minutes:get': community((ids) => ({ id: ids.closedMeeting })),
  'minutes:save': community((ids, files) => ({ id: ids.unfinishedMeeting, content: files.draftMinutes })),
  'minutes:finalize': community((ids) => ({ id: ids.unfinishedMeeting, by: '林社工' })),
  'minutes:amend': community((ids) => ({
    id: ids.closedMeeting,
    section: '后续事项',
    text: '补充：物业于 12 月 5 日完成',
    reason: '记录遗漏',
    author: '林社工',
  })),
  'identity:get': community(none),
  'identity:create': community(() => ({ passphrase: 'another passphrase' })),
  'identity:unlock': community(() => ({ passphrase: communityPassphrase })),
  'identity:exportP12': community(() => ({ passphrase: communityPassphrase, password: 'export-password' })),
  'identity:changePassphrase': community(() => ({
    passphrase: communityPassphrase,
    newPassphrase: '樟树下 晒被子 7 点半',
  })),
  'identity:importP12': community((_ids, files) => ({ ...files.p12, passphrase: 'imported passphrase' })),
  'record:export': community((ids) => ({ id: ids.closedMeeting, kind: 'resolutions', format: 'pdf' })),
  'record:verify': community((_ids, files) => files.signedPdf),
  'followup:list': community(none),
  'followup:update': community((ids) => ({
    id: ids.action,
    owner: '物业',
    deadline: '2026-12-20',
    status: 'done',
    reason: '',
    satisfaction: 'satisfied',
  })),
  'followup:addProgress': community((ids) => ({ id: ids.action, date: '2026-12-01', note: '已联系施工队' })),
  'followup:addCheck': community((ids) => ({
    id: ids.action,
    supervisorId: ids.supervisor,
    date: '2026-12-02',
    findings: '进度正常',
    rectification: '',
  })),
  'followup:notice': community(() => ({ format: 'pdf' })),
  'supervisor:list': community(none),
  'supervisor:save': community((ids) => ({ id: ids.supervisor, name: '陈监督', phone: '13800000001', active: false })),
  'case:get': community((ids) => ({ topicId: ids.topics.accepted })),
  'case:save': community((ids) => ({
    topicId: ids.topics.accepted,
    content: {
      title: '电梯噪音的协商',
      background: '住户反映',
      practice: '上门走访',
      results: '加装减震垫',
      unit: '东湖社区',
    },
  })),
  'case:export': community((ids) => ({ topicId: ids.topics.accepted, format: 'txt' })),
  'bundle:export': community((ids) => ({ meetingId: ids.closedMeeting })),
  'identity:request': community(none),
  'identity:requestSm2': community(none),
  'identity:installCertificate': community((_ids, files) => files.certificate),
  'ca:inspect': office((_ids, files) => files.request),
  'ca:issue': office((_ids, files) => files.request),
  'ca:issued': office(none),
  'ca:createSm2': office(none),
  'ca:revoke': office(() => ({ id: 1, date: '2099-01-01', reason: 'unspecified' })),
  'ca:rename': office(() => ({ id: 1, name: '东湖新村社区' })),
  'ca:crl': office(none),
  'trust:importCrl': community((_ids, files) => files.crl),
  'trust:status': community(none),
  'collection:import': office((_ids, files) => files.periodBundle),
  'collection:importMany': office((_ids, files) => ({ files: [files.periodBundle, files.periodBundle] })),
  'collection:list': office(none),
  'collection:stats': office(() => ({ from: '2026-01', to: '2027-12', community: null })),
  'collection:xlsx': office(() => ({ from: '2026-01', to: '2027-12' })),
  'collection:search': office(() => ({ query: '充电桩' })),
  'collection:file': office((ids) => ({ meetingRowId: ids.meetingRowId })),
  'collection:receipt': office((ids) => ({ id: ids.collectedBundle })),
  'collection:receipts': office(none),
  'receipt:import': community((_ids, files) => files.receipt),
  'receipt:status': community(none),
  'backup:list': community(none),
  'backup:restore': community((_ids, files) => ({ name: files.backup })),
  'backup:getKeep': community(none),
  'backup:setKeep': community(() => ({ keep: 12 })),
  'audit:verify': community(none),
  'shell:openExternal': community(() => ({ url: 'https://www.gov.cn/' })),
  'shell:openedFiles': community(none),
} satisfies { [C in Channel]: Valid<C> };
