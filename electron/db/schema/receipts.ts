/** What a community sent to its office and what the office answered (回执). */
import { integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import type { BundleRejection, BundleVerdict } from '../../../shared/domain/bundle';
import type { Localized } from '../../../shared/errors';
import type { ReceiptEntry } from '../../../shared/domain/receipt';

/** Every 上报包 exported here, by both its identities: the office answers about one or the other. */
export const sentBundle = sqliteTable('sent_bundle', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  /** SHA-256 of the manifest's canonical JSON: how the office names a bundle it could read. */
  contentHash: text('content_hash').notNull(),
  /** SHA-256 of the zip file: how it names one it could not. */
  fileHash: text('file_hash').notNull(),
  exportedAt: text('exported_at').notNull(),
  meetingIds: text('meeting_ids', { mode: 'json' }).$type<number[]>().notNull(),
});

/** A verified receipt entry; the same one imported again replaces itself. */
export const bundleReceipt = sqliteTable(
  'bundle_receipt',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The office CA that signed it, and the office's own number for the import it answers. */
    officeFingerprint: text('office_fingerprint').notNull(),
    officeBundleId: integer('office_bundle_id').notNull(),
    bundleHash: text('bundle_hash').notNull(),
    verdict: text('verdict').$type<BundleVerdict>().notNull(),
    reason: text('reason').$type<BundleRejection>(),
    reasonText: text('reason_text', { mode: 'json' }).$type<Localized>(),
    detail: text('detail').notNull().default(''),
    /** When the office imported the bundle. */
    answeredAt: text('answered_at').notNull(),
    counted: text('counted', { mode: 'json' }).$type<ReceiptEntry['counted']>().notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [unique('bundle_receipt_key').on(t.officeFingerprint, t.officeBundleId)],
);
