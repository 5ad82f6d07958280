import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract';
import { canMoveTopic, topicStatuses } from '../../shared/domain/topic';
import { coreWithCommunity, send } from './helpers';

const lift: Input<'topic:create'> = {
  title: '3 号楼加装电梯',
  description: '老人多，上下楼难，多户联名提出加装电梯。',
  source: 'resident',
  raisedBy: '王堃（3-2-301）',
  raisedOn: '2026-10-08',
  category: '加装电梯',
  level: 'big',
  building: '3',
  lane: '',
};
const png1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('topic life', () => {
  it('allows only the documented moves', () => {
    expect(canMoveTopic('collected', 'accepted')).toBe(true);
    expect(canMoveTopic('collected', 'decided')).toBe(false);
    expect(canMoveTopic('done', 'accepted')).toBe(false);
    for (const status of topicStatuses) expect(canMoveTopic(status, status), status).toBe(false);
  });

  it('collects, triages in bulk, and refuses an illegal move with the topic’s name', async () => {
    const core = await coreWithCommunity();
    const a = await send(core, 'topic:create', lift);
    const b = await send(core, 'topic:create', { ...lift, title: '小区停车难', category: '停车交通' });
    expect(a.status).toBe('collected');
    const accepted = await send(core, 'topic:triage', { ids: [a.id, b.id], decision: 'accept', reason: '' });
    expect(accepted.map((t) => t.status)).toEqual(['accepted', 'accepted']);
    const again = await core.guard(
      'topic:triage',
      { ids: [a.id], decision: 'refer_mediation', reason: '邻里纠纷' },
      { trusted: true },
    );
    expect(again).toEqual({
      ok: false,
      error: { code: 'topic_transition', message: '议题“3 号楼加装电梯”目前是“已受理”，不能改为“已转办”。' },
    });
  });

  it('needs a reason to decline, refer or escalate, and keeps it', async () => {
    const core = await coreWithCommunity();
    const t = await send(core, 'topic:create', lift);
    const bare = await core.guard('topic:triage', { ids: [t.id], decision: 'escalate', reason: '' }, { trusted: true });
    expect(bare.ok === false && bare.error.code).toBe('reason_required');
    const [escalated] = await send(core, 'topic:triage', {
      ids: [t.id],
      decision: 'escalate',
      reason: '涉及规划审批，需街道协调',
    });
    expect(escalated).toMatchObject({
      status: 'escalated',
      decision: 'escalate',
      decisionReason: '涉及规划审批，需街道协调',
    });
  });

  it('names the department a topic is referred to, and keeps it with the topic', async () => {
    const core = await coreWithCommunity();
    const t = await send(core, 'topic:create', lift);
    const triage = (referredTo?: string) =>
      core.guard(
        'topic:triage',
        { ids: [t.id], decision: 'refer_department', reason: '需住建部门审批', referredTo },
        { trusted: true },
      );
    const unnamed = await triage();
    expect(unnamed.ok === false && unnamed.error).toEqual({
      code: 'department_required',
      message: '请写明转交哪个职能部门办理。',
    });
    expect((await send(core, 'topic:get', { id: t.id })).status).toBe('collected');
    await triage('区住建局');
    expect(await send(core, 'topic:get', { id: t.id })).toMatchObject({
      status: 'referred',
      decision: 'refer_department',
      referredTo: '区住建局',
    });
  });

  it('takes no consultation for a declined topic', async () => {
    const core = await coreWithCommunity();
    const t = await send(core, 'topic:create', lift);
    await send(core, 'topic:triage', { ids: [t.id], decision: 'decline', reason: '属私人纠纷' });
    const refused = await core.guard(
      'topic:addConsultation',
      { topicId: t.id, kind: 'visit', date: '2026-10-10', households: 3, summary: '走访' },
      { trusted: true },
    );
    expect(refused.ok === false && refused.error.message).toBe('议题“3 号楼加装电梯”已不予受理，不再需要会前协商。');
    expect((await send(core, 'topic:get', { id: t.id })).consultations).toEqual([]);
  });

  it('rolls back a bulk triage entirely when one topic cannot move', async () => {
    const core = await coreWithCommunity();
    const a = await send(core, 'topic:create', lift);
    const b = await send(core, 'topic:create', { ...lift, title: '路灯不亮' });
    await send(core, 'topic:triage', { ids: [b.id], decision: 'decline', reason: '已由物业修复' });
    const mixed = await core.guard(
      'topic:triage',
      { ids: [a.id, b.id], decision: 'escalate', reason: '需街道' },
      { trusted: true },
    );
    expect(mixed.ok).toBe(false);
    expect((await send(core, 'topic:get', { id: a.id })).status).toBe('collected');
  });

  it('marks duplicates, records consultations and shows the history', async () => {
    const core = await coreWithCommunity();
    const a = await send(core, 'topic:create', lift);
    const b = await send(core, 'topic:create', { ...lift, raisedBy: '李喆', source: 'grid_worker' });
    expect(await send(core, 'topic:markDuplicate', { id: b.id, of: a.id })).toMatchObject({
      status: 'declined',
      duplicateOf: a.id,
      decisionReason: `与议题 #${a.id}“3 号楼加装电梯”重复`,
    });
    await send(core, 'topic:addConsultation', {
      topicId: a.id,
      kind: 'visit',
      date: '2026-10-12',
      households: 18,
      summary: '18 户中 15 户同意',
    });
    const detail = await send(core, 'topic:get', { id: a.id });
    expect(detail.consultations).toMatchObject([{ kind: 'visit', households: 18 }]);
    expect(detail.history.map((h) => h.action)).toEqual(['topic.create', 'topic.consultation']);
  });

  it('stores photos beside the database and refuses what is not a picture', async () => {
    const core = await coreWithCommunity();
    const t = await send(core, 'topic:create', lift);
    const thumbnail = `data:image/png;base64,${png1x1.toString('base64')}`;
    const photo = await send(core, 'topic:addPhoto', {
      topicId: t.id,
      fileName: '楼道.png',
      data: png1x1.toString('base64'),
      thumbnail,
    });
    expect(fs.readdirSync(path.join(core.dataDir, 'photos'))).toHaveLength(1);
    expect(Buffer.from((await send(core, 'topic:photo', { id: photo.id })).data, 'base64').equals(png1x1)).toBe(true);
    const fake = await core.guard(
      'topic:addPhoto',
      { topicId: t.id, fileName: '病毒.exe', data: Buffer.from('MZ....').toString('base64'), thumbnail },
      { trusted: true },
    );
    expect(fake.ok === false && fake.error.message).toBe('“病毒.exe”不是 JPEG、PNG 或 WebP 图片。');
    expect(fs.readdirSync(path.join(core.dataDir, 'photos'))).toHaveLength(1);
  });
});
