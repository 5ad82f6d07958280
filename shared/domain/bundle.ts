import { z } from 'zod';
import { Day, Month } from '../dates';
import type { Localized } from '../errors';
import { actionStatuses, satisfactions } from './followup';
import { MeetingId } from './meeting';
import { MinutesContent } from './minutes';
import { topicLevels, topicStatuses } from './topic';

/**
 * What every 上报包 carries: `manifest.json`, its detached signature, and the signed PDFs it lists; from a
 * community with an SM2 identity also the manifest's SM2 signature (GB/T 35275 signed data) and sealed OFDs.
 */
export const bundleFiles = {
  manifest: 'manifest.json',
  signature: 'manifest.json.p7s',
  sm2Signature: 'manifest.json.sm2.p7s',
} as const;
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
  period: z.strictObject({ from: Day, to: Day }),
  community: z.strictObject({ uid: z.uuid(), name, subDistrict: name, district: name, unit: name }),
  /** The PEM of the certificate that signs the manifest and every PDF in the bundle. */
  signer: z.strictObject({
    certificate: z.string().max(20_000),
    fingerprint: z.string().max(200),
    /** The SM2 certificate that signs the manifest a second time and seals every OFD, when the community has one. */
    sm2: z.strictObject({ certificate: z.string().max(20_000), fingerprint: z.string().max(200) }).optional(),
  }),
  meetings: z
    .array(
      z.strictObject({
        id,
        title: name,
        heldOn: Day,
        /** 实到 (`shared/figures.ts`): residents who signed in plus the absent ones a proxy spoke for. */
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
        files: z.strictObject({
          minutes: bundlePath,
          signIn: bundlePath,
          resolutions: bundlePath,
          /** The minutes as an OFD sealed with the community's SM2 seal (GB/T 33190, 38540). */
          ofd: bundlePath.optional(),
        }),
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
        raisedOn: Day,
      }),
    )
    .max(100_000),
  votes: z
    .array(
      z.strictObject({
        id,
        meetingId: id,
        question: z.string().max(1000),
        adopted: z.boolean(),
        /** The result as the minutes print it ("赞成 20，反对 5，弃权 4；有效票 29 票，通过"). */
        result: z.string().max(1000).optional(),
      }),
    )
    .max(20_000),
  resolutions: z
    .array(
      z.strictObject({
        id,
        meetingId: id,
        heldOn: Day,
        title: name,
        resolution: z.string().max(5000),
        owner: name,
        deadline: Day.nullable(),
        status: z.enum(actionStatuses),
        closedOn: Day.nullable(),
        satisfaction: z.enum(satisfactions).nullable(),
      }),
    )
    .max(20_000),
  files: z.array(z.strictObject({ path: bundlePath, sha256, bytes: z.number().int().min(0) })).max(6000),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export const BundleExportInput = z.union([
  z.strictObject({ meetingId: MeetingId }),
  z.strictObject({ from: Day, to: Day }).refine((p) => p.from <= p.to, { message: 'period_order' }),
]);

/** Accepted bundles are trusted (issued by our CA) or from an unknown signer (kept, not counted); or rejected. */
export const bundleVerdicts = ['trusted', 'unknown_signer', 'rejected'] as const;
export type BundleVerdict = (typeof bundleVerdicts)[number];

export const bundleRejections = [
  'not_zip',
  'zip_truncated',
  'zip_damaged',
  'zip_bomb',
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
  'signer_unregistered',
  'community_mismatch',
  'certificate_revoked',
  'certificate_expired',
  'certificate_unfit',
  'sm2_signature',
  'ofd_signature',
  'seal_untrusted',
  'unreadable',
  'figures_mismatch',
] as const;
export type BundleRejection = (typeof bundleRejections)[number];

