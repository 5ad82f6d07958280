import type Database from 'better-sqlite3';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import { searchMark, type CollectedBundle, type SearchHit } from '../../shared/domain/bundle';
import { AppError } from '../../shared/errors';
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
import { BundleProblem, checkBundle, type CheckedBundle } from '../records/bundle';
import { sha256 } from '../records/hash';
import { commonName } from '../records/identity';
import { requireProfile } from './community';
import { change, type Handlers, type ServiceContext } from './context';
import type { Identities } from './identity';
import { knownCertificates, recognised } from './records';
import { statistics, statisticsXlsx, summarize } from './statistics';

type CollectionHandlers = Pick<
  Handlers,
  | 'collection:import'
  | 'collection:list'
  | 'collection:stats'
  | 'collection:xlsx'
  | 'collection:search'
  | 'collection:file'
>;

type BundleRow = typeof collectedBundle.$inferSelect;
const publicRow = ({ sha256: _s, communityUid: _c, fingerprint: _f, ...row }: BundleRow): CollectedBundle => row;
const month = (day: string) => day.slice(0, 7);

type Tx = Parameters<Parameters<typeof change>[1]>[0];
type Reported = typeof collectedMeeting | typeof collectedTopic | typeof collectedVote | typeof collectedResolution;

/** Insert or replace each row, unless what is stored came from a bundle exported later (an old file sent again). */
function upsertNewer<T extends Reported>(tx: Tx, table: T, target: SQLiteColumn[], rows: T['$inferInsert'][]) {
  for (const values of rows) {
    tx.insert(table)
      .values(values)
      // drizzle cannot relate a generic table's insert type to its update type; the row is the same object.
      .onConflictDoUpdate({
        target,
        set: values as SQLiteUpdateSetSource<T>,
        setWhere: sql`${table.reportedAt} <= excluded.reported_at`,
      })
      .run();
  }
}

