import { describe, expect, it } from 'vitest';
import { coreWithCommunity, refusal, send } from './helpers';

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
    expect(state.figures).toMatchObject({
      invited: 5,
      attended: { residents: 2, proxies: 0, total: 2 },
      guests: 1,
      quorum: { required: 3, reached: false, reachedNow: false },
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
    expect(state.figures.present).toEqual({ residents: 2, proxies: 1, total: 3 });
    expect(state.figures.quorum).toMatchObject({ reachedNow: true });

    await send(core, 'attendance:leave', { attendanceId: list[0]!.id });
    state = await send(core, 'run:state', { id: meeting.id });
    // The holder left: their proxy lapses with them; 实到 still counts both.
    expect(state.figures.present).toEqual({ residents: 1, proxies: 0, total: 1 });
    expect(state.figures.left).toEqual({ residents: 1, proxies: 1, total: 2 });
    expect(state.figures.attended.total).toBe(3);
    expect(state.figures.quorum).toMatchObject({ reached: true, reachedNow: false });
  });
});

describe('the door', () => {
  it('lists who has not come yet, and undoes a mistaken check-in or 离场 with an audit trail', async () => {
    const { core, meeting, people, item } = await meetingWithPeople({ quorumKind: 'count', quorumValue: 2 });
    const outsider = await send(core, 'resident:save', {
      name: '钱多多',
      gender: null,
      building: '9',
      unit: '1',
      room: '101',
      tags: [],
      area: null,
    });
    let expected = await send(core, 'attendance:expected', { id: meeting.id });
    expect(expected.absent.map((r) => r.name)).toEqual(['王堃', '李喆', '赵赟', '刘昇', '单田芳']);
    expect(expected.invitedIds).not.toContain(outsider.id);

    await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[0]!.id });
    let list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[1]!.id });
    expected = await send(core, 'attendance:expected', { id: meeting.id });
    expect(expected.absent.map((r) => r.name)).toEqual(['赵赟', '刘昇', '单田芳']);

    // The wrong 李喆 was checked in: taking it back puts them on the 未到 list again and out of the figures.
    list = await send(core, 'attendance:undo', { attendanceId: list[1]!.id });
    expect(list.map((a) => a.name)).toEqual(['王堃']);
    expected = await send(core, 'attendance:expected', { id: meeting.id });
    expect(expected.absent.map((r) => r.name)).toEqual(['李喆', '赵赟', '刘昇', '单田芳']);
    expect((await send(core, 'run:state', { id: meeting.id })).figures.attended.total).toBe(1);

    // 离场 pressed by mistake: undone, the person (and their proxy) are present again.
    list = await send(core, 'attendance:proxy', {
      meetingId: meeting.id,
      holderAttendanceId: list[0]!.id,
      absentResidentId: people[2]!.id,
    });
    await send(core, 'attendance:leave', { attendanceId: list[0]!.id });
    expect((await send(core, 'run:state', { id: meeting.id })).figures.present.total).toBe(0);
    list = await send(core, 'attendance:undoLeave', { attendanceId: list[0]!.id });
    expect(list[0]!.leftAt).toBeNull();
    const state = await send(core, 'run:state', { id: meeting.id });
    expect(state.figures.present).toEqual({ residents: 1, proxies: 1, total: 2 });
    expect(state.figures.quorum).toMatchObject({ reachedNow: true });

    // Someone holding a proxy or queued to speak cannot be "un-checked-in" silently.
    const refused = await refusal(core, 'attendance:undo', { attendanceId: list[0]!.id });
    expect(refused.message).toContain('不能撤销签到');
    await send(core, 'run:goto', { meetingId: meeting.id, itemId: item.id });
    const guests = await send(core, 'attendance:addGuest', {
      meetingId: meeting.id,
      name: '张律师',
      organisation: '',
      role: '',
    });
    await send(core, 'attendance:undo', { attendanceId: guests[1]!.id });
    expect((await send(core, 'run:state', { id: meeting.id })).figures.guests).toBe(0);

    const actions = core
      .db!.$client.prepare("SELECT action FROM audit_event WHERE action LIKE 'attendance.undo%' ORDER BY id")
      .pluck()
      .all();
    expect(actions).toEqual(['attendance.undo', 'attendance.undoLeave', 'attendance.undo']);
  });
});

