import { X509Certificate } from 'node:crypto';
import type Database from 'better-sqlite3';
import { desc, getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BundleManifest, BundleRejection, CollectedBundle } from '../../shared/domain/bundle';
import { problemSentence, type CertificateProblem } from '../../shared/domain/records';
import { minutesTexts } from '../../shared/minutes-draft';
import {
  collectedBundle,
  collectedCommunity,
  collectedFile,
  collectedMeeting,
  collectedResolution,
  collectedTopic,
  collectedVote,
} from '../db/schema';
import type { BundleCheck, CheckedSm2 } from '../records/bundle';
import { readableName, readSm2Certificate, type Sm2Certificate } from '../records/gm/x509';
import { issuedBy, knownSm2Authorities } from './verify-ofd';
import { commonName } from '../records/identity';
import { requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';
import type { Judge, Trust } from './trust';
import { currentOf, registered } from './register';
import { statistics, statisticsXlsx, summarizeMany } from './statistics';

type CollectionHandlers = Pick<
  Handlers,
  'collection:import' | 'collection:importMany' | 'collection:list' | 'collection:stats' | 'collection:xlsx'
>;

type BundleRow = typeof collectedBundle.$inferSelect;

/** A bundle whose signer's certificate does not stand is refused, saying which way. */
const certificateRejections: Record<CertificateProblem, BundleRejection> = {
  not_yet_valid: 'certificate_expired',
  expired: 'certificate_expired',
  ca_expired: 'certificate_expired',
  key_usage: 'certificate_unfit',
  not_end_entity: 'certificate_unfit',
  revoked: 'certificate_revoked',
};
const publicRow = ({ sha256: _s, communityUid: _c, fingerprint: _f, ...row }: BundleRow): CollectedBundle => row;
const month = (day: string) => day.slice(0, 7);

type Reported = typeof collectedMeeting | typeof collectedTopic | typeof collectedVote | typeof collectedResolution;

/** A table's name and columns, read once: drizzle's getTableConfig builds its indexes again on every call. */
const tables = new WeakMap<object, { name: string; columns: Record<string, SQLiteColumn> }>();
const tableOf = (table: Parameters<typeof getTableConfig>[0]) =>
  tables.get(table) ??
  tables
    .set(table, {
      name: getTableConfig(table).name,
      columns: getTableColumns(table) as Record<string, SQLiteColumn>,
    })
    .get(table)!;

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** A statement compiled once per connection. */
function prepared(client: Database.Database, text: string): Database.Statement {
  const cache = statements.get(client) ?? statements.set(client, new Map()).get(client)!;
  return cache.get(text) ?? cache.set(text, client.prepare(text)).get(text)!;
}

/**
 * Insert or replace each row, unless what is stored came from a bundle exported later (an old file sent again).
 * Plain prepared statements, inside the command's transaction: drizzle built and compiled the SQL again for every
 * row, a fifth of an import's time on the serving thread. Values go through each column's own driver mapping.
 */
function upsertNewer<T extends Reported>(
  client: Database.Database,
  table: T,
  target: SQLiteColumn[],
  rows: T['$inferInsert'][],
) {
  const { columns, name } = tableOf(table);
  const quoted = (key: string) => `"${columns[key]!.name}"`;
  for (const values of rows) {
    const row = values as Record<string, unknown>;
    // Left-out keys keep the column's default, as drizzle's insert does.
    const keys = Object.keys(row).filter((key) => key in columns && row[key] !== undefined);
    const text = `INSERT INTO "${name}" (${keys.map(quoted).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})
      ON CONFLICT (${target.map((c) => `"${c.name}"`).join(', ')})
      DO UPDATE SET ${keys.map((k) => `${quoted(k)} = excluded.${quoted(k)}`).join(', ')}
      WHERE "${name}"."reported_at" <= excluded."reported_at"`;
    prepared(client, text).run(...keys.map((k) => columns[k]!.mapToDriverValue(row[k])));
  }
}

/**
 * Insert one row with a statement compiled once per connection, as upsertNewer does (drizzle built and compiled
 * each bundle's INSERTs again: ~1 ms of the serving thread a bundle). With `returning`, the stored row back,
 * keyed and mapped as drizzle's `.returning().get()` gives it.
 */
function insertRow<T extends typeof collectedBundle | typeof collectedFile | typeof collectedCommunity>(
  client: Database.Database,
  table: T,
  values: T['$inferInsert'],
  options: { returning?: boolean; replaceOn?: SQLiteColumn } = {},
): T['$inferSelect'] | undefined {
  const { columns, name } = tableOf(table);
  const row = values as Record<string, unknown>;
  const keys = Object.keys(row).filter((key) => key in columns && row[key] !== undefined);
  const quoted = (key: string) => `"${columns[key]!.name}"`;
  const conflict = options.replaceOn
    ? ` ON CONFLICT ("${options.replaceOn.name}") DO UPDATE SET ${keys.map((k) => `${quoted(k)} = excluded.${quoted(k)}`).join(', ')}`
    : '';
  const text = `INSERT INTO "${name}" (${keys.map(quoted).join(', ')})
    VALUES (${keys.map(() => '?').join(', ')})${conflict}${options.returning ? ' RETURNING *' : ''}`;
  const params = keys.map((k) => columns[k]!.mapToDriverValue(row[k]));
  if (!options.returning) {
    prepared(client, text).run(...params);
    return undefined;
  }
  const stored = prepared(client, text).get(...params) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => {
      const value = stored[column.name];
      return [key, value === null ? null : column.mapFromDriverValue(value)];
    }),
  ) as T['$inferSelect'];
}