/** The trusted bundle's figures, replacing what the same community reported about the same things before. */
function merge(tx: Tx, client: Database.Database, bundleId: number, { manifest, signer }: CheckedBundle) {
  const uid = manifest.community.uid;
  const reported = { communityUid: uid, reportedAt: manifest.exportedAt };
  const community = {
    uid,
    name: manifest.community.name,
    unit: manifest.community.unit,
    signer: commonName(signer.toString()),
  };
  tx.insert(collectedCommunity)
    .values(community)
    .onConflictDoUpdate({ target: collectedCommunity.uid, set: community })
    .run();
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
  const votes = manifest.votes.map(({ id, question: _q, ...v }) => ({
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
  upsertNewer(tx, collectedMeeting, [collectedMeeting.communityUid, collectedMeeting.meetingId], meetings);
  upsertNewer(tx, collectedTopic, [collectedTopic.communityUid, collectedTopic.topicId], topics);
  upsertNewer(tx, collectedVote, [collectedVote.communityUid, collectedVote.voteId], votes);
  upsertNewer(tx, collectedResolution, [collectedResolution.communityUid, collectedResolution.itemId], resolutions);
  summarize(
    client,
    uid,
    [...meetings, ...topics, ...votes, ...resolutions].map((row) => row.month),
  );
}

/** A query for FTS5: each word a quoted phrase (so 、"* and friends are plain text), all of them required. */
const ftsQuery = (words: string[]) => words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');

/** A window of text around the first match, with the match marked, for the LIKE path. */
function likeSnippet(text: string, word: string): string {
  const at = text.indexOf(word);
  if (at < 0) return text.slice(0, 60);
  const start = Math.max(0, at - 24);
  const end = Math.min(text.length, at + word.length + 24);
  return `${start > 0 ? '…' : ''}${text.slice(start, at)}${searchMark.open}${word}${searchMark.close}${text.slice(at + word.length, end)}${end < text.length ? '…' : ''}`;
}

export function collectionService(ctx: ServiceContext, identities: Identities): CollectionHandlers {
  const subDistrict = () => requireProfile(ctx, 'sub_district');

  function record(values: Omit<typeof collectedBundle.$inferInsert, 'importedAt'>, checked?: CheckedBundle) {
    return change(ctx, (tx, audit) => {
      const row = tx
        .insert(collectedBundle)
        .values({ ...values, importedAt: ctx.now().toISOString() })
        .returning()
        .get();
      if (checked) {
        for (const [path, data] of checked.files)
          tx.insert(collectedFile).values({ bundleId: row.id, path, data }).run();
        if (row.verdict === 'trusted') merge(tx, ctx.db.$client, row.id, checked);
      }
      const { sha256: hash, verdict, reason, detail, unit, fileName } = row;
      audit({
        action: 'collection.import',
        entity: 'bundle',
        entityId: row.id,
        payload: { fileName, hash, verdict, reason, detail, unit },
      });
      return publicRow(row);
    });
  }

  return {
    'collection:import': ({ fileName, data }) => {
      subDistrict();
      const bytes = Buffer.from(data, 'base64');
      const hash = sha256(bytes);
      const rejected = (reason: BundleRow['reason'], detail = '', extra: Partial<BundleRow> = {}) =>
        record({ fileName, sha256: hash, verdict: 'rejected', reason, detail, ...extra });
      const seen = ctx.db
        .select()
        .from(collectedBundle)
        .where(and(eq(collectedBundle.sha256, hash), ne(collectedBundle.verdict, 'rejected')))
        .get();
      if (seen) return rejected('duplicate', seen.importedAt, { unit: seen.unit });

      let checked: CheckedBundle;
      try {
        checked = checkBundle(bytes);
      } catch (error) {
        if (error instanceof BundleProblem) return rejected(error.reason, error.detail, { unit: error.unit });
        throw error;
      }
      const { manifest, signer } = checked;
      const about = {
        communityUid: manifest.community.uid,
        unit: manifest.community.unit,
        signer: commonName(signer.toString()),
        fingerprint: signer.fingerprint256,
        meetings: manifest.meetings.length,
        exportedAt: manifest.exportedAt,
      };
      const trusted = recognised(
        signer,
        knownCertificates(identities).filter((c) => c.ca),
      );
      if (trusted) {
        const earlier = ctx.db
          .select()
          .from(collectedCommunity)
          .where(eq(collectedCommunity.uid, manifest.community.uid))
          .get();
        if (earlier && earlier.signer !== about.signer) return rejected('community_conflict', earlier.signer, about);
      }
      const row = record(
        { fileName, sha256: hash, verdict: trusted ? 'trusted' : 'unknown_signer', reason: null, ...about },
        checked,
      );
      ctx.events.emit({ type: 'collection:changed' });
      return row;
    },
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
    'collection:search': ({ query }) => {
      subDistrict();
      const words = query.split(/\s+/).filter(Boolean);
      const base = `SELECT m.id AS meetingRowId, c.unit AS unit, m.title AS title, m.held_on AS heldOn`;
      // Trigrams need three characters a word; shorter words (电梯, 停车) are matched with LIKE.
      if (words.every((w) => [...w].length >= 3)) {
        return ctx.db.$client
          .prepare(
            `${base}, snippet(collected_search, 1, ?, ?, '…', 20) AS snippet
             FROM collected_search s JOIN collected_meeting m ON m.id = s.rowid
             JOIN collected_community c ON c.uid = m.community_uid
             WHERE collected_search MATCH ? ORDER BY rank LIMIT 100`,
          )
          .all(searchMark.open, searchMark.close, ftsQuery(words)) as SearchHit[];
      }
      const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = ctx.db.$client
        .prepare(
          `${base}, m.minutes_text AS text FROM collected_meeting m JOIN collected_community c ON c.uid = m.community_uid
           WHERE ${words.map(() => `(m.minutes_text LIKE ? ESCAPE '\\' OR m.title LIKE ? ESCAPE '\\')`).join(' AND ')}
           ORDER BY m.held_on DESC LIMIT 100`,
        )
        .all(...words.flatMap((w) => [like(w), like(w)])) as (SearchHit & { text: string })[];
      return rows.map(({ text, ...hit }) => ({ ...hit, snippet: likeSnippet(text, words[0]!) }));
    },
    'collection:file': ({ meetingRowId }) => {
      subDistrict();
      const row = ctx.db
        .select({ title: collectedMeeting.title, unit: collectedCommunity.unit, data: collectedFile.data })
        .from(collectedMeeting)
        .innerJoin(collectedCommunity, eq(collectedCommunity.uid, collectedMeeting.communityUid))
        .innerJoin(
          collectedFile,
          and(
            eq(collectedFile.bundleId, collectedMeeting.bundleId),
            eq(collectedFile.path, collectedMeeting.minutesPath),
          ),
        )
        .where(eq(collectedMeeting.id, meetingRowId))
        .get();
      if (!row) throw new AppError('not_in_collection');
      return {
        fileName: `${row.unit}-${row.title}-会议纪要.pdf`,
        type: 'application/pdf',
        data: row.data.toString('base64'),
        missing: [],
      };
    },
  };
}