export const bundleRejectionLabels: Record<BundleRejection, Localized> = {
  not_zip: { 'zh-CN': '不是有效的上报包（zip 文件无法读取）', en: 'Not a valid bundle (the zip cannot be read)' },
  zip_truncated: {
    'zh-CN': '上报包不完整：文件在复制或传送时被截断，请重新复制，或请社区重新导出',
    en: 'The bundle is incomplete: the file was cut off while copying or sending; copy it again or ask the community to export it again',
  },
  zip_damaged: {
    'zh-CN': '上报包已损坏：校验值不符或无法解压，请重新复制，或请社区重新导出',
    en: 'The bundle is damaged: a checksum does not match or it cannot be unpacked; copy it again or ask the community to export it again',
  },
  zip_bomb: {
    'zh-CN': '压缩包解压后远超上报包应有的大小或压缩比异常（疑似“解压炸弹”），未解压即拒收',
    en: 'The zip would unpack to far more than a bundle holds, or compresses abnormally (a zip bomb); refused without unpacking',
  },
  zip_unsafe: {
    'zh-CN': '压缩包结构不安全（路径越界、条目重复或重叠、条目过多，或目录与文件头不一致），请社区重新导出',
    en: 'Unsafe zip structure (a path escaping the bundle, duplicate or overlapping entries, too many entries, or headers that disagree); ask the community to export it again',
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
  signer_unregistered: {
    'zh-CN': '签名证书不在本街道的证书登记中（不是本街道签发给某个社区的证书）',
    en: 'The signing certificate is not in this office’s register (not one this office issued to a community)',
  },
  community_mismatch: {
    'zh-CN': '上报包自称的社区与签名证书登记的社区不符：本街道把该证书签发给了另一个社区',
    en: 'The community the bundle names is not the one its signing certificate was issued to',
  },
  certificate_revoked: {
    'zh-CN': '签名证书已被本街道吊销，吊销之后签名的上报包不予接收',
    en: 'The signing certificate was revoked by this office; bundles signed after that are refused',
  },
  certificate_expired: {
    'zh-CN': '签名时证书（或本街道的根证书）不在有效期内',
    en: 'The certificate (or this office’s CA) was not valid when the bundle was signed',
  },
  certificate_unfit: {
    'zh-CN': '签名证书不能用于电子签名（用途不符，或是签发机构证书）',
    en: 'The signing certificate is not meant for signatures (key usage, or a CA certificate)',
  },
  sm2_signature: {
    'zh-CN': '清单的国密（SM2）签名缺失或无效：清单在签名后被改动，或签名不是清单所列的国密证书所签',
    en: 'The manifest’s SM2 signature is missing or invalid: the manifest changed after signing, or another certificate signed it',
  },
  ofd_signature: {
    'zh-CN': 'OFD 文件的电子签章无效或缺失：文件在盖章后被改动',
    en: 'An OFD’s electronic seal signature is invalid or missing: the file changed after it was sealed',
  },
  seal_untrusted: {
    'zh-CN': '国密证书或电子印章不是本街道签发的，或盖章时印章不在有效期内',
    en: 'The SM2 certificate or the electronic seal was not issued by this office, or the seal was not valid when it was used',
  },
  figures_mismatch: {
    'zh-CN': '清单中的人数或表决结果与同一上报包里签名的会议纪要不一致，未计入；请社区重新导出',
    en: 'The headcount or vote results in the manifest disagree with the signed minutes in the same bundle; not counted. Ask the community to export it again',
  },
  unreadable: {
    'zh-CN': '上报包中有无法读取的部分（签名、证书或文件已损坏），未计入；请重新复制，或请社区重新导出',
    en: 'Part of the bundle cannot be read (a damaged signature, certificate or file); not counted. Copy it again or ask the community to export it again',
  },
};

/** A bundle as picked (20 MB at most, like every file the app reads). */
export const BundleImportInput = z.strictObject({ fileName: z.string().max(260), data: z.base64().max(28_000_000) });

/**
 * How much one import command carries. Each command is one durable commit (~9 ms of fsync and WAL work on an
 * office laptop), so a folder of 1,000 bundles goes in batches; 8 MB of base64 (about 20 bundles of three signed
 * PDFs) keeps the progress moving and each request far below the browser host's 32 MiB body limit.
 */
export const bundleBatch = { files: 100, chars: 28_000_000, pack: 8_000_000 };

/** Several bundles in one command: checked one by one, recorded together or not at all. */
export const BundleBatchInput = z.strictObject({
  files: z
    .array(BundleImportInput)
    .min(1)
    .max(bundleBatch.files)
    .refine((files) => files.reduce((n, f) => n + f.data.length, 0) <= bundleBatch.chars, 'batch_too_large'),
});

/**
 * The files in their order, packed into batches of at most `pack` characters of base64 and `files` files; a file
 * bigger than `pack` goes alone.
 */
export function batchesOf<T>(items: T[], chars: (item: T) => number, limits = bundleBatch): T[][] {
  const batches: T[][] = [];
  let size = Infinity;
  for (const item of items) {
    const n = chars(item);
    const last = batches.at(-1);
    if (!last || size + n > limits.pack || last.length >= limits.files) {
      batches.push([item]);
      size = n;
    } else {
      last.push(item);
      size += n;
    }
  }
  return batches;
}

export type CollectedBundle = {
  id: number;
  fileName: string;
  verdict: BundleVerdict;
  reason: BundleRejection | null;
  detail: string;
  unit: string;
  signer: string;
  meetings: number;
  /** Sealed OFD minutes in it whose SM2 seal and signature this office verified (0 without an SM2 identity). */
  sealed: number;
  exportedAt: string | null;
  importedAt: string;
};

export const StatsFilter = z.strictObject({
  from: Month,
  to: Month,
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
