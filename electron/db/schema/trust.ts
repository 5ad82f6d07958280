/** What a community knows about trust from its office: the revocations of the office's latest CRL. */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { RevocationReason } from '../../../shared/domain/records';

/** The newest CRL imported from each issuing CA (by the CA certificate's fingerprint). */
export const revocationList = sqliteTable('revocation_list', {
  issuerFingerprint: text('issuer_fingerprint').primaryKey(),
  number: integer('number').notNull(),
  thisUpdate: text('this_update').notNull(),
  nextUpdate: text('next_update'),
  importedAt: text('imported_at').notNull(),
});

/** The certificates that CRL revokes; replaced as a whole when a newer CRL arrives. */
export const revokedCertificate = sqliteTable(
  'revoked_certificate',
  {
    issuerFingerprint: text('issuer_fingerprint').notNull(),
    serial: text('serial').notNull(),
    revokedAt: text('revoked_at').notNull(),
    reason: text('reason').$type<RevocationReason>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerFingerprint, t.serial] })],
);
