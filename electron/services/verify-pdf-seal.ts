import type { X509Certificate } from 'node:crypto';
import type { CertificateNote, SealReport, VerifyReport } from '../../shared/domain/records';
import type { CertificateJudgement } from '../records/certificate-check';
import { sealDistrust } from '../records/gm/ofd/verify';
import type { PdfSealCheck } from '../records/gm/pdf-seal';
import { commonNameOf, type Sm2Certificate } from '../records/gm/x509';

/** The community uid an RSA certificate's subject carries (X.520 userid, printed by OpenSSL as UID). */
export const rsaUid = (certificate: X509Certificate) =>
  /^UID=(.*)$/m.exec(certificate.subject)?.[1]?.toLowerCase() ?? null;

/** The same for an SM2 certificate. */
export const sm2Uid = (certificate: Sm2Certificate) =>
  certificate.subject.find(([key]) => key === 'UID')?.[1]?.toLowerCase() ?? null;

export type SealJudgement = {
  seal: SealReport;
  /** Why the SM2 certificate does not stand (verdict invalid_certificate), and what deserves a word when it does. */
  problem: VerifyReport['problem'];
  notes: CertificateNote[];
};

/**
 * A PDF's SM2 seal signature judged as an OFD's seal is (electron/services/verify-ofd.ts): intact (pdf-seal.ts),
 * then made by one of the SM2 CAs this database holds with the signer's certificate issued by it and the seal
 * valid when used (sealDistrust), the signer's certificate standing at the time it sealed (validity, key usage,
 * revocation: `judge`), and the sealer the community the RSA signature names (`sameCommunity`).
 */
export function judgePdfSeal(
  check: PdfSealCheck,
  authorities: Sm2Certificate[],
  judge: (signer: Sm2Certificate, signedAt: string) => CertificateJudgement,
  sameCommunity: (signer: Sm2Certificate) => boolean,
): SealJudgement {
  const signer = check.signer
    ? { name: commonNameOf(check.signer.subject), fingerprint: check.signer.fingerprint }
    : null;
  const none = { reason: null, distrust: null, signer, seal: null };
  if (check.state === 'tampered') {
    return { seal: { ...none, verdict: 'tampered', reason: check.reason }, problem: null, notes: [] };
  }
  const base = { ...none, seal: { id: check.seal.id, name: check.seal.name } };
  const distrust = (reason: SealReport['distrust']): SealJudgement => ({
    seal: { ...base, verdict: 'unknown_signer', distrust: reason },
    problem: null,
    notes: [],
  });
  const distrusts = authorities.map((ca) => sealDistrust(check, ca));
  if (!distrusts.includes(null))
    return distrust(distrusts.find((d) => d !== 'seal_maker_unknown') ?? 'seal_maker_unknown');
  const judged = judge(check.signer, check.signedAt.toISOString());
  if (judged.state === 'unknown') return distrust('signer_unknown');
  if (judged.state === 'problem') {
    return {
      seal: { ...base, verdict: 'invalid_certificate' },
      problem: { code: judged.problem, date: judged.date },
      notes: [],
    };
  }
  if (!sameCommunity(check.signer)) return distrust('other_community');
  return { seal: { ...base, verdict: 'valid' }, problem: null, notes: judged.notes };
}
