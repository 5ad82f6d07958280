import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { canTransition, meetingStatuses } from '../../shared/domain/meeting';
import { coreWithCommunity, makeCore, profile, send } from './helpers';

describe('community profile', () => {
  it('starts empty, is saved once and updated in place', async () => {
    const core = makeCore();
    expect(await send(core, 'app:status', {})).toEqual({
      state: 'ready',
      locale: 'zh-CN',
      hasCommunity: false,
      keyKind: 'passphrase',
    });
    expect(await send(core, 'community:get', {})).toBeNull();
    await send(core, 'community:save', profile);
    await send(core, 'community:save', { ...profile, name: '  西湖社区 ' });
    expect(await send(core, 'community:get', {})).toMatchObject({ ...profile, name: '西湖社区' });
    expect(core.db!.$client.prepare('SELECT count(*) FROM community').pluck().get()).toBe(1);
  });
});

describe('meetings', () => {
  it('needs a community profile first', async () => {
    const core = makeCore();
    const refused = await core.guard('meeting:create', { title: '议事会' }, { trusted: true });
    expect(refused).toEqual({ ok: false, error: { code: 'community_required', message: '请先填写社区资料。' } });
  });

  it('creates, renames, schedules, lists (latest first) and gets', async () => {
    const core = await coreWithCommunity();
    const first = await send(core, 'meeting:create', { title: '停车难议事会', scheduledAt: '2026-10-12T19:00' });
    expect(first).toMatchObject({ title: '停车难议事会', kind: 'pavilion', status: 'draft', place: '' });
    const second = await send(core, 'meeting:create', { title: '加装电梯', kind: 'five_party' });
    await send(core, 'meeting:rename', { id: second.id, title: '3 号楼加装电梯五方议事会' });
    await send(core, 'meeting:schedule', { id: second.id, scheduledAt: '2026-11-30T19:00', place: '文化长廊' });
    const list = await send(core, 'meeting:list', {});
    expect(list.map((m) => m.title)).toEqual(['3 号楼加装电梯五方议事会', '停车难议事会']);
    expect(await send(core, 'meeting:get', { id: second.id })).toMatchObject({
      kind: 'five_party',
      scheduledAt: '2026-11-30T19:00',
      place: '文化长廊',
    });
  });

  it('moves forward through draft → announced → in progress → closed, never back', async () => {
    const core = await coreWithCommunity();
    const { id } = await send(core, 'meeting:create', { title: '议事会' });
    for (const status of ['announced', 'in_progress', 'closed'] as const) {
      expect((await send(core, 'meeting:setStatus', { id, status })).status).toBe(status);
    }
    const back = await core.guard('meeting:setStatus', { id, status: 'in_progress' }, { trusted: true });
    expect(back).toEqual({
      ok: false,
      error: { code: 'invalid_transition', message: '会议状态不能从“已结束”变为“进行中”。' },
    });
    const rename = await core.guard('meeting:rename', { id, title: '改名' }, { trusted: true });
    expect(rename.ok === false && rename.error.code).toBe('meeting_closed');
  });

  it('allows exactly the forward transitions', () => {
    const allowed = meetingStatuses.flatMap((from) =>
      meetingStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual(['draft→announced', 'draft→in_progress', 'announced→in_progress', 'in_progress→closed']);
  });

  it('says which meeting is missing', async () => {
    const core = await coreWithCommunity();
    const missing = await core.guard('meeting:get', { id: 404 }, { trusted: true });
    expect(missing.ok === false && missing.error.message).toBe('找不到会议（编号 404），可能已被删除。');
  });

  it('tells every window when a meeting changes, after it is saved', async () => {
    const core = await coreWithCommunity();
    const seen: AppEvent[] = [];
    core.events.on((event) => seen.push(event));
    const { id } = await send(core, 'meeting:create', { title: '议事会' });
    await send(core, 'meeting:rename', { id, title: '新名称' });
    await core.guard('meeting:rename', { id, title: '' }, { trusted: true });
    expect(seen).toEqual([
      { type: 'meeting:changed', id },
      { type: 'meeting:changed', id },
    ]);
  });
});

describe('closing a meeting and its minutes', () => {
  it('closes and drafts in one transaction: when drafting fails, the meeting stays open', async () => {
    const core = await coreWithCommunity();
    const meeting = await send(core, 'meeting:create', { title: '议事会' });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
    const sqlite = core.db!.$client;
    // Drafting needs the community profile; without it the draft throws half-way through closing.
    const saved = sqlite.prepare('SELECT * FROM community').get();
    sqlite.exec('DELETE FROM community');
    const refused = await core.guard('meeting:setStatus', { id: meeting.id, status: 'closed' }, { trusted: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'community_required' } });
    expect(await send(core, 'meeting:get', { id: meeting.id })).toMatchObject({
      status: 'in_progress',
      closedAt: null,
    });
    expect(sqlite.prepare("SELECT count(*) FROM audit_event WHERE action = 'meeting.status'").pluck().get()).toBe(1);

    const columns = Object.keys(saved as object);
    sqlite
      .prepare(`INSERT INTO community (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
      .run(saved);
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
    const events = sqlite.prepare('SELECT action FROM audit_event ORDER BY id DESC LIMIT 2').pluck().all();
    expect(events).toEqual(['minutes.draft', 'meeting.status']);
    expect(sqlite.prepare('SELECT status FROM minutes WHERE meeting_id = ?').pluck().get(meeting.id)).toBe('draft');
  });

  it('reads the minutes without writing anything', async () => {
    const core = await coreWithCommunity();
    const meeting = await send(core, 'meeting:create', { title: '议事会' });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
    const sqlite = core.db!.$client;
    // A meeting closed by an older version has no draft yet: reading computes one and stores nothing.
    sqlite.exec('DELETE FROM minutes');
    const before = sqlite.prepare('SELECT count(*) FROM audit_event').pluck().get();
    const read = await send(core, 'minutes:get', { id: meeting.id });
    expect(read).toMatchObject({ status: 'draft', content: { header: { title: '议事会会议纪要' } } });
    expect(sqlite.prepare('SELECT count(*) FROM audit_event').pluck().get()).toBe(before);
    expect(sqlite.prepare('SELECT count(*) FROM minutes').pluck().get()).toBe(0);
    // The first save stores it.
    read.content.closing.other = '无';
    await send(core, 'minutes:save', { id: meeting.id, content: read.content });
    expect(sqlite.prepare('SELECT count(*) FROM minutes').pluck().get()).toBe(1);
  });

  it('keeps the meeting’s own record out of the secretary’s edits', async () => {
    const core = await coreWithCommunity();
    const meeting = await send(core, 'meeting:create', { title: '议事会' });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
    await send(core, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
    const { content } = await send(core, 'minutes:get', { id: meeting.id });
    const edited = { ...content, attendance: { ...content.attendance, summary: '实到 99 人。' } };
    const refused = await core.guard('minutes:save', { id: meeting.id, content: edited }, { trusted: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'minutes_record_fixed' } });
  });
});
