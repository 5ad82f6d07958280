import { createHash } from 'node:crypto';
import { desc } from 'drizzle-orm';
import { canonicalJson } from '../../shared/canonical-json';
import type { AuditReport } from '../../shared/contract';
import type { Db } from './open';
import { auditEvent } from './schema';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type AuditEntry = { action: string; entity: string; entityId: string | number; payload: unknown };

const genesis = '0'.repeat(64);

function hashOf(row: Omit<typeof auditEvent.$inferSelect, 'id' | 'hash'>): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

/** The chain's newest hash ('' while it is empty): what a finalized or exported record names as its audit head. */
export function auditHead(tx: Pick<Tx, 'select'>): string {
  return tx.select({ hash: auditEvent.hash }).from(auditEvent).orderBy(desc(auditEvent.id)).limit(1).get()?.hash ?? '';
}

/** Append one event to the chain. Call it inside the transaction that makes the change it records. */
export function appendAudit(tx: Tx, entry: AuditEntry, at: Date): void {
  const row = {
    at: at.toISOString(),
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    payload: canonicalJson(entry.payload),
    prevHash: auditHead(tx) || genesis,
  };
  tx.insert(auditEvent)
    .values({ ...row, hash: hashOf(row) })
    .run();
}

/** Walk the whole chain; report the first event whose link or content does not match. */
export function verifyAuditChain(db: Db): AuditReport {
  let prevHash = genesis;
  let events = 0;
  // Iterate rather than load: a ten-year log holds hundreds of thousands of events.
  const rows = db.$client
    .prepare(
      `SELECT id, at, action, entity, entity_id AS entityId, payload, prev_hash AS prevHash, hash
       FROM audit_event ORDER BY id`,
    )
    .iterate() as IterableIterator<typeof auditEvent.$inferSelect>;
  for (const row of rows) {
    const { id, hash, ...content } = row;
    if (content.prevHash !== prevHash || hashOf(content) !== hash) return { ok: false, events, brokenAt: id };
    prevHash = hash;
    events += 1;
  }
  return { ok: true, events };
}