/** Who the register says sent a bundle: the community's uid, name and unit, never the manifest's words. */
type Sender = { uid: string; name: string; unit: string };

/** A bundle that passed every check: what is stored of it, and its signer (whom the register is asked about). */
type Checked = { manifest: BundleManifest; signer: X509Certificate; files: [string, Buffer][] };

/** The trusted bundle's figures (the months they touch are returned, to be summarized once), replacing what the same community reported about the same things before. */
function merge(client: Database.Database, bundleId: number, { manifest, signer }: Checked, sender: Sender): string[] {
  const uid = sender.uid;
  const reported = { communityUid: uid, reportedAt: manifest.exportedAt };
  const community = { ...sender, signer: commonName(signer.toString()) };
  insertRow(client, collectedCommunity, community, { replaceOn: collectedCommunity.uid });
  const heldOn = new Map(manifest.meetings.map((m) => [m.id, m.heldOn]));
  const meetings = manifest.meetings.map((m) => ({
    ...reported,
    meetingId: m.id,
    bundleId,
    title: m.title,
    heldOn: m.heldOn,
    month: month(m.heldOn),
    attendees: m.attendees,
    minutesPath: m.files.minutes,
    minutesText: [...minutesTexts(m.minutes), ...m.amendments.map((a) => `${a.section}：${a.text}`)]
      .filter(Boolean)
      .join('\n'),
  }));
  const topics = manifest.topics.map(({ id, raisedOn, ...t }) => ({
    ...reported,
    ...t,
    topicId: id,
    month: month(raisedOn),
  }));
  const votes = manifest.votes.map(({ id, question: _q, result: _r, ...v }) => ({
    ...reported,
    ...v,
    voteId: id,
    month: month(heldOn.get(v.meetingId) ?? manifest.period.from),
  }));
  const resolutions = manifest.resolutions.map(({ id, heldOn: day, resolution: _text, ...r }) => ({
    ...reported,
    ...r,
    itemId: id,
    month: month(day),
  }));
  upsertNewer(client, collectedMeeting, [collectedMeeting.communityUid, collectedMeeting.meetingId], meetings);
  upsertNewer(client, collectedTopic, [collectedTopic.communityUid, collectedTopic.topicId], topics);
  upsertNewer(client, collectedVote, [collectedVote.communityUid, collectedVote.voteId], votes);
  upsertNewer(client, collectedResolution, [collectedResolution.communityUid, collectedResolution.itemId], resolutions);
  return [...meetings, ...topics, ...votes, ...resolutions].map((row) => row.month);
}

/** One uploaded file: its name, and what the worker's checks said about it. */
type Upload = { fileName: string; check: BundleCheck };

