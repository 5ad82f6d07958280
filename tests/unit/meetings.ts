import { coreWithCommunity, send, type TestCore } from './helpers';

/** A short meeting, run and closed: residents (one with an Ext-B name), a proxy, a guest, a speaker, two votes. */
export async function closedMeeting(given?: TestCore) {
  const core = given ?? (await coreWithCommunity());
  const people = [];
  for (const [i, name] of ['王𠇔', '李喆', '赵赟', '刘昇'].entries()) {
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
  const meeting = await send(core, 'meeting:create', { title: '11月幸福议事会', place: '社区议事厅' });
  await send(core, 'meeting:plan', {
    id: meeting.id,
    host: '陈书记',
    recorder: '林社工',
    durationMinutes: 90,
    expectedAttendance: null,
    invitedRoles: ['楼组长'],
    invitedParties: [],
    invitedResidentIds: [],
    quorumKind: 'fraction',
    quorumValue: 0.5,
  });
  await send(core, 'agenda:add', {
    meetingId: meeting.id,
    kind: 'custom',
    title: '电动车充电桩选址',
    plannedMinutes: 20,
  });
  const agenda = await send(core, 'agenda:add', {
    meetingId: meeting.id,
    kind: 'custom',
    title: '楼道堆物清理',
    plannedMinutes: 15,
  });
  await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[0]!.id });
  const list = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: people[1]!.id });
  await send(core, 'attendance:proxy', {
    meetingId: meeting.id,
    holderAttendanceId: list[1]!.id,
    absentResidentId: people[2]!.id,
  });
  await send(core, 'attendance:addGuest', {
    meetingId: meeting.id,
    name: '周经理',
    organisation: '物业公司',
    role: '经理',
  });
  const [first, second] = agenda;
  await send(core, 'run:goto', { meetingId: meeting.id, itemId: first!.id });
  const state = await send(core, 'speaker:add', { agendaItemId: first!.id, attendanceId: list[0]!.id });
  await send(core, 'speaker:note', { id: state.speakers[0]!.id, note: '建议放在 5 号楼北侧空地' });
  await send(core, 'vote:record', {
    agendaItemId: first!.id,
    rule: 'simple_majority',
    question: '在 5 号楼北侧建设充电桩',
    ballots: { method: 'hands', counts: { for: 2, against: 0, abstain: 0, invalid: 0 } },
  });
  await send(core, 'vote:record', {
    agendaItemId: second!.id,
    rule: 'consensus',
    question: '楼道堆物如何清理',
    ballots: { method: 'consensus', wording: '本周六由楼组长组织集中清理楼道堆物' },
  });
  await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
  return { core, meeting, people, items: agenda };
}

/** The meeting above with its minutes finalized (owner and deadline on the first item) and an identity made. */
export async function finalizedWithIdentity(given?: TestCore) {
  const fixture = await closedMeeting(given);
  const { core, meeting } = fixture;
  const draft = await send(core, 'minutes:get', { id: meeting.id });
  draft.content.items[0]!.owner = '物业公司';
  draft.content.items[0]!.deadline = '2026-12-31';
  await send(core, 'minutes:save', { id: meeting.id, content: draft.content });
  await send(core, 'minutes:finalize', { id: meeting.id, by: '林社工' });
  await send(core, 'identity:create', { passphrase: 'correct horse 1' });
  return fixture;
}
