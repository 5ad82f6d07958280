import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Channel, Input } from '../../shared/contract';
import { errorMessages, formatMessage, type ErrorCode } from '../../shared/errors';
import type { Core } from '../../electron/core';
import { auditCount, coreWithCommunity, refusal, send, trusted } from './helpers';
import { subDistrictCore } from './office';

/** A refusal as the screen shows it, in both languages. */
async function inBoth<C extends Channel>(core: Core, channel: C, input: Input<C>) {
  const answers = await Promise.all(
    (['zh-CN', 'en'] as const).map((locale) => core.guard(channel, input, { ...trusted, locale })),
  );
  return answers.map((a) => (a.ok ? 'accepted' : `${a.error.code}: ${a.error.message}`));
}

const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

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

/**
 * Dates that do not exist ("2026-13-45", "2026-02-31T99:99") are refused by the contract with the field's name,
 * never answered 500 or printed in signed minutes: one schema per kind of date (shared/dates.ts) for every field.
 */
describe('impossible dates', () => {
  const revocationDate = [
    'invalid_input: 输入有误：“吊销日期”不是真实存在的日期，请按“年-月-日”填写，如 2026-12-01',
    'invalid_input: Invalid input: revocation date is not a real date: give it as year-month-day, like 2026-12-01',
  ];

  it('a revocation on 2026-13-45 or 0000-00-00 is refused in words', async () => {
    const office = await subDistrictCore();
    for (const date of ['2026-13-45', '0000-00-00', '2026-02-29', '2026-2-1']) {
      expect(await inBoth(office, 'ca:revoke', { id: 1, date, reason: 'key_compromise' }), date).toEqual(
        revocationDate,
      );
    }
    // A real day reaches the service, which says what is missing.
    expect((await refusal(office, 'ca:revoke', { id: 1, date: '2028-02-29', reason: 'key_compromise' })).code).toBe(
      'not_found',
    );
  });

  it('a meeting at 2026-02-31T99:99 is refused, on creation and on a new schedule', async () => {
    const core = await coreWithCommunity();
    const meetingTime = [
      'invalid_input: 输入有误：“会议时间”不是真实存在的日期和时间，请按“年-月-日T时:分”填写，如 2026-12-01T19:30',
      'invalid_input: Invalid input: date and time is not a real date and time: give it as year-month-dayThour:minute, like 2026-12-01T19:30',
    ];
    for (const scheduledAt of ['2026-02-31T99:99', '2026-02-31T19:30', '2026-02-28T24:00', '2026-02-28T19:60']) {
      expect(await inBoth(core, 'meeting:create', { title: '议事会', scheduledAt }), scheduledAt).toEqual(meetingTime);
    }
    const meeting = await send(core, 'meeting:create', { title: '议事会', scheduledAt: '2028-02-29T23:59' });
    expect(
      await inBoth(core, 'meeting:schedule', { id: meeting.id, scheduledAt: '2026-04-31T19:30', place: '' }),
    ).toEqual(meetingTime);
    expect((await send(core, 'meeting:list', {})).map((m) => m.scheduledAt)).toEqual(['2028-02-29T23:59']);
  });

  it('topics, follow-ups, bundles and statistics take only real days and months', async () => {
    const core = await coreWithCommunity();
    const topic = {
      title: '电梯',
      description: '',
      source: 'resident',
      raisedBy: '',
      raisedOn: '2026-06-31',
      category: '加装电梯',
      level: 'small',
      building: '',
      lane: '',
    } as const;
    expect(await inBoth(core, 'topic:create', topic)).toEqual([
      'invalid_input: 输入有误：“提出日期”不是真实存在的日期，请按“年-月-日”填写，如 2026-12-01',
      'invalid_input: Invalid input: raised on is not a real date: give it as year-month-day, like 2026-12-01',
    ]);
    expect(await inBoth(core, 'followup:addProgress', { id: 1, date: '2026-00-10', note: '已完成' })).toEqual([
      'invalid_input: 输入有误：“日期”不是真实存在的日期，请按“年-月-日”填写，如 2026-12-01',
      'invalid_input: Invalid input: date is not a real date: give it as year-month-day, like 2026-12-01',
    ]);
    const office = await subDistrictCore();
    expect(await inBoth(office, 'collection:stats', { from: '2026-13', to: '2026-12' })).toEqual([
      'invalid_input: 输入有误：“开始月份”不是真实存在的月份，请按“年-月”填写，如 2026-12',
      'invalid_input: Invalid input: first month is not a real month: give it as year-month, like 2026-12',
    ]);
    expect((await refusal(core, 'bundle:export', { from: '2026-02-30', to: '2026-03-01' })).code).toBe('invalid_input');
  });

  it('no date field of the contract keeps a regex of its own', () => {
    const shared = path.resolve('shared');
    const files = fs.readdirSync(shared, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const own = files.filter(
      (f) => f !== 'dates.ts' && /\\d\{4\}-\\d\{2\}/.test(fs.readFileSync(path.join(shared, f), 'utf8')),
    );
    expect(own).toEqual([]);
  });
});

/** Entity names are words of the sentence: an English message never reads "The 证书 #12 was not found". */
describe('English refusals are English', () => {
  it('no English message of any error code holds a Chinese character when its words are given in English', () => {
    const given = { 'zh-CN': '中文', en: 'English' };
    for (const code of Object.keys(errorMessages) as ErrorCode[]) {
      const template = errorMessages[code].en;
      const params = Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, key]) => [key!, given]));
      expect(formatMessage(template, params, 'en'), code).not.toMatch(cjk);
    }
  });

  it('a missing certificate or bundle is named in the language of the screen', async () => {
    const office = await subDistrictCore();
    await send(office, 'identity:create', { passphrase: 'correct horse 1' });
    const certificate = [
      'not_found: 找不到证书（编号 999999），可能已被删除。',
      'not_found: The certificate #999999 was not found; it may have been deleted.',
    ];
    expect(await inBoth(office, 'ca:revoke', { id: 999999, date: '2026-12-01', reason: 'key_compromise' })).toEqual(
      certificate,
    );
    expect(await inBoth(office, 'ca:rename', { id: 999999, name: '东湖新村社区' })).toEqual(certificate);
    expect(await inBoth(office, 'collection:receipt', { id: 99999 })).toEqual([
      'not_found: 找不到上报包（编号 99999），可能已被删除。',
      'not_found: The report bundle #99999 was not found; it may have been deleted.',
    ]);
  }, 120_000);
});
