/** Minutes, their amendments and the signing identity. */
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { MinutesContent, MinutesStatus } from '../../../shared/domain/minutes';
import { meeting } from './meetings';

/** 会议纪要: one per meeting, drafted when it closes; finalizing fixes its hash and the audit head of that moment. */
export const minutes = sqliteTable('minutes', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id),
  status: text('status').$type<MinutesStatus>().notNull().default('draft'),
  content: text('content', { mode: 'json' }).$type<MinutesContent>().notNull(),
  updatedAt: text('updated_at').notNull(),
  finalizedAt: text('finalized_at'),
  finalizedBy: text('finalized_by').notNull().default(''),
  contentHash: text('content_hash'),
  auditHead: text('audit_head'),
});

/** 修正: what changed after finalizing, shown after the original. Rows are only ever added. */
export const minutesAmendment = sqliteTable(
  'minutes_amendment',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => minutes.meetingId),
    section: text('section').notNull(),
    text: text('text').notNull(),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    createdAt: text('created_at').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('amendment_meeting').on(t.meetingId)],
);

/**
 * 签名身份: the community's key and certificate. Earlier identities stay, so records they signed are still
 * recognised. The private key is stored encrypted (safeStorage or a passphrase), never in the clear.
 */
export const signingIdentity = sqliteTable('signing_identity', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  certificate: text('certificate').notNull(),
  /** Issuer certificates that came with an imported P12 (PEM, concatenated). */
  chain: text('chain').notNull().default(''),
  /**
   * safeStorage's output, or a passphrase-sealed JSON text (electron/crypto/kdf.ts). Before 2026-12: PKCS#8 PEM
   * under PBKDF2-2048, sealed again on its next unlock.
   */
  encryptedKey: text('encrypted_key').notNull(),
  protection: text('protection').$type<'safe_storage' | 'passphrase'>().notNull(),
  source: text('source').$type<'generated' | 'imported'>().notNull(),
  fingerprint: text('fingerprint').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  /** Wrong passphrases in a row and when the last one was typed: the unlock delay outlives a restart. */
  failedUnlocks: integer('failed_unlocks').notNull().default(0),
  lastFailedUnlock: text('last_failed_unlock'),
  /**
   * The SM2 identity beside the RSA one (electron/services/sm2-identity.ts): its key sealed under this row's
   * RSA key, so it is unlocked exactly when the RSA key is; its certificate and the issuer's (PEM) once
   * installed; and the community's SESeal (GB/T 38540) the office issued with it.
   */
  sm2Key: text('sm2_key'),
  sm2Certificate: text('sm2_certificate'),
  sm2Chain: text('sm2_chain').notNull().default(''),
  seal: blob('seal', { mode: 'buffer' }),
});
