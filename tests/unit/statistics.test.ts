import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statistics, summarizeMany } from '../../electron/services/statistics';
import { makeCore, olderMigrations, openOlder, send, tempDir } from './helpers';

const months = ['2025-01', '2025-02', '2025-03', '2025-04'];
const uids = ['a', 'b', 'c', 'd'];
const deadlines = [null, '2025-01-31', '2025-03-15', '2025-06-30'];
const now = new Date('2025-03-20T08:00:00Z');

const row = {
  uid: fc.constantFrom(...uids),
  month: fc.constantFrom(...months),
};
const meeting = fc.record({ ...row, attendees: fc.nat(40) });
const topic = fc.record({
  ...row,
  category: fc.constantFrom('环境卫生', '停车交通', '加装电梯'),
  level: fc.constantFrom('small', 'big', 'hard'),
  status: fc.constantFrom('accepted', 'decided', 'implementing', 'done', 'escalated'),
});
const vote = fc.record({ ...row, adopted: fc.boolean() });
const resolution = fc.record({
  ...row,
  deadline: fc.constantFrom(...deadlines),
  status: fc.constantFrom('pending', 'in_progress', 'done', 'impossible'),
  closedOn: fc.constantFrom(null, '2025-02-01', '2025-04-01'),
  satisfaction: fc.constantFrom(null, 'satisfied', 'basically', 'dissatisfied'),
});
/** One import: what some communities report, replacing what they said before about the same items. */
const report = fc.record({
  meetings: fc.array(meeting, { maxLength: 6 }),
  topics: fc.array(topic, { maxLength: 6 }),
  votes: fc.array(vote, { maxLength: 4 }),
  resolutions: fc.array(resolution, { maxLength: 6 }),
  /** Items reported again (the same ids) with new figures, or their month moved. */
  again: fc.nat(3),
});

let nextId = 1;
type Report = typeof report extends fc.Arbitrary<infer T> ? T : never;
function apply(db: Database.Database, r: Report): void {
  const touched = new Set<string>();
  const communities = new Set<string>();
  const note = (uid: string, month: string) => (communities.add(uid), touched.add(month));
  for (const m of r.meetings) {
    note(m.uid, m.month);
    db.prepare(
      `INSERT INTO collected_meeting (community_uid, meeting_id, bundle_id, title, held_on, month, attendees, minutes_path, minutes_text)
       VALUES (?, ?, 0, '议事会', ?, ?, ?, 'm.pdf', '')`,
    ).run(m.uid, nextId++, `${m.month}-10`, m.month, m.attendees);
  }
  for (const t of r.topics) {
    note(t.uid, t.month);
    db.prepare(
      `INSERT INTO collected_topic (community_uid, topic_id, title, category, level, status, month) VALUES (?, ?, '议题', ?, ?, ?, ?)`,
    ).run(t.uid, nextId++, t.category, t.level, t.status, t.month);
  }
  for (const v of r.votes) {
    note(v.uid, v.month);
    db.prepare(
      'INSERT INTO collected_vote (community_uid, vote_id, meeting_id, adopted, month) VALUES (?, ?, 1, ?, ?)',
    ).run(v.uid, nextId++, v.adopted ? 1 : 0, v.month);
  }
  for (const s of r.resolutions) {
    note(s.uid, s.month);
    db.prepare(
      `INSERT INTO collected_resolution (community_uid, item_id, meeting_id, title, owner, deadline, status, closed_on, satisfaction, month)
       VALUES (?, ?, 1, '议定事项', '物业', ?, ?, ?, ?, ?)`,
    ).run(s.uid, nextId++, s.deadline, s.status, s.closedOn, s.satisfaction, s.month);
  }
  // A later report of items already counted: a resolution closes, a meeting moves to another month.
  const older = db
    .prepare('SELECT id, community_uid AS uid, month FROM collected_resolution ORDER BY id LIMIT ?')
    .all(r.again) as { id: number; uid: string; month: string }[];
  for (const o of older) {
    note(o.uid, o.month);
    db.prepare(`UPDATE collected_resolution SET status = 'done', closed_on = '2025-03-01' WHERE id = ?`).run(o.id);
  }
  const moved = db
    .prepare('SELECT id, community_uid AS uid, month FROM collected_meeting ORDER BY id DESC LIMIT ?')
    .all(r.again) as { id: number; uid: string; month: string }[];
  for (const o of moved) {
    note(o.uid, o.month);
    note(o.uid, '2025-04');
    db.prepare(`UPDATE collected_meeting SET month = '2025-04', held_on = '2025-04-02' WHERE id = ?`).run(o.id);
  }
  // Each community's bundle is summarized on its own, as imports are; the months are those the report touched.
  for (const uid of communities) summarizeMany(db, [uid], [...touched]);
}

