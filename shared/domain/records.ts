import { z } from 'zod';
import type { Localized } from '../errors';
import { MeetingId } from './meeting';

export const recordKinds = ['minutes', 'sign_in', 'resolutions'] as const;
export type RecordKind = (typeof recordKinds)[number];

export const recordKindLabels: Record<RecordKind, Localized> = {
  minutes: { 'zh-CN': '会议纪要', en: 'Minutes' },
  sign_in: { 'zh-CN': '签到表', en: 'Sign-in sheet' },
  resolutions: { 'zh-CN': '议定事项公示', en: 'Resolutions notice' },
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
] as const;
export type TamperReason = (typeof tamperReasons)[number];

export type Verdict = 'valid' | 'tampered' | 'unsigned' | 'unknown_signer';

export type VerifyReport = {
  fileName: string;
  verdict: Verdict;
  reason: TamperReason | null;
  signer: { name: string; subject: string; issuer: string; fingerprint: string } | null;
  signedAt: string | null;
  contentHash: string | null;
  /** How the hash compares with this database's finalized minutes. */
  match:
    | { state: 'current'; meetingId: number; title: string }
    | { state: 'superseded'; meetingId: number; title: string }
    | { state: 'none' };
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

/** The active identity, and how a new one would be protected (so the form knows to ask for a passphrase). */
export type IdentityStatus = { current: IdentityInfo | null; protection: IdentityInfo['protection'] };

const passphrase = z.string().min(8).max(200);
/** A file the secretary picked, as base64 (20 MB at most). */
const base64 = z.base64().max(28_000_000);

export const IdentityCreateInput = z.strictObject({ passphrase: passphrase.optional() });
export const IdentityUnlockInput = z.strictObject({ passphrase });
export const IdentityExportInput = z.strictObject({ password: passphrase });
export const IdentityImportInput = z.strictObject({
  fileName: z.string().max(260),
  data: base64,
  password: z.string().max(200),
  passphrase: passphrase.optional(),
});
export const RecordExportInput = z.strictObject({
  id: MeetingId,
  kind: z.enum(recordKinds),
  format: z.enum(['pdf', 'png']).default('pdf'),
});
export const RecordVerifyInput = z.strictObject({ fileName: z.string().max(260), data: base64 });

/** A certificate request (.csr) or certificate (.crt/.pem/.cer) file, as picked. */
export const CertificateFileInput = z.strictObject({ fileName: z.string().max(260), data: z.base64().max(200_000) });

export type IssuedCertificate = { subject: string; fingerprint: string; issuedAt: string; validTo: string };
