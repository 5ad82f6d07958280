import type { X509Certificate } from 'node:crypto';
import type { CertificateNote, CertificateProblem, RevocationReason } from '../../shared/domain/records';
import { children, content, DerError, oid, readNode } from './der';
import type { Sm2Certificate } from './gm/x509';

/** How long before a certificate ends the app starts warning (the office and the community alike). */
export const expiryWarningDays = 60;

/** What the office says about a certificate it issued and revoked: when, and why (the CRL's or the register's). */
export type Revocation = { revokedAt: string; reason: string };

export type CertificateJudgement =
  | { state: 'ok'; notes: CertificateNote[] }
  | { state: 'problem'; problem: CertificateProblem; date: string | null }
  /** Neither ours nor issued by a CA we hold. */
  | { state: 'unknown' };

const oids = { keyUsage: '2.5.29.15', extKeyUsage: '2.5.29.37' };
/** Extended key usages that allow signing documents: any, e-mail protection (what NSS asks), document signing. */
const signingUsages = ['2.5.29.37.0', '1.3.6.1.5.5.7.3.4', '1.3.6.1.5.5.7.3.36'];

/**
 * The keyUsage bits of a certificate, or null when it has none (then any use is allowed). Node does not expose
 * them, so they are read from the DER: tbsCertificate → [3] extensions → 2.5.29.15 → BIT STRING.
 */
export function keyUsageBits(der: Buffer): { digitalSignature: boolean; nonRepudiation: boolean } | null {
  try {
    const [tbs] = children(der, readNode(der));
    const wrapped = children(der, tbs!).find((n) => n.tag === 0xa3);
    if (!wrapped) return null;
    for (const extension of children(der, children(der, wrapped)[0]!)) {
      const parts = children(der, extension);
      if (oid(der, parts[0]!) !== oids.keyUsage) continue;
      const value = content(der, parts.at(-1)!);
      const bits = content(value, readNode(value));
      const first = bits[1] ?? 0; // bits[0] counts the unused bits
      return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
    }
    return null;
  } catch (error) {
    if (error instanceof DerError) return { digitalSignature: false, nonRepudiation: false };
    throw error;
  }
}

const iso = (date: Date) => date.toISOString();

/** What judging needs of a certificate, whatever its algorithm (RSA through Node, SM2 through our DER reader). */
type Facts = { validFrom: Date; validTo: Date; ca: boolean; signing: boolean };
type Judging = {
  signedAt: string | null;
  now: Date;
  revocation: () => Revocation | null;
  /** When this side itself saw the signed thing (an import's arrival, the office's copy of a file), if it did. */
  seenAt?: Date | null;
};

/**
 * Reasons after which the signer's claimed signing time still places a signature: the key stayed with its owner.
 * After a compromise (or an unstated reason) a thief writes any time it likes, so only a time we saw counts.
 */
const claimSurvives = new Set<string>(['affiliation_changed', 'cessation'] satisfies RevocationReason[]);

/**
 * Judge a signer's certificate as an independent validator would, once its issuer was found (or it is one of
 * our own): valid when it signed (the claimed signing time, else now) and saying so when it is no longer valid
 * now; fit for signatures; not a CA; its CA valid too; and not revoked before it signed (signed earlier, it
 * stays valid with a note) — "signed" placed by a time we saw, or by the signer's claim only while the key was
 * never compromised.
 */
function judgeFacts(
  certificate: Facts,
  issuer: Facts | null,
  isOwn: boolean,
  { signedAt, now, revocation, seenAt = null }: Judging,
): CertificateJudgement {
  if (!isOwn && !issuer) return { state: 'unknown' };
  const at = signedAt ? new Date(signedAt) : now;
  const problem = (p: CertificateProblem, date: string | null = null) =>
    ({ state: 'problem', problem: p, date }) as const;

  if (at < certificate.validFrom) return problem('not_yet_valid', iso(certificate.validFrom));
  if (at > certificate.validTo) return problem('expired', iso(certificate.validTo));
  if (!certificate.signing) return problem('key_usage');
  // A CA's key signs certificates, CRLs and receipts; a record signed with it is not a community's.
  if (certificate.ca && !isOwn) return problem('not_end_entity');
  if (issuer && (at < issuer.validFrom || at > issuer.validTo)) return problem('ca_expired', iso(issuer.validTo));

  const notes: CertificateNote[] = [];
  const revoked = revocation();
  if (revoked) {
    // The claim can only condemn: a signature it dates after the revocation is revoked whatever we saw.
    const placed = seenAt ?? (claimSurvives.has(revoked.reason) ? at : now);
    const from = new Date(revoked.revokedAt);
    if (at >= from || placed >= from) return problem('revoked', revoked.revokedAt);
    notes.push({ code: 'revoked_later', date: revoked.revokedAt });
  }
  if (now > certificate.validTo) notes.push({ code: 'expired_since', date: iso(certificate.validTo) });
  else if (certificate.validTo.getTime() - now.getTime() < expiryWarningDays * 86_400_000) {
    notes.push({ code: 'expires_soon', date: iso(certificate.validTo) });
  }
  if (!signedAt) notes.push({ code: 'no_signing_time', date: null });
  return { state: 'ok', notes };
}

