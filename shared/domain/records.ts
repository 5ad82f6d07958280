import { z } from 'zod';
import { Day } from '../dates';
import type { Localized } from '../errors';
import type { Locale } from '../locale';
import { MeetingId } from './meeting';

export const recordKinds = ['minutes', 'sign_in', 'resolutions'] as const;
export type RecordKind = (typeof recordKinds)[number];

export const recordKindLabels: Record<RecordKind, Localized> = {
  minutes: { 'zh-CN': '会议纪要', en: 'Minutes' },
  sign_in: { 'zh-CN': '签到表', en: 'Sign-in sheet' },
  resolutions: { 'zh-CN': '议定事项公示', en: 'Resolutions notice' },
};

/**
 * What a record is exported as: the signed PDF, the 公示 as a picture, OFD (GB/T 33190), or the minutes' PDF/A-3b
 * archive copy with their canonical JSON inside.
 */
export const recordFormats = ['pdf', 'png', 'ofd', 'pdfa'] as const;
export type RecordFormat = (typeof recordFormats)[number];

/** The saved file's extension and type for each format. */
export const recordFileTypes: Record<RecordFormat, { extension: string; type: string }> = {
  pdf: { extension: 'pdf', type: 'application/pdf' },
  png: { extension: 'png', type: 'image/png' },
  ofd: { extension: 'ofd', type: 'application/ofd' },
  pdfa: { extension: 'pdf', type: 'application/pdf' },
};

/** Document-information keys our records carry and the verifier reads back; the signature covers them. */
export const sealKeys = { hash: 'YishitingContentHash', meeting: 'YishitingMeeting', kind: 'YishitingRecord' } as const;

/** Why a signed file is not as it was signed. */
export const tamperReasons = [
  'digest_mismatch',
  'signature_invalid',
  'signature_unreadable',
  'byte_range',
  'not_whole_document',
  /** An OFD's ZIP container is not as written (a header, a checksum, the list of signatures). */
  'package_damaged',
] as const;
export type TamperReason = (typeof tamperReasons)[number];

/** Revisions of a PDF added after its first signature: from which one, of how many, signed by whom (maybe nobody). */
export type PdfModification = { revision: number; revisions: number; signers: string[] };

/** The sentence every verifier (the 记录 page, npm run verify) shows for a file changed after signing. */
export function modifiedSentence(m: PdfModification, locale: Locale): string {
  const signers = m.signers.filter(Boolean);
  if (locale === 'en') {
    const by = signers.length ? `, signed by ${signers.join(', ')}` : ', unsigned';
    return `Modified after signing: revision ${m.revision} of ${m.revisions} was added later${by}. Only what the first signature covers is as signed.`;
  }
  const by = signers.length ? `，追加部分的签名人：${signers.join('、')}` : '，追加部分没有签名';
  return `签名后被修改：第 ${m.revision} 版（共 ${m.revisions} 版）是签名之后追加的${by}。只有第一个签名覆盖的内容是原件。`;
}

/** Why a signer's certificate does not stand, judged as an independent validator would. */
export const certificateProblems = [
  'not_yet_valid',
  'expired',
  'key_usage',
  'not_end_entity',
  'ca_expired',
  'revoked',
] as const;
export type CertificateProblem = (typeof certificateProblems)[number];

/** What still deserves a word about a certificate that stands. */
export type CertificateNote = {
  code: 'revoked_later' | 'expired_since' | 'expires_soon' | 'no_signing_time';
  date: string | null;
};

