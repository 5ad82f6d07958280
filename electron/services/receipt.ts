import { X509Certificate } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { BundleManifest, bundleFiles, bundleRejectionLabels } from '../../shared/domain/bundle';
import {
  ReceiptPayload,
  receiptExtension,
  receiptFiles,
  receiptSchema,
  receiptVersion,
  unknownSignerSentence,
  type MeetingReport,
  type ReceiptEntry,
} from '../../shared/domain/receipt';
import { canonicalJson } from '../../shared/canonical-json';
import { AppError } from '../../shared/errors';
import { bundleReceipt, collectedBundle, collectedFile, sentBundle } from '../db/schema';
import { sha256 } from '../records/hash';
import { splitPems } from '../records/identity';
import { checkDetached } from '../records/verify-pdf';
import { readZip, ZipProblem } from '../records/zip';
import { requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';

type ReceiptHandlers = Pick<
  Handlers,
  'collection:receipt' | 'collection:receipts' | 'receipt:import' | 'receipt:status'
>;
type BundleRow = typeof collectedBundle.$inferSelect;
type Tx = Parameters<Parameters<typeof change>[1]>[0];

const nothingCounted: ReceiptEntry['counted'] = { meetings: [], topics: 0, votes: 0, resolutions: 0 };

/**
 * A community remembers each bundle it exported, under both names the office may use for it: the manifest's
 * content hash (as `openBundle` computes it) and the zip's SHA-256.
 */
export function rememberSent(tx: Tx, fileName: string, manifestBytes: Buffer, zip: Buffer, exportedAt: string) {
  const manifest = BundleManifest.parse(JSON.parse(manifestBytes.toString('utf8')));
  tx.insert(sentBundle)
    .values({
      fileName,
      contentHash: sha256(canonicalJson(manifest)),
      fileHash: sha256(zip),
      exportedAt,
      meetingIds: manifest.meetings.map((m) => m.id),
    })
    .run();
}

export function receiptService(ctx: ServiceContext, identities: Identities): ReceiptHandlers {
  /** What the office counted from a trusted bundle: its stored manifest, which merge read whole. */
  function countedOf(row: BundleRow): ReceiptEntry['counted'] {
    if (row.verdict !== 'trusted') return nothingCounted;
    const file = ctx.db
      .select({ data: collectedFile.data })
      .from(collectedFile)
      .where(and(eq(collectedFile.bundleId, row.id), eq(collectedFile.path, bundleFiles.manifest)))
      .get();
    if (!file) return nothingCounted;
    const manifest = JSON.parse(file.data.toString('utf8')) as BundleManifest;
    return {
      meetings: manifest.meetings.map(({ id, title, heldOn }) => ({ id, title, heldOn })),
      topics: manifest.topics.length,
      votes: manifest.votes.length,
      resolutions: manifest.resolutions.length,
    };
  }

  const entryOf = (row: BundleRow): ReceiptEntry => ({
    id: row.id,
    bundleHash: row.sha256,
    fileName: row.fileName,
    verdict: row.verdict,
    reason: row.reason,
    reasonText: row.reason
      ? bundleRejectionLabels[row.reason]
      : row.verdict === 'unknown_signer'
        ? unknownSignerSentence
        : null,
    detail: row.detail,
    importedAt: row.importedAt,
    unit: row.unit,
    counted: countedOf(row),
  });

  /** Sign the answer with the office's CA key, as the CRL is: the community already trusts exactly that. */
  async function receiptFile(rows: BundleRow[], fileName: string) {
    const office = requireProfile(ctx, 'sub_district');
    const signer = identities.signer();
    if (!new X509Certificate(signer.certificatePem).ca) throw new AppError('ca_required');
    if (!rows.length) throw new AppError('receipt_nothing');
    const issuedAt = ctx.now();
    const payload: ReceiptPayload = {
      schema: receiptSchema,
      version: receiptVersion,
      issuedAt: issuedAt.toISOString(),
      office: { name: office.name, district: office.district },
      receipts: rows.map(entryOf),
    };
    const bytes = Buffer.from(JSON.stringify(payload, null, 2), 'utf8');
    const signature = await ctx.work.run('signDetached', bytes, signer, issuedAt);
    const zip = await ctx.work.run(
      'writeZip',
      new Map([
        [receiptFiles.payload, bytes],
        [receiptFiles.signature, signature],
      ]),
    );
    return { fileName, type: 'application/x-yishiting-receipt', data: zip.toString('base64'), missing: [] };
  }

  /** The receipt's payload, if the file is one and the office CA this community holds signed it unchanged. */
  function readReceipt(data: Buffer): { payload: ReceiptPayload; office: string } {
    let files: Map<string, Buffer>;
    try {
      files = readZip(data);
    } catch (error) {
      if (error instanceof ZipProblem) throw new AppError('receipt_invalid');
      throw error;
    }
    const bytes = files.get(receiptFiles.payload);
    const signature = files.get(receiptFiles.signature);
    if (!bytes || !signature) throw new AppError('receipt_invalid');
    const signed = checkDetached(signature, bytes);
    if (signed.state !== 'intact') throw new AppError('receipt_tampered');
    const authorities = identities
      .known()
      .flatMap(splitPems)
      .map((pem) => new X509Certificate(pem))
      .filter((c) => c.ca);
    const office = authorities.find((ca) => ca.fingerprint256 === signed.certificate.fingerprint256);
    if (!office) throw new AppError('receipt_untrusted');
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new AppError('receipt_invalid');
    }
    const parsed = ReceiptPayload.safeParse(json);
    if (!parsed.success) throw new AppError('receipt_invalid');
    return { payload: parsed.data, office: office.fingerprint256 };
  }

  return {
    'collection:receipt': ({ id }) => {
      const row = ctx.db.select().from(collectedBundle).where(eq(collectedBundle.id, id)).get();
      if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '上报包', en: 'report bundle' }, id });
      const name = row.fileName.replace(/\.[^.]*$/, '');
      return receiptFile([row], `回执-${name}.${receiptExtension}`);
    },
    'collection:receipts': () => {
      const office = requireProfile(ctx, 'sub_district');
      const rows = ctx.db.select().from(collectedBundle).orderBy(collectedBundle.id).all();
      return receiptFile(rows, `${office.name}-回执-${ctx.now().toISOString().slice(0, 10)}.${receiptExtension}`);
    },
    'receipt:import': ({ data }) => {
      requireProfile(ctx, 'community');
      const { payload, office } = readReceipt(Buffer.from(data, 'base64'));
      const sent = ctx.db.select().from(sentBundle).all();
      const ours = new Map(sent.flatMap((s) => [[s.contentHash, s] as const, [s.fileHash, s] as const]));
      // An office's whole answer names every community's bundles; only those this community sent are ours.
      const mine = payload.receipts.filter((r) => ours.has(r.bundleHash));
      if (!mine.length) throw new AppError('receipt_not_ours');
      const receivedAt = ctx.now().toISOString();
      change(ctx, (tx, audit) => {
        for (const r of mine) {
          const values = {
            officeFingerprint: office,
            officeBundleId: r.id,
            bundleHash: r.bundleHash,
            verdict: r.verdict,
            reason: r.reason,
            reasonText: r.reasonText,
            detail: r.detail,
            answeredAt: r.importedAt,
            counted: r.counted,
            receivedAt,
          };
          tx.insert(bundleReceipt)
            .values(values)
            .onConflictDoUpdate({
              target: [bundleReceipt.officeFingerprint, bundleReceipt.officeBundleId],
              set: values,
            })
            .run();
        }
        audit({
          action: 'receipt.import',
          entity: 'receipt',
          entityId: office,
          payload: { receipts: mine.map((r) => ({ id: r.id, hash: r.bundleHash, verdict: r.verdict })) },
        });
      });
      const meetings = new Set(mine.flatMap((r) => ours.get(r.bundleHash)!.meetingIds));
      return { applied: mine.length, meetings: meetings.size, others: payload.receipts.length - mine.length };
    },
    'receipt:status': () => {
      requireProfile(ctx, 'community');
      const sent = ctx.db.select().from(sentBundle).orderBy(desc(sentBundle.exportedAt), desc(sentBundle.id)).all();
      const hashes = sent.flatMap((s) => [s.contentHash, s.fileHash]);
      const receipts = hashes.length
        ? ctx.db
            .select()
            .from(bundleReceipt)
            .where(inArray(bundleReceipt.bundleHash, hashes))
            .orderBy(desc(bundleReceipt.answeredAt))
            .all()
        : [];
      const reports = new Map<number, MeetingReport>();
      // The newest bundle that carried a meeting decides what it came to; the office's answer to that bundle
      // (a duplicate refused beside the import that counted it says nothing new: counted wins).
      for (const s of sent) {
        const answers = receipts.filter((r) => r.bundleHash === s.contentHash || r.bundleHash === s.fileHash);
        for (const meetingId of s.meetingIds) {
          if (reports.has(meetingId)) continue;
          const counted = answers.find(
            (a) => a.verdict === 'trusted' && a.counted.meetings.some((m) => m.id === meetingId),
          );
          const answer = counted ?? answers[0];
          reports.set(meetingId, {
            meetingId,
            state: !answer ? 'reported' : counted ? 'verified' : 'refused',
            exportedAt: s.exportedAt,
            answeredAt: answer?.answeredAt ?? null,
            reason: counted ? null : (answer?.reasonText ?? null),
            detail: counted ? '' : (answer?.detail ?? ''),
          });
        }
      }
      return [...reports.values()];
    },
  };
}
