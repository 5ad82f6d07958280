import { describe, expect, it } from 'vitest';
import { coreWithCommunity, send } from './helpers';

async function meetingWithPeople(quorum: { quorumKind: 'none' | 'count' | 'fraction'; quorumValue: number }) {
  const core = await coreWithCommunity();
  const people = [];
  for (const [i, name] of ['王堃', '李喆', '赵赟', '刘昇', '单田芳'].entries()) {
    people.push(
      await send(core, 'resident:save', {
        name,
        gender: null,
        building: '3',
        unit: '1',
        room: `${i + 1}01`,
        tags: ['楼组长'],
        area: 100,
      }),
    );
  }
  const meeting = await send(core, 'meeting:create', { title: '议事会' });
  await send(core, 'meeting:plan', {
    id: meeting.id,
    host: '',
    recorder: '',
    durationMinutes: 90,
    expectedAttendance: null,
    invitedRoles: ['楼组长'],
    invitedParties: [],
    invitedResidentIds: [],
    ...quorum,
  });
  const items = await send(core, 'agenda:add', {
    meetingId: meeting.id,
    kind: 'custom',
    title: '停车方案',
    plannedMinutes: 20,
  });
  await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  return { core, meeting, people, item: items[0]! };
}

describe('sign-in and quorum', () => {
  it('counts residents once, a proxy once, and drops it when the holder leaves', async () => {
    const { core, meeting, people } = await meetingWithPeople({ quorumKind: 'fraction', quorumValue: 0.6 });
    const [a, b, c] = people;
    await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: a!.id });
    await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: a!.id });
    let list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: b!.id });
    await send(core, 'attendance:addGuest', {
      meetingId: meeting.id,
      name: '张律师',
      organisation: '律师事务所',
      role: '法律顾问',
    });
    let state = await send(core, 'run:state', { id: meeting.id });
    expect(state.attendance).toMatchObject({
      residents: 2,
      guests: 1,
      invitees: 5,
      quorum: { represented: 2, required: 3, reached: false },
    });

    list = await send(core, 'attendance:proxy', {
      meetingId: meeting.id,
      holderAttendanceId: list[0]!.id,
      absentResidentId: c!.id,
    });
    expect(list[0]!.proxiesFor.map((p) => p.name)).toEqual(['赵赟']);
    const again = await core.guard(
      'attendance:proxy',
      { meetingId: meeting.id, holderAttendanceId: list[1]!.id, absentResidentId: c!.id },
      { trusted: true },
    );
    expect(again.ok === false && again.error.code).toBe('proxy_taken');
    state = await send(core, 'run:state', { id: meeting.id });
    expect(state.attendance.quorum).toMatchObject({ represented: 3, proxiesCounted: 1, reached: true });

    await send(core, 'attendance:leave', { attendanceId: list[0]!.id });
    state = await send(core, 'run:state', { id: meeting.id });
    expect(state.attendance.quorum).toMatchObject({ represented: 1, reached: false });
    expect(state.attendance.left).toBe(1);
  });
});