const day = (iso: string | null, locale: Locale) =>
  iso ? new Date(iso).toLocaleDateString(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long' }) : '';

/** The sentence for a certificate problem, the same on the 记录 page, in npm run verify and for bundles. */
export function problemSentence(problem: CertificateProblem, date: string | null, locale: Locale): string {
  const d = day(date, locale);
  const zh: Record<CertificateProblem, string> = {
    not_yet_valid: `签名时证书尚未生效（${d} 起才有效）`,
    expired: `签名时证书已过期（有效期至 ${d}）`,
    key_usage: '证书的用途不包括电子签名（密钥用法不符）',
    not_end_entity: '签名用的是签发机构（CA）证书，而不是社区的证书',
    ca_expired: `签名时签发单位的根证书已过期（有效期至 ${d}）`,
    revoked: `证书已于 ${d} 被签发单位吊销，此后的签名无效`,
  };
  const en: Record<CertificateProblem, string> = {
    not_yet_valid: `The certificate was not yet valid when it signed (valid from ${d})`,
    expired: `The certificate had expired when it signed (valid until ${d})`,
    key_usage: 'The certificate is not meant for signatures (key usage)',
    not_end_entity: 'Signed with an issuing (CA) certificate, not a community’s certificate',
    ca_expired: `The issuer’s CA certificate had expired when it signed (valid until ${d})`,
    revoked: `The issuer revoked this certificate on ${d}; signatures after that are invalid`,
  };
  return (locale === 'en' ? en : zh)[problem];
}

export function noteSentence(note: CertificateNote, locale: Locale): string {
  const d = day(note.date, locale);
  if (locale === 'en') {
    return {
      revoked_later: `Signed before the certificate was revoked on ${d}: the signature stays valid`,
      expired_since: `The certificate expired on ${d}; it was valid when it signed`,
      expires_soon: `The certificate expires on ${d}; ask for a renewal`,
      no_signing_time: 'The signature carries no signing time; judged as of now',
    }[note.code];
  }
  return {
    revoked_later: `签名早于证书被吊销的日期（${d}），签名仍然有效`,
    expired_since: `证书已于 ${d} 过期；签名时证书有效`,
    expires_soon: `证书将于 ${d} 到期，请及时续期`,
    no_signing_time: '签名没有签名时间，按现在判断',
  }[note.code];
}

export type Verdict = 'valid' | 'tampered' | 'unsigned' | 'unknown_signer' | 'invalid_certificate';

/** Why an intact SM2 seal signature is not trusted here (verdict unknown_signer). */
export type SealDistrustReason = 'seal_maker_unknown' | 'signer_unknown' | 'seal_expired' | 'other_community';

/**
 * A PDF's SM2 seal signature (GB/T 38540), judged by the rules an OFD's seal is: the seal made by a trusted SM2
 * CA of an office, the signer's certificate issued by it and standing when it sealed, the seal naming that
 * certificate and valid then, and the SM2 signer the same community as the RSA one.
 */
export type SealReport = {
  verdict: Exclude<Verdict, 'unsigned'>;
  reason: TamperReason | null;
  distrust: SealDistrustReason | null;
  signer: { name: string; fingerprint: string } | null;
  seal: { id: string; name: string } | null;
};

const sealDistrustZh: Record<SealDistrustReason, string> = {
  seal_maker_unknown: '印章不是受信任的街道（国密 CA）制作的',
  signer_unknown: '签章人的国密证书不是制章的街道签发的',
  seal_expired: '签章时印章不在有效期内',
  other_community: '国密签章人与 RSA 签名人不是同一个社区',
};
const sealDistrustEn: Record<SealDistrustReason, string> = {
  seal_maker_unknown: 'the seal was not made by a trusted office (SM2 CA)',
  signer_unknown: 'the sealing certificate was not issued by the office that made the seal',
  seal_expired: 'the seal was not within its validity when it was used',
  other_community: 'the SM2 sealer is not the community that signed with RSA',
};

/** The line every verifier shows for a PDF's SM2 seal signature; a PDF without one carries only the RSA signature. */
export function sealSentence(seal: SealReport | null, locale: Locale): string {
  const en = locale === 'en';
  if (!seal) return en ? 'No SM2 electronic seal: RSA signature only' : '未加盖国密电子印章（只有 RSA 签名）';
  const named = seal.seal
    ? en
      ? ` “${seal.seal.name}” (${seal.seal.id})`
      : `“${seal.seal.name}”（${seal.seal.id}）`
    : '';
  switch (seal.verdict) {
    case 'valid':
      return en ? `SM2 electronic seal${named}: valid` : `国密电子印章${named}：有效`;
    case 'tampered':
      return en
        ? 'SM2 electronic seal: invalid — the file or the seal signature changed after sealing'
        : '国密电子印章：无效——签章后文件或签章数据被改动';
    case 'invalid_certificate':
      return en
        ? `SM2 electronic seal${named}: the sealing certificate does not stand`
        : `国密电子印章${named}：签章证书无效`;
    case 'unknown_signer':
      return en
        ? `SM2 electronic seal${named}: intact, but not trusted here — ${sealDistrustEn[seal.distrust ?? 'seal_maker_unknown']}`
        : `国密电子印章${named}：签章完整，但不受信任——${sealDistrustZh[seal.distrust ?? 'seal_maker_unknown']}`;
  }
}

const severity: Record<Verdict, number> = {
  valid: 0,
  unsigned: 0,
  unknown_signer: 1,
  invalid_certificate: 2,
  tampered: 3,
};

/** The worse of the RSA verdict and the seal's: a sealed PDF is valid only when both signatures are. */
export const worseVerdict = (rsa: Verdict, seal: SealReport | null): Verdict =>
  seal && severity[seal.verdict] > severity[rsa] ? seal.verdict : rsa;

export type VerifyReport = {
  fileName: string;
  verdict: Verdict;
  reason: TamperReason | null;
  signer: { name: string; subject: string; issuer: string; fingerprint: string } | null;
  signedAt: string | null;
  contentHash: string | null;
  /** What was added after the record's own signature (reason not_whole_document): the revision and its signers. */
  modified: PdfModification | null;
  /** Why the signer's certificate does not stand (verdict invalid_certificate). */
  problem: { code: CertificateProblem; date: string | null } | null;
  /** What deserves a word about a certificate that stands: revoked later, expired since, expiring soon. */
  notes: CertificateNote[];
  /** How the hash compares with this database's finalized minutes; only ever for a record signed here. */
  match:
    | { state: 'current'; meetingId: number; title: string }
    | { state: 'superseded'; meetingId: number; title: string }
    /** At the office: the minutes the community the register names for this signer reported, as it reported them. */
    | { state: 'reported'; meetingId: number; title: string; unit: string }
    | { state: 'none' };
  /**
   * A PDF's SM2 seal signature beside its RSA one; null when the PDF carries none (RSA only) or its RSA signature
   * already failed, and for an OFD (whose seal signature is the signature the verdict is about). The verdict counts
   * it: a PDF with a seal is valid only when both signatures are, else the worse of the two.
   */
  sm2Seal: SealReport | null;
};

export type IdentityInfo = {
  subject: string;
  issuer: string;
  fingerprint: string;
  validFrom: string;
  validTo: string;
  source: 'generated' | 'imported';
  protection: 'safe_storage' | 'passphrase';
  /** The key is ready to sign this session (always with safeStorage; after the passphrase otherwise). */
  unlocked: boolean;
};

/**
 * The SM2 (国密) identity beside the RSA one: requested (a key, no certificate yet) or installed with its
 * certificate and, for a community, the seal the office issued with it (its picture as a data URL).
 */
export type Sm2Info =
  | { state: 'requested'; unlocked: boolean }
  | {
      state: 'installed';
      unlocked: boolean;
      subject: string;
      issuer: string;
      name: string;
      fingerprint: string;
      validFrom: string;
      validTo: string;
      ca: boolean;
      seal: { id: string; name: string; validTo: string; picture: string } | null;
    };

/** The active identity, and how a new one would be protected (so the form knows to ask for a passphrase). */
export type IdentityStatus = {
  current: IdentityInfo | null;
  protection: IdentityInfo['protection'];
  sm2: Sm2Info | null;
};

const passphrase = z.string().min(8).max(200);
/** A file the secretary picked, as base64 (20 MB at most). */
const base64 = z.base64().max(28_000_000);

export const IdentityCreateInput = z.strictObject({ passphrase: passphrase.optional() });
export const IdentityUnlockInput = z.strictObject({ passphrase });
/** The signing passphrase again (not with safeStorage), and a password for the backup file. */
export const IdentityExportInput = z.strictObject({ passphrase: z.string().max(200).optional(), password: passphrase });
export const IdentityPassphraseInput = z.strictObject({ passphrase: z.string().max(200), newPassphrase: passphrase });
export const IdentityImportInput = z.strictObject({
  fileName: z.string().max(260),
  data: base64,
  password: z.string().max(200),
  passphrase: passphrase.optional(),
});
export const RecordExportInput = z.strictObject({
  id: MeetingId,
  kind: z.enum(recordKinds),
  format: z.enum(recordFormats).default('pdf'),
});
export const RecordVerifyInput = z.strictObject({ fileName: z.string().max(260), data: base64 });

/** A certificate request (.csr) or certificate (.crt/.pem/.cer) file, as picked. */
export const CertificateFileInput = z.strictObject({ fileName: z.string().max(260), data: z.base64().max(200_000) });
/** Issuing from a request; for an SM2 request the office may upload its seal's picture (PNG/JPEG). */
export const CaIssueInput = CertificateFileInput.extend({ sealPicture: z.base64().max(3_000_000).optional() });

export type CertificateAlgorithm = 'rsa' | 'sm2';
/** active: in use; superseded: a successor was issued (what it signed before stays valid); revoked: see the CRL. */
export type CertificateStatus = 'active' | 'superseded' | 'revoked';

/** Why the office revokes a certificate, with the RFC 5280 reason code the CRL carries. */
export const revocationReasons = ['key_compromise', 'affiliation_changed', 'cessation', 'unspecified'] as const;
export type RevocationReason = (typeof revocationReasons)[number];
export const revocationReasonCodes: Record<RevocationReason, number> = {
  unspecified: 0,
  key_compromise: 1,
  affiliation_changed: 3,
  cessation: 5,
};
export const revocationReasonLabels: Record<RevocationReason, Localized> = {
  key_compromise: { 'zh-CN': '密钥泄露或电脑丢失', en: 'Key compromised or computer lost' },
  affiliation_changed: { 'zh-CN': '单位变更（合并、撤销、更名）', en: 'The unit changed (merged, dissolved, renamed)' },
  cessation: { 'zh-CN': '停止使用', en: 'No longer used' },
  unspecified: { 'zh-CN': '其他原因', en: 'Other reason' },
};

/** One entry of the office's register of issued certificates. */
export type IssuedCertificate = {
  id: number;
  subject: string;
  fingerprint: string;
  serial: string;
  algorithm: CertificateAlgorithm;
  communityUid: string | null;
  name: string;
  unit: string;
  issuedAt: string;
  validFrom: string;
  validTo: string;
  status: CertificateStatus;
  successorId: number | null;
  revokedAt: string | null;
  revocationReason: RevocationReason | null;
};

/** What the office sees before it issues: whom the request names, and whether it renews that community's. */
export type CertificateRequestInfo = {
  subject: string;
  name: string;
  unit: string;
  communityUid: string;
  /** An RSA request, or an SM2 (国密) one: that certificate comes with the community's electronic seal. */
  algorithm: CertificateAlgorithm;
  /** The community's current certificate this one would replace (renewal, rename or new key), if any. */
  replaces: { unit: string; validTo: string } | null;
};

/** The office revokes: which register entry, from which day, and why. */
export const RevokeInput = z.strictObject({
  id: z.number().int().positive(),
  date: Day,
  reason: z.enum(revocationReasons),
});

/** Renaming a community: a successor certificate for the same community and key, under its new name. */
export const RenameInput = z.strictObject({
  id: z.number().int().positive(),
  /** The community's new name as people say it (东湖新村社区); 居民委员会 is added to make the unit. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .transform((n) => n.replace(/居民委员会$/, '')),
});

export type CrlImported = { issuer: string; thisUpdate: string; revoked: number };

/** A certificate that ends soon (or has ended): whose, when, and how many days are left (negative: past). */
export type Expiring = { unit: string; validTo: string; daysLeft: number };

export type TrustStatus = {
  /** This database's own signing certificate, when it ends within the warning period. */
  own: Expiring | null;
  /** At the office: active certificates it issued that end within the warning period. */
  issued: Expiring[];
  /** At a community: the office's CRL last imported. */
  crl: { thisUpdate: string; nextUpdate: string | null; revoked: number } | null;
};
