import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/db/audit';
import { auditCount, coreWithCommunity, send } from './helpers';

async function coreWithHistory() {
  const core = await coreWithCommunity();
  const { id } = await send(core, 'meeting:create', { title: '加装电梯议事会' });
  await send(core, 'meeting:rename', { id, title: '3 号楼加装电梯议事会' });
  await send(core, 'meeting:schedule', { id, scheduledAt: '2026-11-30T19:00', place: '文化长廊' });
  await send(core, 'meeting:setStatus', { id, status: 'announced' });
  return core;
}

describe('the audit chain', () => {
  it('records every change and verifies', async () => {
    const core = await coreWithHistory();
    expect(auditCount(core)).toBe(5);
    expect(await send(core, 'audit:verify', {})).toEqual({ ok: true, events: 5 });
    const actions = core.db!.$client.prepare('SELECT action FROM audit_event ORDER BY id').pluck().all();
    expect(actions).toEqual([
      'community.save',
      'meeting.create',
      'meeting.rename',
      'meeting.schedule',
      'meeting.status',
    ]);
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    const core = await coreWithHistory();
    const sqlite = core.db!.$client;
    expect(() => sqlite.prepare("UPDATE audit_event SET payload = '{}' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_event WHERE id = 2').run()).toThrow(/append-only/);
  });

  it('detects one tampered row (someone dropped the triggers and edited the file)', async () => {
    const core = await coreWithHistory();
    const sqlite = core.db!.$client;
    sqlite.exec('DROP TRIGGER audit_event_no_update');
    sqlite.prepare(`UPDATE audit_event SET payload = '{"title":"别的会议"}' WHERE id = 3`).run();
    expect(verifyAuditChain(core.db!)).toEqual({ ok: false, events: 2, brokenAt: 3 });
  });

  it('detects a removed row in the middle of the chain', async () => {
    const core = await coreWithHistory();
    const sqlite = core.db!.$client;
    sqlite.exec('DROP TRIGGER audit_event_no_delete');
    sqlite.prepare('DELETE FROM audit_event WHERE id = 2').run();
    expect(await send(core, 'audit:verify', {})).toEqual({ ok: false, events: 1, brokenAt: 3 });
  });

  it('writes no event when the change itself is refused', async () => {
    const core = await coreWithHistory();
    const before = auditCount(core);
    const refused = await core.guard('meeting:setStatus', { id: 1, status: 'draft' }, { trusted: true });
    expect(refused.ok).toBe(false);
    expect(auditCount(core)).toBe(before);
  });
});