describe('the door, continued', () => {
  it('taking back a check-in hands back the proxy the arrival set aside, and says so in the audit', async () => {
    const { core, meeting, people } = await meetingWithPeople({ quorumKind: 'count', quorumValue: 2 });
    const [holder, absent, other] = people;
    let list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: holder!.id });
    const holderRow = list[0]!.id;
    await send(core, 'attendance:proxy', {
      meetingId: meeting.id,
      holderAttendanceId: holderRow,
      absentResidentId: absent!.id,
    });

    // 李喆 "arrives" (the wrong 李喆 was tapped): the proxy 王堃 held for them is set aside…
    list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: absent!.id });
    expect(list.find((a) => a.id === holderRow)!.proxiesFor).toEqual([]);
    // …and comes back with 撤销签到: 李喆 is represented by the proxy again, as before the mistake.
    list = await send(core, 'attendance:undo', { attendanceId: list.find((a) => a.residentId === absent!.id)!.id });
    expect(list.map((a) => a.name)).toEqual(['王堃']);
    expect(list[0]!.proxiesFor.map((p) => p.name)).toEqual(['李喆']);
    const state = await send(core, 'run:state', { id: meeting.id });
    expect(state.figures.attended).toEqual({ residents: 1, proxies: 1, total: 2 });
    expect(state.figures.quorum).toMatchObject({ reached: true });
    const expected = await send(core, 'attendance:expected', { id: meeting.id });
    expect(expected.absent.map((r) => r.name)).not.toContain('李喆');
    const undone = core
      .db!.$client.prepare("SELECT payload FROM audit_event WHERE action = 'attendance.undo' ORDER BY id DESC")
      .pluck()
      .get() as string;
    expect(JSON.parse(undone)).toMatchObject({ residentId: absent!.id, restoredProxy: holderRow });

    // Once the holder is off the list, the set-aside proxy has nobody to go back to: the undo still works.
    list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: other!.id });
    await send(core, 'attendance:proxy', {
      meetingId: meeting.id,
      holderAttendanceId: list.find((a) => a.residentId === other!.id)!.id,
      absentResidentId: people[3]!.id,
    });
    list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[3]!.id });
    const otherRow = list.find((a) => a.residentId === other!.id)!.id;
    await send(core, 'attendance:undo', { attendanceId: otherRow });
    list = await send(core, 'attendance:undo', { attendanceId: list.find((a) => a.residentId === people[3]!.id)!.id });
    expect(list.map((a) => a.name)).toEqual(['王堃']);
    expect((await send(core, 'run:state', { id: meeting.id })).figures.attended.total).toBe(2);
  });

  it('taking back a return after 离场 takes back the return only: the first stay still counts', async () => {
    const { core, meeting, people } = await meetingWithPeople({ quorumKind: 'none', quorumValue: 0 });
    let list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[0]!.id });
    const row = list[0]!.id;
    list = await send(core, 'attendance:leave', { attendanceId: row });
    const leftAt = list[0]!.leftAt;
    expect(leftAt).not.toBeNull();
    await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[0]!.id });
    list = await send(core, 'attendance:undo', { attendanceId: row });
    expect(list.map((a) => [a.name, a.leftAt])).toEqual([['王堃', leftAt]]);
    const { figures } = await send(core, 'run:state', { id: meeting.id });
    expect(figures.attended.total).toBe(1);
    expect(figures.left.total).toBe(1);
    // Taken back once more, the first check-in goes too.
    list = await send(core, 'attendance:undo', { attendanceId: row });
    expect(list).toEqual([]);
  });

  it('an outsider the door counts adds to 应到 as well as 实到; one let in as 列席 adds to neither', async () => {
    const { core, meeting } = await meetingWithPeople({ quorumKind: 'fraction', quorumValue: 0.5 });
    const outsider = (name: string, room: string) =>
      send(core, 'resident:save', { name, gender: null, building: '9', unit: '1', room, tags: [], area: null });
    const counted = await outsider('钱多多', '101');
    const guest = await outsider('孙小美', '102');
    await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: counted.id });
    await send(core, 'attendance:addGuest', {
      meetingId: meeting.id,
      name: guest.name,
      organisation: '9-1-102',
      role: '',
    });
    const { figures } = await send(core, 'run:state', { id: meeting.id });
    expect(figures).toMatchObject({ invited: 6, attended: { total: 1 }, guests: 1, quorum: { required: 3 } });
    // The invitation list itself is unchanged: the next outsider is asked too.
    expect((await send(core, 'attendance:expected', { id: meeting.id })).invitedIds).not.toContain(counted.id);
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
        choices: list.map((a, i) => ({ residentId: a.residentId!, choice: i < 2 ? 'for' : 'against' })),
      },
    });
    expect(first.outcome.adopted).toBe(false);
    const fixed = await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: '是否同意？',
      ballots: {
        method: 'roll_call',
        choices: list.map((a, i) => ({ residentId: a.residentId!, choice: i < 3 ? 'for' : 'against' })),
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

  it('lets a proxy vote in a roll call as its own line, never twice, and not after its holder left', async () => {
    const { core, meeting, people, item } = await meetingWithPeople({ quorumKind: 'none', quorumValue: 0 });
    const [a, b, c] = people;
    await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: a!.id });
    const list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: b!.id });
    await send(core, 'attendance:proxy', {
      meetingId: meeting.id,
      holderAttendanceId: list[0]!.id,
      absentResidentId: c!.id,
    });
    const { people: voters, households } = await send(core, 'vote:voters', { id: meeting.id });
    expect(voters.map((v) => [v.name, v.proxyHolder])).toEqual([
      ['王堃', null],
      ['赵赟', '王堃'],
      ['李喆', null],
    ]);
    expect(households.find((h) => h.address === '3-1-301')).toMatchObject({ voter: '赵赟', proxyHolder: '王堃' });
    const roll = await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: '是否同意？',
      ballots: {
        method: 'roll_call',
        choices: [
          { residentId: a!.id, choice: 'for' },
          { residentId: c!.id, choice: 'for' },
          { residentId: c!.id, choice: 'for' },
          { residentId: b!.id, choice: 'against' },
        ],
      },
    });
    expect(roll.outcome).toMatchObject({ tally: { for: 2, against: 1 }, base: 3, present: 3 });
    expect(roll.lines).toEqual([
      { name: '王堃', address: '3-1-101', choice: 'for', proxyHolder: null },
      { name: '赵赟', address: '3-1-301', choice: 'for', proxyHolder: '王堃' },
      { name: '李喆', address: '3-1-201', choice: 'against', proxyHolder: null },
    ]);
    const owners = await send(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'owners_ordinary',
      question: '业主表决',
      ballots: { method: 'owners', choices: households.slice(0, 4).map((h) => ({ householdId: h.id, choice: 'for' })) },
    });
    expect(owners.lines!.map((l) => [l.address, l.area, l.name, l.proxyHolder])).toEqual([
      ['3-1-101', 100, '王堃', null],
      ['3-1-201', 100, '李喆', null],
      ['3-1-301', 100, '赵赟', '王堃'],
      ['3-1-401', 100, '刘昇', null],
    ]);

    await send(core, 'attendance:leave', { attendanceId: list[0]!.id });
    const after = await send(core, 'vote:voters', { id: meeting.id });
    expect(after.people.map((v) => v.name)).toEqual(['李喆']);
    const stale = await refusal(core, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: '是否同意？',
      ballots: { method: 'roll_call', choices: [{ residentId: c!.id, choice: 'for' }] },
    });
    expect(stale.code).toBe('vote_not_present');
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