export function collectionService(ctx: ServiceContext, identities: Identities, trust: Trust): CollectionHandlers {
  const subDistrict = () => requireProfile(ctx, 'sub_district');
  // Every bundle of a community carries the same signer certificate; parsing it cost ~0.8 ms each time.
  const signers = new Map<string, X509Certificate>();
  const signerOf = (pem: string) => {
    const known = signers.get(pem);
    if (known) return known;
    if (signers.size >= 256) signers.clear();
    return signers.set(pem, new X509Certificate(pem)).get(pem)!;
  };

  /**
   * Why the SM2 half of a bundle whose RSA signer stands is refused, or null: the SM2 certificate judged as the
   * RSA one (this office's SM2 CA, validity when it signed, revocation), registered to the same community, and
   * every OFD's seal made by that CA and used within its validity.
   */
  function sm2Refusal(
    sm2: CheckedSm2,
    communityUid: string,
    judging: Judge,
    sm2Authorities: () => Sm2Certificate[],
  ): { reason: BundleRejection; detail: string } | null {
    const authorities = sm2Authorities();
    const certificate = readSm2Certificate(sm2.certificate);
    const judge = (signedAt: string) => judging.judgeSm2(certificate, signedAt, { authorities, issuedBy });
    const refuse = (reason: BundleRejection, detail: string) => ({ reason, detail });
    for (const signedAt of [sm2.signedAt, ...sm2.seals.map((s) => s.signedAt)]) {
      const judged = judge(signedAt);
      if (judged.state === 'unknown') return refuse('seal_untrusted', readableName(certificate.issuer));
      if (judged.state === 'problem') {
        const sentence = problemSentence(judged.problem, judged.date, 'zh-CN');
        return refuse(certificateRejections[judged.problem], `国密证书：${sentence}`);
      }
    }
    const entry = registered(ctx.db, certificate.fingerprint);
    if (!entry?.communityUid) return refuse('signer_unregistered', '国密证书');
    if (entry.communityUid !== communityUid) return refuse('community_mismatch', entry.unit);
    const issuer = authorities.find((ca) => issuedBy(certificate, ca))!;
    for (const seal of sm2.seals) {
      if (seal.maker !== issuer.fingerprint) return refuse('seal_untrusted', seal.path);
      if (seal.signedAt < seal.validFrom || seal.signedAt > seal.validTo) {
        return refuse(
          'seal_untrusted',
          `${seal.path}（印章有效期 ${seal.validFrom.slice(0, 10)}—${seal.validTo.slice(0, 10)}）`,
        );
      }
    }
    return null;
  }

  /**
   * Judge each checked file in order, inside one transaction: what the register and the collection say about it,
   * its row, its files, its figures and its audit event. An earlier file of the same batch counts as seen before.
   */
  function judgeAll(uploads: Upload[]): { rows: CollectedBundle[]; changed: boolean } {
    return change(ctx, (_tx, audit) => {
      const client = ctx.db.$client;
      const judge = trust.batch();
      let authorities: Sm2Certificate[] | null = null;
      const sm2Authorities = () => (authorities ??= knownSm2Authorities(identities.knownSm2()));
      const importedAt = ctx.now().toISOString();
      const touched = { uids: new Set<string>(), months: [] as string[] };
      let changed = false;
      const record = (
        values: Omit<typeof collectedBundle.$inferInsert, 'importedAt'>,
        checked?: Checked,
        sender?: Sender,
      ) => {
        const row = insertRow(client, collectedBundle, { ...values, importedAt }, { returning: true })!;
        if (checked) {
          changed = true;
          for (const [path, data] of checked.files) insertRow(client, collectedFile, { bundleId: row.id, path, data });
          if (row.verdict === 'trusted' && sender) {
            touched.uids.add(sender.uid);
            touched.months.push(...merge(client, row.id, checked, sender));
          }
        }
        const { sha256: hash, verdict, reason, detail, unit, fileName } = row;
        audit({
          action: 'collection.import',
          entity: 'bundle',
          entityId: row.id,
          payload: { fileName, hash, verdict, reason, detail, unit },
        });
        return publicRow(row);
      };

      const judgeOne = ({ fileName, check }: Upload): CollectedBundle => {
        if (!check.ok) {
          return record({
            fileName,
            sha256: check.fileHash,
            verdict: 'rejected',
            reason: check.reason,
            detail: check.detail,
            unit: check.unit,
          });
        }
        // The same report re-zipped or renamed is still the same report: judged by its manifest, not the file,
        // once the bundle proved genuine (a tampered copy is reported as tampered, not as seen before).
        const hash = check.contentHash;
        const rejected = (reason: BundleRow['reason'], detail = '', extra: Partial<BundleRow> = {}) =>
          record({ fileName, sha256: hash, verdict: 'rejected', reason, detail, ...extra });
        const seen = prepared(
          client,
          `SELECT imported_at AS importedAt, unit FROM collected_bundle WHERE sha256 = ? AND verdict <> 'rejected' LIMIT 1`,
        ).get(hash) as Pick<BundleRow, 'importedAt' | 'unit'> | undefined;
        if (seen) return rejected('duplicate', seen.importedAt, { unit: seen.unit });
        const signer = signerOf(check.signerPem);
        const checked: Checked = {
          manifest: check.manifest,
          signer,
          // A structured clone hands bytes over as Uint8Arrays; the column is typed Buffer (a view, not a copy).
          files: check.files.map(([path, data]) => [path, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]),
        };
        const { manifest } = check;
        const about = {
          communityUid: manifest.community.uid,
          unit: manifest.community.unit,
          signer: commonName(check.signerPem),
          fingerprint: signer.fingerprint256,
          meetings: manifest.meetings.length,
          exportedAt: manifest.exportedAt,
        };
        const judged = judge.judge(signer, check.signedAt);
        if (judged.state === 'unknown') {
          return record({ fileName, sha256: hash, verdict: 'unknown_signer', reason: null, ...about }, checked);
        }
        if (judged.state === 'problem') {
          return rejected(
            certificateRejections[judged.problem],
            problemSentence(judged.problem, judged.date, 'zh-CN'),
            about,
          );
        }
        // Our CA signed it; now the register says for whom. The manifest's uid and unit are only claims.
        const entry = registered(ctx.db, signer.fingerprint256);
        if (!entry?.communityUid) return rejected('signer_unregistered', '', about);
        const named = manifest.community;
        if (entry.communityUid !== named.uid || entry.unit !== named.unit || entry.name !== named.name) {
          return rejected('community_mismatch', entry.unit, about);
        }
        const sm2 = check.sm2 && sm2Refusal(check.sm2, entry.communityUid, judge, sm2Authorities);
        if (sm2) return rejected(sm2.reason, sm2.detail, about);
        const current = currentOf(ctx.db, entry.communityUid) ?? entry;
        const sender = { uid: entry.communityUid, name: current.name, unit: current.unit };
        return record(
          {
            fileName,
            sha256: hash,
            verdict: 'trusted',
            reason: null,
            ...about,
            unit: entry.unit,
            // The list counts sealed OFDs; the PDFs' seals were judged alike.
            sealed: check.sm2?.seals.filter((s) => s.path.endsWith('.ofd')).length ?? 0,
          },
          checked,
          sender,
        );
      };

      const rows = uploads.map(judgeOne);
      if (touched.uids.size) summarizeMany(ctx.db.$client, [...touched.uids], touched.months);
      return { rows, changed };
    });
  }

  /** Check the files in the worker (this thread keeps answering), then record them all in one durable commit. */
  async function importFiles(files: { fileName: string; data: string }[]): Promise<CollectedBundle[]> {
    subDistrict();
    const checks = await Promise.all(files.map(({ data }) => ctx.work.run('checkBundle', data)));
    const { rows, changed } = judgeAll(files.map(({ fileName }, i) => ({ fileName, check: checks[i]! })));
    if (changed) ctx.events.emit({ type: 'collection:changed' });
    return rows;
  }

  return {
    'collection:import': async (file) => (await importFiles([file]))[0]!,
    'collection:importMany': ({ files }) => importFiles(files),
    'collection:list': () => {
      subDistrict();
      return ctx.db.select().from(collectedBundle).orderBy(desc(collectedBundle.id)).all().map(publicRow);
    },
    'collection:stats': (filter) => {
      subDistrict();
      return statistics(ctx.db.$client, filter, ctx.now());
    },
    'collection:xlsx': async (filter) => {
      const profile = subDistrict();
      const stats = statistics(ctx.db.$client, filter, ctx.now(), { busiest: -1 });
      return {
        fileName: `${profile.name}-议事亭统计-${filter.from}至${filter.to}.xlsx`,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: (await statisticsXlsx(stats, filter, profile.name)).toString('base64'),
        missing: [],
      };
    },
  };
}