/** A certificate's facts never change: read once per parsed certificate (its DER walked for keyUsage). */
const factsOf = new WeakMap<X509Certificate, Facts>();
const x509Facts = (c: X509Certificate): Facts => factsOf.get(c) ?? factsOf.set(c, readFacts(c)).get(c)!;

const readFacts = (c: X509Certificate): Facts => {
  const usage = keyUsageBits(c.raw);
  const extended = c.keyUsage;
  return {
    validFrom: new Date(c.validFrom),
    validTo: new Date(c.validTo),
    ca: c.ca,
    signing:
      (!usage || usage.digitalSignature || usage.nonRepudiation) &&
      (!extended?.length || extended.some((u) => signingUsages.includes(u))),
  };
};

/** The one of `authorities` that issued and signed `certificate`, or null: a chain of one link, checked in full. */
export const issuerAmong = (certificate: X509Certificate, authorities: X509Certificate[]): X509Certificate | null =>
  authorities.find((ca) => ca.ca && certificate.checkIssued(ca) && certificate.verify(ca.publicKey)) ?? null;

/**
 * An RSA signer's certificate (Node's X509Certificate): issued (and signed) by one of `authorities` or one of
 * our own certificates, then judged as above. `issuerOf` finds the issuer instead (an import batch remembers
 * each certificate's; validity and revocation are still judged for every signature).
 */
export function judgeCertificate(
  certificate: X509Certificate,
  {
    own,
    authorities,
    issuerOf = (c) => issuerAmong(c, authorities),
    ...judging
  }: {
    own: X509Certificate[];
    authorities: X509Certificate[];
    issuerOf?: (certificate: X509Certificate) => X509Certificate | null;
    signedAt: string | null;
    now: Date;
    seenAt?: Date | null;
    revocation: (certificate: X509Certificate, issuer: X509Certificate | null) => Revocation | null;
  },
): CertificateJudgement {
  const isOwn = own.some((c) => c.fingerprint256 === certificate.fingerprint256);
  const issuer = issuerOf(certificate);
  return judgeFacts(x509Facts(certificate), issuer && x509Facts(issuer), isOwn, {
    ...judging,
    revocation: () => judging.revocation(certificate, issuer),
  });
}

const sm2Facts = (c: Sm2Certificate): Facts => ({
  validFrom: c.notBefore,
  validTo: c.notAfter,
  ca: c.ca,
  signing: !c.keyUsage || c.keyUsage.includes('digitalSignature') || c.keyUsage.includes('nonRepudiation'),
});

/**
 * An SM2 signer's certificate, by the same rules: issued by one of the SM2 CAs `authorities` (its signature
 * checked by `issuedBy`, which the caller brings so the SM2 code loads only where SM2 is checked), or one of
 * our own (by fingerprint).
 */
export function judgeSm2Certificate(
  certificate: Sm2Certificate,
  {
    own,
    authorities,
    issuedBy,
    ...judging
  }: {
    own: string[];
    authorities: Sm2Certificate[];
    issuedBy: (certificate: Sm2Certificate, ca: Sm2Certificate) => boolean;
    signedAt: string | null;
    now: Date;
    seenAt?: Date | null;
    revocation: (certificate: Sm2Certificate, issuer: Sm2Certificate | null) => Revocation | null;
  },
): CertificateJudgement {
  const isOwn = own.includes(certificate.fingerprint);
  const issuer = authorities.find((ca) => ca.ca && issuedBy(certificate, ca)) ?? null;
  return judgeFacts(sm2Facts(certificate), issuer && sm2Facts(issuer), isOwn, {
    ...judging,
    revocation: () => judging.revocation(certificate, issuer),
  });
}
