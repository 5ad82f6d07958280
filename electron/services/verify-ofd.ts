import { sealKeys, type VerifyReport } from '../../shared/domain/records';
import type { CertificateJudgement } from '../records/certificate-check';
import { DerError } from '../records/der';
import { checkOfd, sealDistrust } from '../records/gm/ofd/verify';
import { commonNameOf, readableName, readSm2Certificate, signedBy, type Sm2Certificate } from '../records/gm/x509';
import { splitPems } from '../records/identity';

/**
 * The SM2 CA certificates among those this database holds. Read by our own DER reader: Electron's BoringSSL
 * cannot parse an SM2 certificate, so node:crypto's X509Certificate is no help here.
 */
export function knownSm2Authorities(pems: string[]): Sm2Certificate[] {
  return pems.flatMap(splitPems).flatMap((pem) => {
    try {
      const certificate = readSm2Certificate(pem);
      return certificate.ca ? [certificate] : [];
    } catch (error) {
      if (error instanceof DerError) return []; // an RSA certificate
      throw error;
    }
  });
}

/** Did this CA issue the certificate: named as its issuer, and signed with its key. */
export const issuedBy = (certificate: Sm2Certificate, ca: Sm2Certificate) =>
  readableName(certificate.issuer) === readableName(ca.subject) && signedBy(certificate, ca.publicKey);

const signerOf = (c: Sm2Certificate) => ({
  name: commonNameOf(c.subject),
  subject: readableName(c.subject),
  issuer: readableName(c.issuer),
  fingerprint: c.fingerprint,
});

/**
 * The same report a PDF gets: unsigned, tampered with the reason; for an intact one, the seal made by one of the
 * SM2 CAs this database holds and the signer's certificate issued by it (else unknown_signer), then that
 * certificate judged as a PDF's is — validity when it sealed, key usage, revocation from the register or the
 * CRL — so a revoked or expired seal certificate is invalid_certificate with the same problem and notes.
 */
export function verifyOfd(
  fileName: string,
  data: Buffer,
  authorities: Sm2Certificate[],
  judge: (signer: Sm2Certificate, signedAt: string) => CertificateJudgement,
  /** The finalized minutes a hash names, asked only for a valid seal, with the signer certificate's DER. */
  matchHash: (hash: string | null, signer: Buffer) => VerifyReport['match'],
): VerifyReport {
  const check = checkOfd(data);
  const report: VerifyReport = {
    fileName,
    verdict: 'unsigned',
    reason: null,
    signer: null,
    signedAt: null,
    contentHash: null,
    modified: null,
    problem: null,
    notes: [],
    match: { state: 'none' },
    sm2Seal: null,
  };
  if (check.state === 'unsigned') return report;
  if (check.state === 'tampered') {
    // A tampered file's claims are not repeated.
    return {
      ...report,
      verdict: 'tampered',
      reason: check.reason,
      signer: check.signer ? signerOf(check.signer) : null,
      signedAt: check.signedAt?.toISOString() ?? null,
    };
  }
  const signedAt = check.signedAt.toISOString();
  const contentHash = check.custom[sealKeys.hash] ?? null;
  const sealed = { ...report, signer: signerOf(check.signer), signedAt, contentHash };
  if (!authorities.some((ca) => sealDistrust(check, ca) === null)) return { ...sealed, verdict: 'unknown_signer' };
  const judged = judge(check.signer, signedAt);
  if (judged.state === 'unknown') return { ...sealed, verdict: 'unknown_signer' };
  if (judged.state === 'problem') {
    return {
      ...sealed,
      verdict: 'invalid_certificate',
      problem: { code: judged.problem, date: judged.date },
    };
  }
  return {
    ...sealed,
    verdict: 'valid',
    notes: judged.notes,
    match: matchHash(contentHash, check.signer.der),
  };
}
