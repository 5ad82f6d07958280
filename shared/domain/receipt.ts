import { z } from 'zod';
import type { Localized } from '../errors';
import { bundleRejections, bundleVerdicts } from './bundle';

/**
 * 回执: the office's signed answer to the bundles it imported. A zip holding `receipt.json` and its detached CMS
 * signature by the office's CA key (made exactly like a bundle's manifest signature); docs/receipts.md.
 */
export const receiptFiles = { payload: 'receipt.json', signature: 'receipt.json.p7s' } as const;
export const receiptSchema = 'yishiting/receipt';
export const receiptVersion = 1;
export const receiptExtension = 'ysreceipt';

const text = z.string().max(5000);
const localized = z.strictObject({ 'zh-CN': text, en: text });

/** One imported bundle, as the office judged it. */
export const ReceiptEntry = z.strictObject({
  /** The office's own number for this import: the same import answered twice is one receipt. */
  id: z.number().int().positive(),
  /** The bundle's manifest content hash (or, when no manifest could be read, the SHA-256 of the file). */
  bundleHash: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(260),
  verdict: z.enum(bundleVerdicts),
  reason: z.enum(bundleRejections).nullable(),
  /** The sentence the office saw, in both languages; null when the bundle was counted. */
  reasonText: localized.nullable(),
  detail: text,
  importedAt: z.iso.datetime(),
  /** The unit as the register names the sender (or, for a bundle refused before that, as the bundle claims). */
  unit: z.string().max(200),
  /** What the office counted from it: nothing unless the verdict is trusted. */
  counted: z.strictObject({
    meetings: z
      .array(
        z.strictObject({ id: z.number().int().positive(), title: z.string().max(200), heldOn: z.string().max(10) }),
      )
      .max(2000),
    topics: z.number().int().min(0),
    votes: z.number().int().min(0),
    resolutions: z.number().int().min(0),
  }),
});
export type ReceiptEntry = z.infer<typeof ReceiptEntry>;

export const ReceiptPayload = z.strictObject({
  schema: z.literal(receiptSchema),
  version: z.literal(receiptVersion),
  issuedAt: z.iso.datetime(),
  office: z.strictObject({ name: z.string().max(200), district: z.string().max(200) }),
  receipts: z.array(ReceiptEntry).min(1).max(100_000),
});
export type ReceiptPayload = z.infer<typeof ReceiptPayload>;

/** A receipt file as picked (the same size bound as a bundle: an office's whole year fits). */
export const ReceiptImportInput = z.strictObject({ fileName: z.string().max(260), data: z.base64().max(28_000_000) });

/** What a community's meeting came to: 已上报 (sent, no answer yet), 已核验 (counted), 被拒收 (with the reason). */
export const reportStates = ['reported', 'verified', 'refused'] as const;
export type ReportState = (typeof reportStates)[number];
export const reportStateLabels: Record<ReportState, Localized> = {
  reported: { 'zh-CN': '已上报', en: 'Reported' },
  verified: { 'zh-CN': '已核验', en: 'Verified' },
  refused: { 'zh-CN': '被拒收', en: 'Refused' },
};

export type MeetingReport = {
  meetingId: number;
  state: ReportState;
  /** When the newest bundle with this meeting was exported. */
  exportedAt: string;
  /** When the office imported it (with a receipt). */
  answeredAt: string | null;
  reason: Localized | null;
  detail: string;
};

export type ReceiptImported = {
  /** Receipts about bundles this community exported, and how many of its meetings they answer. */
  applied: number;
  meetings: number;
  /** Receipts in the file about other communities' bundles (an office's whole answer): left alone. */
  others: number;
};

/** Not counted, though not refused: the office kept a bundle from a signer it did not certify. */
export const unknownSignerSentence: Localized = {
  'zh-CN': '签名证书不是本街道签发的，街道已收下但不计入统计',
  en: 'The signing certificate was not issued by this office; kept but not counted',
};
