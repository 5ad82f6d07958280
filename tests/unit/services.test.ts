import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { canTransition, meetingStatuses } from '../../shared/domain/meeting';
import { coreWithCommunity, makeCore, profile, send } from './helpers';

describe('community profile', () => {
  it('starts empty, is saved once and updated in place', async () => {
    const core = makeCore();
    expect(await send(core, 'app:status', {})).toEqual({ state: 'ready', locale: 'zh-CN', hasCommunity: false });
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
