import { X509Certificate } from 'node:crypto';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Expiring } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { issuedCertificate, revocationList, revokedCertificate, signingIdentity } from '../db/schema';
import {
  expiryWarningDays,
  issuerAmong,
  judgeCertificate,
  judgeSm2Certificate,
  type Revocation,
} from '../records/certificate-check';
import type { Sm2Certificate } from '../records/gm/x509';
import { buildCrl, CrlProblem, readCrl } from '../records/crl';
import { commonName, splitPems } from '../records/identity';
import { readCommunity, requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';
import { fingerprintOf, pemDer, publicEntry, registered } from './register';

type TrustHandlers = Pick<Handlers, 'ca:revoke' | 'ca:crl' | 'trust:importCrl' | 'trust:status'>;

/** Judging signers' certificates here: against our CAs, our own identities, the register or the imported CRL. */
export type Judge = {
  /** `seenAt`: when this side itself saw the signed file, which places it before a revocation as no claim can. */
  judge(
    certificate: X509Certificate,
    signedAt: string | null,
    seenAt?: Date | null,
  ): ReturnType<typeof judgeCertificate>;
  /**
   * The same for an SM2 certificate (an OFD's seal signer, a bundle's SM2 signer): against the SM2 CAs given
   * (parsed by the caller, who has loaded the SM2 code), our own SM2 identities, the register and the CRLs.
   */
  judgeSm2(
    certificate: Sm2Certificate,
    signedAt: string | null,
    sm2: { authorities: Sm2Certificate[]; issuedBy: (c: Sm2Certificate, ca: Sm2Certificate) => boolean },
  ): ReturnType<typeof judgeCertificate>;
};

export type Trust = Judge & {
  handlers: TrustHandlers;
  /**
   * A judge for one import batch (one command, one transaction, so nothing it reads can change meanwhile): our
   * own and CA certificates are read once, and each signer's chain to our CA is verified once, by its
   * certificate's SHA-256. Validity at each signing time and revocation are still judged for every signature;
   * revocation at the batch's arrival, the one time this office saw for itself (a signing time is a claim).
   */
  batch(): Judge;
};

const days = (to: string, now: Date) => Math.floor((new Date(to).getTime() - now.getTime()) / 86_400_000);

export function trustService(ctx: ServiceContext, identities: Identities): Trust {
  // Every bundle of an import is judged against the same few CA and own certificates: parse each PEM once.
  const parsed = new Map<string, X509Certificate>();
  const certificateOf = (pem: string) => parsed.get(pem) ?? parsed.set(pem, new X509Certificate(pem)).get(pem)!;
  const parse = (pems: string[]) => pems.flatMap(splitPems).map(certificateOf);
  const authorities = () => parse(identities.known()).filter((c) => c.ca);
  const own = () =>
    parse(
      ctx.db
        .select({ certificate: signingIdentity.certificate })
        .from(signingIdentity)
        .all()
        .map((r) => r.certificate),
    );

  const revokedBy = (db: ServiceContext['db']) =>
    db
      .select()
      .from(revokedCertificate)
      .where(
        and(
          eq(revokedCertificate.issuerFingerprint, sql.placeholder('issuer')),
          eq(revokedCertificate.serial, sql.placeholder('serial')),
        ),
      )
      .prepare();
  let revokedQuery: { db: ServiceContext['db']; query: ReturnType<typeof revokedBy> } | null = null;

  /**
   * The office knows from its register; a community from the CRL it imported from that CA. By fingerprints and
   * serial, so RSA and SM2 certificates are looked up alike.
   */
  function revocation(fingerprint: string, serial: string, issuerFingerprint: string | null): Revocation | null {
    const entry = registered(ctx.db, fingerprint);
    if (entry?.status === 'revoked' && entry.revokedAt) {
      return { revokedAt: entry.revokedAt, reason: entry.revocationReason ?? 'unspecified' };
    }
    if (!issuerFingerprint) return null;
    if (revokedQuery?.db !== ctx.db) revokedQuery = { db: ctx.db, query: revokedBy(ctx.db) };
    const row = revokedQuery.query.get({ issuer: issuerFingerprint, serial: serial.toUpperCase() });
    return row ? { revokedAt: row.revokedAt, reason: row.reason } : null;
  }
  const ownSm2 = () =>
    ctx.db
      .select({ certificate: signingIdentity.sm2Certificate })
      .from(signingIdentity)
      .all()
      .flatMap((r) => (r.certificate ? [fingerprintOf(pemDer(r.certificate))] : []));

  function caOf() {
    requireProfile(ctx, 'sub_district');
    const ca = identities.signer();
    if (!new X509Certificate(ca.certificatePem).ca) throw new AppError('ca_required');
    return ca;
  }

  /** Judges reading our certificates on each call, or (`batch`) once, remembering each signer's issuer. */
  function judges(batch: boolean): Judge {
    const arrival = batch ? ctx.now() : null;
    let mine: { own: X509Certificate[]; authorities: X509Certificate[]; sm2: string[] | null } | null = null;
    const known = () => (batch && mine) || (mine = { own: own(), authorities: authorities(), sm2: null });
    const issuers = new Map<string, X509Certificate | null>();
    return {
      judge: (certificate, signedAt, seenAt = arrival) => {
        const { own: ours, authorities: cas } = known();
        const issuerOf = (c: X509Certificate) => {
          if (!batch) return issuerAmong(c, cas);
          const hit = issuers.get(c.fingerprint256);
          if (hit !== undefined) return hit;
          const found = issuerAmong(c, cas);
          issuers.set(c.fingerprint256, found);
          return found;
        };
        return judgeCertificate(certificate, {
          own: ours,
          authorities: cas,
          issuerOf,
          signedAt,
          now: ctx.now(),
          seenAt,
          revocation: (c, issuer) => revocation(c.fingerprint256, c.serialNumber, issuer?.fingerprint256 ?? null),
        });
      },
      judgeSm2: (certificate, signedAt, sm2) => {
        const held = known();
        const ours = (batch && held.sm2) || (held.sm2 = ownSm2());
        return judgeSm2Certificate(certificate, {
          own: ours,
          ...sm2,
          signedAt,
          now: ctx.now(),
          seenAt: arrival,
          revocation: (c, issuer) => revocation(c.fingerprint, c.serial, issuer?.fingerprint ?? null),
        });
      },
    };
  }
  const always = judges(false);

  return {
    ...always,
    batch: () => judges(true),
    handlers: {
      'ca:revoke': ({ id, date, reason }) => {
        requireProfile(ctx, 'sub_district');
        // The day as the office means it: from its start, on this computer's clock.
        const revokedAt = new Date(`${date}T00:00:00`).toISOString();
        change(ctx, (tx, audit) => {
          const entry = tx.select().from(issuedCertificate).where(eq(issuedCertificate.id, id)).get();
          if (!entry) throw new AppError('not_found', { entity: { 'zh-CN': '证书', en: 'certificate' }, id });
          if (entry.status === 'revoked') throw new AppError('certificate_already_revoked');
          tx.update(issuedCertificate)
            .set({ status: 'revoked', revokedAt, revocationReason: reason })
            .where(eq(issuedCertificate.id, id))
            .run();
          audit({
            action: 'ca.revoke',
            entity: 'certificate',
            entityId: entry.fingerprint,
            payload: { unit: entry.unit, revokedAt, reason },
          });
        });
        ctx.events.emit({ type: 'collection:changed' });
        return ctx.db.select().from(issuedCertificate).orderBy(desc(issuedCertificate.id)).all().map(publicEntry);
      },
      'ca:crl': () => {
        const ca = caOf();
        const revoked = ctx.db
          .select()
          .from(issuedCertificate)
          .where(and(eq(issuedCertificate.status, 'revoked'), isNotNull(issuedCertificate.revokedAt)))
          .all();
        const now = ctx.now();
        // Seconds since 1970 only ever grow: a later CRL always has a larger number.
        const crl = buildCrl(
          ca,
          revoked.map((r) => ({
            certificatePem: r.certificate,
            revokedAt: r.revokedAt!,
            reason: r.revocationReason ?? 'unspecified',
          })),
          Math.floor(now.getTime() / 1000),
          now,
        );
        const office = readCommunity(ctx)!;
        return {
          fileName: `${office.name}-证书吊销列表-${now.toISOString().slice(0, 10)}.crl`,
          type: 'application/pkix-crl',
          data: crl.toString('base64'),
          missing: [],
        };
      },
      'trust:importCrl': ({ data }) => {
        let crl;
        try {
          crl = readCrl(Buffer.from(data, 'base64'), authorities());
        } catch (error) {
          if (error instanceof CrlProblem) throw new AppError('crl_invalid');
          throw error;
        }
        const issuer = crl.issuer.fingerprint256;
        const held = ctx.db.select().from(revocationList).where(eq(revocationList.issuerFingerprint, issuer)).get();
        if (held && held.number > crl.number) throw new AppError('crl_older', { date: held.thisUpdate.slice(0, 10) });
        change(ctx, (tx, audit) => {
          tx.delete(revokedCertificate).where(eq(revokedCertificate.issuerFingerprint, issuer)).run();
          for (const r of crl.revoked)
            tx.insert(revokedCertificate)
              .values({ issuerFingerprint: issuer, ...r })
              .run();
          const list = {
            issuerFingerprint: issuer,
            number: crl.number,
            thisUpdate: crl.thisUpdate,
            nextUpdate: crl.nextUpdate,
            importedAt: ctx.now().toISOString(),
          };
          tx.insert(revocationList)
            .values(list)
            .onConflictDoUpdate({ target: revocationList.issuerFingerprint, set: list })
            .run();
          audit({
            action: 'trust.crl',
            entity: 'crl',
            entityId: issuer,
            payload: { number: crl.number, revoked: crl.revoked.map((r) => r.serial) },
          });
        });
        return { issuer: commonName(crl.issuer.toString()), thisUpdate: crl.thisUpdate, revoked: crl.revoked.length };
      },
      'trust:status': () => {
        const now = ctx.now();
        const soon = (unit: string, validTo: string): Expiring | null =>
          days(validTo, now) < expiryWarningDays ? { unit, validTo, daysLeft: days(validTo, now) } : null;
        const active = ctx.db
          .select()
          .from(signingIdentity)
          .where(eq(signingIdentity.active, true))
          .orderBy(desc(signingIdentity.id))
          .get();
        const mine = active ? new X509Certificate(active.certificate) : null;
        const issued =
          readCommunity(ctx)?.kind === 'sub_district'
            ? ctx.db
                .select()
                .from(issuedCertificate)
                .where(eq(issuedCertificate.status, 'active'))
                .all()
                .flatMap((e) => soon(e.unit, e.validTo) ?? [])
            : [];
        const list = ctx.db.select().from(revocationList).orderBy(desc(revocationList.thisUpdate)).get();
        return {
          own: mine ? soon(commonName(mine.toString()), new Date(mine.validTo).toISOString()) : null,
          issued,
          crl: list
            ? {
                thisUpdate: list.thisUpdate,
                nextUpdate: list.nextUpdate,
                revoked: ctx.db
                  .select()
                  .from(revokedCertificate)
                  .where(eq(revokedCertificate.issuerFingerprint, list.issuerFingerprint))
                  .all().length,
              }
            : null,
        };
      },
    },
  };
}
