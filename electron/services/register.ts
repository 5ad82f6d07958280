import { createHash } from 'node:crypto';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { CertificateAlgorithm, IssuedCertificate } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { issuedCertificate } from '../db/schema';
import type { change, ServiceContext } from './context';

/**
 * The office's register of issued certificates: the one place that says who a community is. Issuing (RSA here,
 * SM2 from the GM module) writes an entry; importing a bundle reads it by the signer's fingerprint.
 */
export type RegisterEntry = typeof issuedCertificate.$inferSelect;
type Tx = Parameters<Parameters<typeof change>[1]>[0];
/** The database or a transaction on it: the register reads the same either way. */
type Reader = Pick<ServiceContext['db'], 'select'>;

/** SHA-256 over the DER, "AB:CD:…": the same for any key algorithm, and what Node's fingerprint256 gives. */
export const fingerprintOf = (der: Buffer) =>
  createHash('sha256')
    .update(der)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');

/** The DER inside one PEM block, without parsing it (so it works for SM2 where the platform cannot). */
export const pemDer = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

/** What an issuer knows about the certificate it just made. */
export type NewEntry = {
  certificatePem: string;
  der: Buffer;
  subject: string;
  serial: string;
  algorithm: CertificateAlgorithm;
  communityUid: string;
  name: string;
  unit: string;
  validFrom: string;
  validTo: string;
};

const newestActive = (db: Reader, byAlgorithm: boolean) =>
  db
    .select()
    .from(issuedCertificate)
    .where(
      and(
        eq(issuedCertificate.communityUid, sql.placeholder('communityUid')),
        eq(issuedCertificate.status, 'active'),
        byAlgorithm ? eq(issuedCertificate.algorithm, sql.placeholder('algorithm')) : undefined,
      ),
    )
    .orderBy(desc(issuedCertificate.id))
    .prepare();
const current = new WeakMap<Reader, Map<boolean, ReturnType<typeof newestActive>>>();

/**
 * The community's certificate in use now (the newest active one), if the office issued it one; of one
 * algorithm when asked (a community holds an RSA and an SM2 certificate side by side).
 */
export const currentOf = (
  db: Reader,
  communityUid: string,
  algorithm?: CertificateAlgorithm,
): RegisterEntry | undefined => {
  const queries = current.get(db) ?? current.set(db, new Map()).get(db)!;
  const byAlgorithm = algorithm !== undefined;
  const query = queries.get(byAlgorithm) ?? queries.set(byAlgorithm, newestActive(db, byAlgorithm)).get(byAlgorithm)!;
  return query.get(byAlgorithm ? { communityUid, algorithm } : { communityUid });
};

/**
 * Refuse to certify a unit name another community holds an unrevoked certificate for: names are not identity,
 * but two communities under one name would make every list and statistic ambiguous.
 */
export function checkUnitFree(db: Reader, communityUid: string, unit: string) {
  const holder = db
    .select()
    .from(issuedCertificate)
    .where(
      and(
        eq(issuedCertificate.unit, unit),
        ne(issuedCertificate.status, 'revoked'),
        ne(issuedCertificate.communityUid, communityUid),
      ),
    )
    .get();
  if (holder) throw new AppError('unit_taken', { unit });
}

/**
 * Write a newly issued certificate into the register. A community's earlier active certificate of the same algorithm becomes
 * superseded and points to this one: renewal, rename and re-keying are all this one step. What the old one
 * signed stays valid; only revocation says otherwise.
 */
export function registerIssued(tx: Tx, entry: NewEntry, issuedAt: string): RegisterEntry {
  checkUnitFree(tx, entry.communityUid, entry.unit);
  const row = tx
    .insert(issuedCertificate)
    .values({
      subject: entry.subject,
      fingerprint: fingerprintOf(entry.der),
      certificate: entry.certificatePem,
      issuedAt,
      serial: entry.serial.toUpperCase(),
      algorithm: entry.algorithm,
      communityUid: entry.communityUid,
      name: entry.name,
      unit: entry.unit,
      validFrom: entry.validFrom,
      validTo: entry.validTo,
    })
    .returning()
    .get();
  tx.update(issuedCertificate)
    .set({ status: 'superseded', successorId: row.id })
    .where(
      and(
        eq(issuedCertificate.communityUid, entry.communityUid),
        eq(issuedCertificate.status, 'active'),
        // An SM2 certificate stands beside the RSA one; it supersedes only an earlier SM2 one.
        eq(issuedCertificate.algorithm, entry.algorithm),
        ne(issuedCertificate.id, row.id),
      ),
    )
    .run();
  return row;
}

const byFingerprint = (db: Reader) =>
  db
    .select()
    .from(issuedCertificate)
    .where(eq(issuedCertificate.fingerprint, sql.placeholder('fingerprint')))
    .prepare();
/**
 * Compiled once per database: an import asks for every bundle's signer (and its revocation), and drizzle built
 * and prepared the same SELECT again each time (~0.25 ms of the serving thread's time a bundle).
 */
const lookups = new WeakMap<Reader, ReturnType<typeof byFingerprint>>();

/** The register's entry for a certificate, by the fingerprint of its DER. */
export const registered = (db: Reader, fingerprint: string): RegisterEntry | undefined =>
  (lookups.get(db) ?? lookups.set(db, byFingerprint(db)).get(db)!).get({ fingerprint });

export const publicEntry = ({ certificate: _c, ...entry }: RegisterEntry): IssuedCertificate => entry;
