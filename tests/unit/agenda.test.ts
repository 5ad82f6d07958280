import { describe, expect, it } from 'vitest';
import { agendaNumbers, agendaTotal, moveAgendaItem, orderAgenda } from '../../shared/domain/agenda';
import { coreWithCommunity, send } from './helpers';

const item = (id: number, parentId: number | null, position: number) => ({ id, parentId, position });

describe('agenda order (pure)', () => {
  const items = [item(1, null, 0), item(2, null, 1), item(3, null, 2), item(4, 2, 0), item(5, 2, 1)];

  it('reads each item followed by its children, and numbers them 1, 2, 2.1', () => {
    expect(orderAgenda(items).map((i) => i.id)).toEqual([1, 2, 4, 5, 3]);
    expect([...agendaNumbers(items).entries()]).toEqual([
      [1, '1'],
      [2, '2'],
      [4, '2.1'],
      [5, '2.2'],
      [3, '3'],
    ]);
  });

  it('moves within a level and renumbers the positions', () => {
    const moved = moveAgendaItem(items, { id: 3, parentId: null, index: 0 });
    expect(moved).toEqual([
      { id: 3, parentId: null, position: 0 },
      { id: 1, parentId: null, position: 1 },
      { id: 2, parentId: null, position: 2 },
    ]);
  });

  it('nests one level and closes the gap left behind', () => {
    const moved = moveAgendaItem(items, { id: 5, parentId: 1, index: 0 });
    expect(moved).toEqual([
      { id: 5, parentId: 1, position: 0 },
      { id: 4, parentId: 2, position: 0 },
    ]);
  });

  it('refuses a second level of nesting', () => {
    expect(moveAgendaItem(items, { id: 1, parentId: 4, index: 0 })).toBe('nesting_too_deep');
    expect(moveAgendaItem(items, { id: 2, parentId: 1, index: 0 })).toBe('nesting_too_deep');
    expect(moveAgendaItem(items, { id: 1, parentId: 1, index: 0 })).toBe('self_parent');
  });

  it('totals the planned minutes against the meeting length', () => {
    expect(agendaTotal([{ plannedMinutes: 30 }, { plannedMinutes: 50 }], 90)).toEqual({ total: 80, over: 0 });
    expect(agendaTotal([{ plannedMinutes: 60 }, { plannedMinutes: 50 }], 90)).toEqual({ total: 110, over: 20 });
  });
});

describe('agenda service', () => {
  async function setup() {
    const core = await coreWithCommunity();
    const meeting = await send(core, 'meeting:create', { title: '11 月议事会' });
    const topic = await send(core, 'topic:create', {
      title: '3 号楼加装电梯',
      description: '',
      source: 'resident',
      raisedBy: '',
      raisedOn: '2026-10-08',
      category: '加装电梯',
      level: 'big',
      building: '3',
      lane: '',
    });
    return { core, meeting, topic };
  }

  it('schedules an accepted topic and returns it to the pool when removed', async () => {
    const { core, meeting, topic } = await setup();
    const refused = await core.guard(
      'agenda:add',
      { meetingId: meeting.id, kind: 'topic', topicId: topic.id },
      { trusted: true },
    );
    expect(refused.ok === false && refused.error.message).toBe(
      '议题“3 号楼加装电梯”目前是“已收集”，不能改为“已排期”。',
    );
    await send(core, 'topic:triage', { ids: [topic.id], decision: 'accept', reason: '' });
    await send(core, 'agenda:add', { meetingId: meeting.id, kind: 'briefing', plannedMinutes: 10 });
    const agenda = await send(core, 'agenda:add', {
      meetingId: meeting.id,
      kind: 'topic',
      topicId: topic.id,
      plannedMinutes: 40,
    });
    expect(agenda.map((i) => [i.title, i.position])).toEqual([
      ['情况通报', 0],
      ['3 号楼加装电梯', 1],
    ]);
    expect((await send(core, 'topic:get', { id: topic.id })).status).toBe('scheduled');
    const after = await send(core, 'agenda:remove', { id: agenda[1]!.id });
    expect(after).toHaveLength(1);
    expect((await send(core, 'topic:get', { id: topic.id })).status).toBe('accepted');
  });

  it('stores presenter, question and vote rule; refuses a second nesting level', async () => {
    const { core, meeting } = await setup();
    await send(core, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title: '停车方案', plannedMinutes: 20 });
    await send(core, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title: '东门', plannedMinutes: 10 });
    const items = await send(core, 'agenda:add', {
      meetingId: meeting.id,
      kind: 'custom',
      title: '西门',
      plannedMinutes: 10,
    });
    const [a, b, c] = items;
    await send(core, 'agenda:move', { id: b!.id, parentId: a!.id, index: 0 });
    const refused = await core.guard('agenda:move', { id: c!.id, parentId: b!.id, index: 0 }, { trusted: true });
    expect(refused.ok === false && refused.error.code).toBe('agenda_nesting');
    const updated = await send(core, 'agenda:update', {
      id: a!.id,
      title: '停车方案',
      plannedMinutes: 25,
      presenter: '物业 张经理',
      question: '是否同意东门划线停车？',
      voteRule: 'owners_ordinary',
    });
    expect(updated.find((i) => i.id === a!.id)).toMatchObject({
      presenter: '物业 张经理',
      voteRule: 'owners_ordinary',
    });
    expect(updated.map((i) => i.title)).toEqual(['停车方案', '东门', '西门']);
  });

  it('plans the meeting: host, recorder, invitees by role and name, quorum rule', async () => {
    const { core, meeting } = await setup();
    await send(core, 'resident:save', {
      name: '王堃',
      gender: '男',
      building: '3',
      unit: '2',
      room: '301',
      tags: ['楼组长'],
    });
    const li = await send(core, 'resident:save', {
      name: '李喆',
      gender: null,
      building: '3',
      unit: '2',
      room: '302',
      tags: [],
    });
    await send(core, 'resident:save', {
      name: '赵赟',
      gender: null,
      building: '5',
      unit: '1',
      room: '101',
      tags: ['楼组长', '党员'],
    });
    const plan = {
      id: meeting.id,
      host: '陈书记',
      recorder: '社工 小周',
      durationMinutes: 90,
      expectedAttendance: 25,
      invitedRoles: ['楼组长'],
      invitedParties: ['物业公司', '社区民警'],
      invitedResidentIds: [li.id],
      quorumKind: 'fraction' as const,
      quorumValue: 0.5,
    };
    expect(await send(core, 'meeting:plan', plan)).toMatchObject({
      host: '陈书记',
      durationMinutes: 90,
      invitedParties: ['物业公司', '社区民警'],
    });
    expect(await send(core, 'meeting:invitees', { id: meeting.id })).toMatchObject({
      byName: [{ id: li.id, name: '李喆' }],
      total: 3,
    });
    const badFraction = await core.guard('meeting:plan', { ...plan, quorumValue: 1.5 }, { trusted: true });
    expect(badFraction.ok).toBe(false);
  });
});