describe('votes', () => {
  it('records a show of hands against those present, and refuses more votes than people', async () => {
    const { core, meeting, people, item } = await meetingWithPeople({ quorumKind: 'none', quorumValue: 0 });
    for (const p of people) await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: p.id });
    const hands = await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'absolute_majority',
      question: '是否同意东门划线停车？',
      ballots: { method: 'hands', counts: { for: 3, against: 1, abstain: 1, invalid: 0 } },
    });
    expect(hands.outcome).toMatchObject({ adopted: true, base: 5 });
    expect(hands.summary).toBe('赞成 3，反对 1，弃权 1；到会 5 人，通过');
    const tooMany = await core.guard(
      'vote:record',
      {
        agendaItemId: item.id,
        rule: 'simple_majority',
        question: 'x',
        ballots: { method: 'hands', counts: { for: 6, against: 0, abstain: 0, invalid: 0 } },
      },
      { trusted: true },
    );
    expect(tooMany.ok === false && tooMany.error.message).toBe('票数合计 6 超过了到会人数 5，请核对。');
    const wrongRule = await core.guard(
      'vote:record',
      {
        agendaItemId: item.id,
        rule: 'owners_major',
        question: 'x',
        ballots: { method: 'hands', counts: { for: 1, against: 0, abstain: 0, invalid: 0 } },
      },
      { trusted: true },
    );
    expect(wrongRule.ok === false && wrongRule.error.code).toBe('vote_method_rule');
  });

  it('corrects a recorded vote only with a reason, keeping both', async () => {
    const { core, meeting, people, item } = await meetingWithPeople({ quorumKind: 'none', quorumValue: 0 });
    const list = [];
    for (const p of people)
      list.push(...(await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: p.id })).slice(-1));
    const first = await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: '是否同意？',
      ballots: {
        method: 'roll_call',
        choices: list.map((a, i) => ({ attendanceId: a.id, choice: i < 2 ? 'for' : 'against' })),
      },
    });
    expect(first.outcome.adopted).toBe(false);
    const fixed = await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: '是否同意？',
      ballots: {
        method: 'roll_call',
        choices: list.map((a, i) => ({ attendanceId: a.id, choice: i < 3 ? 'for' : 'against' })),
      },
      corrects: { voteId: first.id, reason: '刘昇的意见记错了' },
    });
    expect(fixed).toMatchObject({
      correctsId: first.id,
      correctionReason: '刘昇的意见记错了',
      outcome: { adopted: true },
    });
    const all = await send(core, 'vote:list', { id: meeting.id });
    expect(all.map((v) => [v.id, v.supersededAt !== null])).toEqual([
      [first.id, true],
      [fixed.id, false],
    ]);
    const twice = await core.guard(
      'vote:record',
      {
        agendaItemId: item.id,
        rule: 'consensus',
        question: 'x',
        ballots: { method: 'consensus', wording: '同意' },
        corrects: { voteId: first.id, reason: 'again' },
      },
      { trusted: true },
    );
    expect(twice.ok === false && twice.error.code).toBe('vote_correction');
    const actions = core.db!.$client.prepare("SELECT action FROM audit_event WHERE action LIKE 'vote.%'").pluck().all();
    expect(actions).toEqual(['vote.record', 'vote.correct']);
  });

  it('counts an owners’ vote by household with the art. 278 thresholds', async () => {
    const { core, item } = await meetingWithPeople({ quorumKind: 'none', quorumValue: 0 });
    const flats = core.db!.$client.prepare('SELECT id FROM household ORDER BY id').pluck().all() as number[];
    const vote = await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'owners_major',
      question: '是否同意使用维修资金加装电梯？',
      ballots: {
        method: 'owners',
        choices: flats.slice(0, 4).map((householdId, i) => ({ householdId, choice: i < 3 ? 'for' : 'against' })),
      },
    });
    expect(vote.outcome).toMatchObject({ participationMet: true, forOwners: 3, participatingOwners: 4, adopted: true });
    expect(vote.summary).toContain('参与表决业主 4/5 户');
  });
});

describe('running the agenda', () => {
  it('keeps the item timer as start times, so it survives a restart', async () => {
    const { core, meeting, item } = await meetingWithPeople({ quorumKind: 'none', quorumValue: 0 });
    const second = (await send(core, 'agenda:add', { meetingId: meeting.id, kind: 'other', plannedMinutes: 5 })).at(
      -1,
    )!;
    const started = await send(core, 'run:goto', { meetingId: meeting.id, itemId: item.id });
    expect(started.currentItemId).toBe(item.id);
    expect(started.itemStartedAt).not.toBeNull();
    await send(core, 'run:goto', { meetingId: meeting.id, itemId: second.id });
    const back = await send(core, 'run:goto', { meetingId: meeting.id, itemId: item.id });
    expect(back.agenda.find((i) => i.id === item.id)!.spentSeconds).toBeGreaterThanOrEqual(0);
    const projector = await send(core, 'run:projector', {
      meetingId: meeting.id,
      mode: 'message',
      message: '休息 10 分钟',
    });
    expect(projector.projector).toEqual({ mode: 'message', message: '休息 10 分钟' });
  });
});
