import { describe, expect, it } from 'vitest';
import { auditCount, coreWithCommunity, refusal, send } from './helpers';

/** Mistakes a secretary (or a stale second window) can make, each answered in words, with nothing written. */
describe('foreseeable refusals', () => {
  const resident = { name: '张伟', gender: null, building: '3', unit: '1', room: '101', tags: [] };

  it('a second 张伟 in the same flat is the same person, not a new resident', async () => {
    const core = await coreWithCommunity();
    const first = await send(core, 'resident:save', resident);
    const before = auditCount(core);
    expect(await refusal(core, 'resident:save', { ...resident, name: '张 伟' })).toEqual({
      code: 'resident_duplicate',
      message: '3-1-101 已登记了一位叫“张伟”的居民，请直接修改这位居民的资料。',
    });
    // Renaming another resident into the same name and flat is the same mistake.
    const other = await send(core, 'resident:save', { ...resident, name: '李娜' });
    await send(core, 'settings:setLocale', { locale: 'en' });
    const renamed = await refusal(core, 'resident:save', { ...resident, id: other.id, name: '张伟' });
    expect(renamed.message).toBe('3-1-101 already has a resident named “张伟”; edit that resident instead.');
    // Saving the same resident again is an edit, not a duplicate.
    await send(core, 'resident:save', { ...resident, id: first.id, tags: ['党员'] });
    expect(auditCount(core)).toBe(before + 3);
  });

  it('invitees, proxies and check-ins must name residents that exist', async () => {
    const core = await coreWithCommunity();
    const [present] = [await send(core, 'resident:save', resident)];
    const meeting = await send(core, 'meeting:create', { title: '议事会' });
    const plan = {
      id: meeting.id,
      host: '',
      recorder: '',
      durationMinutes: 60,
      expectedAttendance: null,
      invitedRoles: [],
      invitedParties: [],
      invitedResidentIds: [present!.id, 4242],
      quorumKind: 'none' as const,
      quorumValue: 0,
    };
    const before = auditCount(core);
    expect(await refusal(core, 'meeting:plan', plan)).toEqual({
      code: 'not_found',
      message: '找不到居民（编号 4242），可能已被删除。',
    });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
    const [holder] = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: present!.id });
    const proxy = { meetingId: meeting.id, holderAttendanceId: holder!.id, absentResidentId: 4343 };
    expect((await refusal(core, 'attendance:proxy', proxy)).message).toBe('找不到居民（编号 4343），可能已被删除。');
    expect((await refusal(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: 4444 })).code).toBe(
      'not_found',
    );
    expect(auditCount(core)).toBe(before + 2);
  });

  it('an agenda item someone spoke or voted on stays on the agenda', async () => {
    const core = await coreWithCommunity();
    const person = await send(core, 'resident:save', resident);
    const meeting = await send(core, 'meeting:create', { title: '议事会' });
    const [item, spare] = await send(core, 'agenda:add', {
      meetingId: meeting.id,
      kind: 'custom',
      title: '停车位划线',
    }).then(() => send(core, 'agenda:add', { meetingId: meeting.id, kind: 'other' }));
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
    const [attendee] = await send(core, 'attendance:checkIn', { meetingId: meeting.id, residentId: person.id });
    await send(core, 'speaker:add', { agendaItemId: item!.id, attendanceId: attendee!.id });
    expect(await refusal(core, 'agenda:remove', { id: item!.id })).toEqual({
      code: 'agenda_item_in_use',
      message: '“停车位划线”已有发言、表决或议定事项记录，不能删除。',
    });
    expect((await send(core, 'agenda:list', { id: meeting.id })).map((i) => i.title)).toEqual([
      '停车位划线',
      '其他事项',
    ]);
    // An item nobody used can still go.
    expect(await send(core, 'agenda:remove', { id: spare!.id })).toHaveLength(1);
  });
});
