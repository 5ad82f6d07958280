import { z } from 'zod';
import type { Localized } from '../errors';
import { actionStatuses, day, satisfactions } from './followup';
import { MeetingId } from './meeting';
import { MinutesContent } from './minutes';
import { topicLevels, topicStatuses } from './topic';

/** What every 上报包 carries: `manifest.json`, its detached signature, and the signed PDFs it lists. */
export const bundleFiles = { manifest: 'manifest.json', signature: 'manifest.json.p7s' } as const;
export const manifestSchema = 'yishiting/bundle';
export const manifestVersion = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const name = z.string().max(200);
/** A file inside the bundle: relative, forward slashes, no way up or out. */
export const bundlePath = z
  .string()
  .max(200)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\\:*?"<>|\0]+$/);

export const BundleManifest = z.strictObject({
  schema: z.literal(manifestSchema),
  version: z.literal(manifestVersion),
  exportedAt: z.iso.datetime(),
  period: z.strictObject({ from: day, to: day }),
  community: z.strictObject({ uid: z.uuid(), name, subDistrict: name, district: name, unit: name }),
  /** The PEM of the certificate that signs the manifest and every PDF in the bundle. */
  signer: z.strictObject({ certificate: z.string().max(20_000), fingerprint: z.string().max(200) }),
  meetings: z
    .array(
      z.strictObject({
        id,
        title: name,
        heldOn: day,
        attendees: z.number().int().min(0),
        /** The hash the signed PDFs carry: the minutes' content hash carried through the amendments below. */
        minutesHash: sha256,
        minutes: MinutesContent,
        amendments: z
          .array(
            z.strictObject({
              section: z.string().max(100),
              text: z.string().max(5000),
              reason: z.string().max(500),
              author: z.string().max(40),
              createdAt: z.iso.datetime(),
            }),
          )
          .max(500),
        files: z.strictObject({ minutes: bundlePath, signIn: bundlePath, resolutions: bundlePath }),
      }),
    )
    .max(2000),
  topics: z
    .array(
      z.strictObject({
        id,
        title: name,
        category: name,
        level: z.enum(topicLevels),
        status: z.enum(topicStatuses),
        raisedOn: day,
      }),
    )
    .max(100_000),
  votes: z
    .array(z.strictObject({ id, meetingId: id, question: z.string().max(1000), adopted: z.boolean() }))
    .max(20_000),
  resolutions: z
    .array(
      z.strictObject({
        id,
        meetingId: id,
        heldOn: day,
        title: name,
        resolution: z.string().max(5000),
        owner: name,
        deadline: day.nullable(),
        status: z.enum(actionStatuses),
        closedOn: day.nullable(),
        satisfaction: z.enum(satisfactions).nullable(),
      }),
    )
    .max(20_000),
  files: z.array(z.strictObject({ path: bundlePath, sha256, bytes: z.number().int().min(0) })).max(6000),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export const BundleExportInput = z.union([
  z.strictObject({ meetingId: MeetingId }),
  z.strictObject({ from: day, to: day }).refine((p) => p.from <= p.to, { message: 'period_order' }),
]);

/** Accepted bundles are trusted (issued by our CA) or from an unknown signer (kept, not counted); or rejected. */
export const bundleVerdicts = ['trusted', 'unknown_signer', 'rejected'] as const;
export type BundleVerdict = (typeof bundleVerdicts)[number];

export const bundleRejections = [
  'not_zip',
  'zip_unsafe',
  'manifest_missing',
  'manifest_invalid',
  'manifest_signature',
  'file_missing',
  'file_unlisted',
  'file_hash',
  'pdf_signature',
  'signer_mismatch',
  'content_mismatch',
  'duplicate',
  'community_conflict',
] as const;
export type BundleRejection = (typeof bundleRejections)[number];

export const bundleRejectionLabels: Record<BundleRejection, Localized> = {
  not_zip: { 'zh-CN': '不是有效的上报包（zip 文件无法读取）', en: 'Not a valid bundle (the zip cannot be read)' },
  zip_unsafe: {
    'zh-CN': '压缩包不安全（路径越界、条目过多或解压后过大）',
    en: 'Unsafe zip (path escape, too many entries or too large)',
  },
  manifest_missing: { 'zh-CN': '缺少清单 manifest.json 或其签名', en: 'manifest.json or its signature is missing' },
  manifest_invalid: {
    'zh-CN': '清单格式不正确或版本不受支持',
    en: 'The manifest is malformed or of an unsupported version',
  },
  manifest_signature: {
    'zh-CN': '清单签名无效：清单在签名后被改动',
    en: 'The manifest signature is invalid: it was changed after signing',
  },
  file_missing: { 'zh-CN': '清单列出的文件在包中缺失', en: 'A file the manifest lists is missing' },
  file_unlisted: { 'zh-CN': '包中有清单未列出的文件', en: 'The bundle holds a file the manifest does not list' },
  file_hash: { 'zh-CN': '文件的 SHA-256 与清单不符', en: 'A file’s SHA-256 differs from the manifest' },
  pdf_signature: { 'zh-CN': 'PDF 签名无效或缺失', en: 'A PDF’s signature is invalid or missing' },
  signer_mismatch: {
    'zh-CN': 'PDF 与清单不是同一证书签名',
    en: 'A PDF and the manifest were signed by different certificates',
  },
  content_mismatch: { 'zh-CN': 'PDF 记录的内容与清单不一致', en: 'A PDF’s content does not agree with the manifest' },
  duplicate: { 'zh-CN': '这个上报包已经导入过', en: 'This bundle was already imported' },
  community_conflict: {
    'zh-CN': '该社区此前由另一证书上报，不能覆盖',
    en: 'This community reported under another certificate before; not overwritten',
  },
};

/** A bundle as picked (20 MB at most, like every file the app reads). */
export const BundleImportInput = z.strictObject({ fileName: z.string().max(260), data: z.base64().max(28_000_000) });

export type CollectedBundle = {
  id: number;
  fileName: string;
  verdict: BundleVerdict;
  reason: BundleRejection | null;
  detail: string;
  unit: string;
  signer: string;
  meetings: number;
  exportedAt: string | null;
  importedAt: string;
};

export const StatsFilter = z.strictObject({
  from: z.string().regex(/^\d{4}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}$/),
  community: z.uuid().nullable().default(null),
});
export type StatsFilter = z.infer<typeof StatsFilter>;

export type Stats = {
  communities: { uid: string; name: string; unit: string }[];
  totals: {
    meetings: number;
    attendees: number;
    topics: number;
    solved: number;
    escalated: number;
    votes: number;
    adopted: number;
    resolutions: number;
    done: number;
    onTime: number;
    overdue: number;
    rated: number;
    satisfied: number;
  };
  /** Meetings held per month: the busiest communities each, the others summed (null when there are none). */
  meetingsByMonth: { months: string[]; series: { name: string; counts: number[] }[]; others: number[] | null };
  topicsByCategory: { key: string; count: number }[];
  topicsByLevel: { key: string; count: number }[];
  resolutionsByStatus: { key: string; count: number }[];
  satisfaction: { key: string; count: number }[];
};

/** "87.5%", or "—" when there is nothing to divide by: the form every rate takes on screen and in Excel. */
export const percent = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');

export const SearchInput = z.strictObject({ query: z.string().trim().min(1).max(100) });
/** A hit in the collected minutes; the snippet wraps each match in `searchMark.open` … `searchMark.close`. */
export const searchMark = { open: '\u0002', close: '\u0003' } as const;
export type SearchHit = { meetingRowId: number; unit: string; title: string; heldOn: string; snippet: string };