/** The all-communities figures as they were computed before the totals: a scan of every community's rows. */
function fullScan(db: Database.Database, from: string, to: string, busiest: number) {
  const one = (sql: string) => db.prepare(sql).get({ from, to, today: '2025-03-20' }) as Record<string, number>;
  const all = (sql: string) => db.prepare(sql).all({ from, to, busiest }) as Record<string, string | number>[];
  const where = 'month BETWEEN @from AND @to';
  const sums = one(
    `SELECT coalesce(sum(meetings), 0) AS meetings, coalesce(sum(attendees), 0) AS attendees,
       coalesce(sum(topics), 0) AS topics, coalesce(sum(solved), 0) AS solved, coalesce(sum(escalated), 0) AS escalated,
       coalesce(sum(votes), 0) AS votes, coalesce(sum(adopted), 0) AS adopted,
       coalesce(sum(resolutions), 0) AS resolutions, coalesce(sum(done), 0) AS done, coalesce(sum(on_time), 0) AS onTime,
       coalesce(sum(satisfied) + sum(basically) + sum(dissatisfied), 0) AS rated,
       coalesce(sum(satisfied) + sum(basically), 0) AS satisfied,
       coalesce(sum(small), 0) AS small, coalesce(sum(big), 0) AS big, coalesce(sum(hard), 0) AS hard,
       coalesce(sum(pending), 0) AS pending, coalesce(sum(in_progress), 0) AS in_progress,
       coalesce(sum(impossible), 0) AS impossible
     FROM collected_month WHERE ${where}`,
  );
  const { overdue } = one(
    `SELECT count(*) AS overdue FROM collected_resolution
     WHERE status IN ('pending', 'in_progress') AND deadline < @today AND ${where}`,
  );
  const shown = all(
    `SELECT community_uid AS uid, sum(meetings) AS total FROM collected_month WHERE ${where}
     GROUP BY community_uid ORDER BY total DESC, community_uid LIMIT @busiest`,
  ).map((r) => r.uid);
  const perMonth = all(`SELECT month, sum(meetings) AS n FROM collected_month WHERE ${where} GROUP BY month`);
  const categories = all(
    `SELECT category AS key, sum(topics) AS count FROM collected_month_category WHERE ${where}
     GROUP BY category ORDER BY count DESC, category`,
  );
  return { sums, overdue, shown, perMonth, categories };
}

describe('the all-communities dashboard', () => {
  it('reads totals that equal a scan of every community, after any imports and re-reports', async () => {
    const office = makeCore();
    await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
    const db = office.db!.$client;
    for (const uid of uids)
      db.prepare('INSERT INTO collected_community (uid, name, unit, signer) VALUES (?, ?, ?, ?)').run(
        uid,
        `${uid}社区`,
        uid,
        uid,
      );
    const clear = ['collected_meeting', 'collected_topic', 'collected_vote', 'collected_resolution'];
    const summaries = ['collected_month', 'collected_month_category', 'collected_open'];
    const totals = ['collected_month_total', 'collected_category_total', 'collected_open_total'];
    await fc.assert(
      fc.property(
        fc.array(report, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...months),
        fc.constantFrom(...months),
        fc.integer({ min: 1, max: 3 }),
        (reports, a, b, busiest) => {
          for (const table of [...clear, ...summaries, ...totals]) db.prepare(`DELETE FROM ${table}`).run();
          for (const r of reports) apply(db, r);
          const [from, to] = a <= b ? [a, b] : [b, a];
          const stats = statistics(db, { from, to, community: null }, now, { busiest });
          const full = fullScan(db, from, to, busiest);
          const { small, big, hard, pending, in_progress: inProgress, impossible, ...totalsScanned } = full.sums;
          expect(stats.totals).toEqual({ ...totalsScanned, overdue: full.overdue });
          expect(stats.topicsByLevel.map((l) => l.count)).toEqual([small, big, hard]);
          expect(stats.resolutionsByStatus.map((l) => l.count)).toEqual([
            pending,
            inProgress,
            totalsScanned.done,
            impossible,
          ]);
          expect(stats.topicsByCategory).toEqual(full.categories);
          expect(stats.meetingsByMonth.series.map((s) => s.name)).toEqual(full.shown.map((uid) => `${uid}社区`));
          const inMonth = new Map(full.perMonth.map((r) => [r.month, r.n]));
          const everyMonth = stats.meetingsByMonth.months.map((m, i) =>
            stats.meetingsByMonth.series.reduce((sum, s) => sum + s.counts[i]!, stats.meetingsByMonth.others?.[i] ?? 0),
          );
          expect(everyMonth).toEqual(stats.meetingsByMonth.months.map((m) => inMonth.get(m) ?? 0));
        },
      ),
      { numRuns: 50 },
    );
  }, 120_000);

  it('is built for the figures an older version collected when the app is upgraded', async () => {
    const dir = tempDir();
    // The version before the totals: only per-community summaries and the open items themselves.
    const old = openOlder(dir, olderMigrations(25)).$client;
    for (const uid of uids)
      old
        .prepare('INSERT INTO collected_community (uid, name, unit, signer) VALUES (?, ?, ?, ?)')
        .run(uid, `${uid}社区`, uid, uid);
    const month = old.prepare(
      'INSERT INTO collected_month (community_uid, month, meetings, topics, resolutions, pending) VALUES (?, ?, ?, ?, ?, ?)',
    );
    month.run('a', '2025-01', 3, 2, 1, 1);
    month.run('b', '2025-02', 2, 0, 1, 1);
    month.run('a', '2025-03', 1, 1, 0, 0);
    month.run('c', '2025-03', 4, 0, 0, 0);
    const item = old.prepare(
      `INSERT INTO collected_resolution (community_uid, item_id, meeting_id, title, owner, deadline, status, month)
       VALUES (?, ?, 1, '议定事项', '物业', ?, 'pending', ?)`,
    );
    item.run('a', 1, '2025-01-31', '2025-01');
    item.run('b', 2, '2025-06-30', '2025-02');
    old.close();
    const office = makeCore({ dataDir: dir });
    await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
    const db = office.db!.$client;
    const stats = statistics(db, { from: '2025-01', to: '2025-03', community: null }, now, { busiest: 2 });
    const full = fullScan(db, '2025-01', '2025-03', 2);
    expect(stats.totals).toMatchObject({ meetings: full.sums.meetings, topics: 3, resolutions: 2, overdue: 1 });
    expect(full.sums.meetings).toBe(10);
    expect(stats.meetingsByMonth.series.map((s) => s.name)).toEqual(['a社区', 'c社区']);
    expect(stats.meetingsByMonth.others).toEqual([0, 2, 0]);
  });
});
