import type Database from 'better-sqlite3';
import { actionStatusLabels, satisfactionLabels } from '../../shared/domain/followup';
import { percent, type Stats, type StatsFilter } from '../../shared/domain/bundle';
import { topicLevelLabels } from '../../shared/domain/topic';
import { localDay } from '../../shared/dates';

/** "2026-01" … "2026-12": every month of the period, so a month without meetings shows as 0 (at most 10 years). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  while (months.length < 120) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to) break;
    months.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** The summed figures of collected_month, and of collected_month_total which adds them over all communities. */
const columns = [
  'meetings',
  'attendees',
  'topics',
  'solved',
  'escalated',
  'small',
  'big',
  'hard',
  'votes',
  'adopted',
  'resolutions',
  'pending',
  'in_progress',
  'done',
  'impossible',
  'on_time',
  'satisfied',
  'basically',
  'dissatisfied',
] as const;

/**
 * Recompute the monthly figures of these communities for the months their bundles touched, from the detail rows
 * (which now hold each community's latest report of each meeting, topic, vote and resolution). The all-communities
 * totals change by what these summaries changed: a bundle costs its own months' rows, never a re-read of every
 * community.
 */
export function summarizeMany(db: Database.Database, uids: string[], months: string[]): void {
  const params = { uids: JSON.stringify(uids), months: JSON.stringify([...new Set(months)]) };
  const touched = `month IN (SELECT value FROM json_each(@months))`;
  const ours = `community_uid IN (SELECT value FROM json_each(@uids))`;
  const run = (sql: string) => db.prepare(sql).run(params);
  // The all-communities totals lose what these communities said of these months, and gain what they say now.
  const shiftTotals = (sign: 1 | -1) => {
    const add = (total: string, from: string, keys: string[], values: readonly string[]) =>
      run(`INSERT INTO ${total} (${[...keys, ...values].join(', ')})
        SELECT ${keys.join(', ')}, ${values.map((v) => `${sign} * sum(${v})`).join(', ')}
        FROM ${from} WHERE ${ours} AND ${touched} GROUP BY ${keys.join(', ')}
        ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.map((v) => `${v} = ${v} + excluded.${v}`).join(', ')}`);
    add('collected_month_total', 'collected_month', ['month'], columns);
    add('collected_category_total', 'collected_month_category', ['month', 'category'], ['topics']);
    add('collected_open_total', 'collected_open', ['month', 'deadline'], ['items']);
  };
  shiftTotals(-1);
  for (const table of ['collected_month', 'collected_month_category', 'collected_open'])
    run(`DELETE FROM ${table} WHERE ${ours} AND ${touched}`);
  // Each subquery groups by community and month, so it is read once for all communities, not once per community.
  const per = (select: string, table: string) =>
    `(SELECT community_uid AS uid, month, ${select} FROM ${table} WHERE ${ours} AND ${touched}
      GROUP BY community_uid, month)`;
  const on = (alias: string) => `${alias}.uid = c.value AND ${alias}.month = m.value`;
  db.prepare(
    `INSERT INTO collected_month (community_uid, month, ${columns.join(', ')})
     SELECT c.value, m.value,
       coalesce(mt.n, 0), coalesce(mt.people, 0),
       coalesce(tp.n, 0), coalesce(tp.solved, 0), coalesce(tp.escalated, 0),
       coalesce(tp.small, 0), coalesce(tp.big, 0), coalesce(tp.hard, 0),
       coalesce(vt.n, 0), coalesce(vt.adopted, 0),
       coalesce(rs.n, 0), coalesce(rs.pending, 0), coalesce(rs.in_progress, 0), coalesce(rs.done, 0),
       coalesce(rs.impossible, 0), coalesce(rs.on_time, 0),
       coalesce(rs.satisfied, 0), coalesce(rs.basically, 0), coalesce(rs.dissatisfied, 0)
     FROM json_each(@uids) c CROSS JOIN json_each(@months) m
     LEFT JOIN ${per('count(*) AS n, sum(attendees) AS people', 'collected_meeting')} mt ON ${on('mt')}
     LEFT JOIN ${per(
       `count(*) AS n, sum(status = 'done') AS solved, sum(status = 'escalated') AS escalated,
        sum(level = 'small') AS small, sum(level = 'big') AS big, sum(level = 'hard') AS hard`,
       'collected_topic',
     )} tp ON ${on('tp')}
     LEFT JOIN ${per('count(*) AS n, sum(adopted) AS adopted', 'collected_vote')} vt ON ${on('vt')}
     LEFT JOIN ${per(
       `count(*) AS n, sum(status = 'pending') AS pending,
        sum(status = 'in_progress') AS in_progress, sum(status = 'done') AS done,
        sum(status = 'impossible') AS impossible,
        sum(status = 'done' AND (deadline IS NULL OR closed_on <= deadline)) AS on_time,
        sum(satisfaction = 'satisfied') AS satisfied, sum(satisfaction = 'basically') AS basically,
        sum(satisfaction = 'dissatisfied') AS dissatisfied`,
       'collected_resolution',
     )} rs ON ${on('rs')}`,
  ).run(params);
  run(`INSERT INTO collected_month_category (community_uid, month, category, topics)
     SELECT community_uid, month, category, count(*) FROM collected_topic
     WHERE ${ours} AND ${touched} GROUP BY community_uid, month, category`);
  run(`INSERT INTO collected_open (community_uid, month, deadline, items)
     SELECT community_uid, month, deadline, count(*) FROM collected_resolution
     WHERE ${ours} AND ${touched} AND status IN ('pending', 'in_progress') AND deadline IS NOT NULL
     GROUP BY community_uid, month, deadline`);
  shiftTotals(1);
  // A category or deadline nobody has any more is gone, as if never counted (the chart lists categories).
  run(`DELETE FROM collected_category_total WHERE ${touched} AND topics = 0`);
  run(`DELETE FROM collected_open_total WHERE ${touched} AND items = 0`);
  run(`UPDATE collected_month SET meetings_through = t.through
     FROM (SELECT community_uid AS uid, month AS m,
             sum(meetings) OVER (PARTITION BY community_uid ORDER BY month) AS through
           FROM collected_month WHERE ${ours}) t
     WHERE community_uid = t.uid AND month = t.m AND meetings_through IS NOT t.through`);
}

/**
 * The figures yearly reviews quote, from what trusted bundles reported, for a period and one community or all.
 * They come from the monthly summaries; only "overdue" depends on today and is counted live from open items.
 */
export function statistics(
  db: Database.Database,
  filter: StatsFilter,
  now: Date,
  /** How many communities get a series of their own (the busiest); -1 for every one, as the workbook wants. */
  { busiest = 8 }: { busiest?: number } = {},
): Stats {
  const where = `month BETWEEN @from AND @to${filter.community === null ? '' : ' AND community_uid = @community'}`;
  const params = {
    from: filter.from,
    to: filter.to,
    ...(filter.community === null ? {} : { community: filter.community }),
  };
  const one = <T>(sql: string, extra: Record<string, unknown> = {}) =>
    db.prepare(sql).get({ ...params, ...extra }) as T;
  const all = <T>(sql: string, extra: Record<string, unknown> = {}) =>
    db.prepare(sql).all({ ...params, ...extra }) as T[];

  const communities = db
    .prepare('SELECT uid, name, unit FROM collected_community ORDER BY unit')
    .all() as Stats['communities'];
  // All communities read the totals kept for them: 120 rows for ten years at any number of communities.
  const everyone = filter.community === null;
  const monthly = everyone ? 'collected_month_total' : 'collected_month';
  const sums = one<Record<(typeof columns)[number], number | null>>(
    `SELECT ${columns.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM ${monthly} WHERE ${where}`,
  );
  const n = (column: (typeof columns)[number]) => sums[column] ?? 0;
  const today = { today: localDay(now.toISOString()) };
  const { overdue } = one<{ overdue: number }>(
    everyone
      ? `SELECT coalesce(sum(items), 0) AS overdue FROM collected_open_total WHERE ${where} AND deadline < @today`
      : `SELECT count(*) AS overdue FROM collected_resolution
         WHERE status IN ('pending', 'in_progress') AND deadline < @today AND ${where}`,
    today,
  );
  // A chart of 200 communities is unreadable and costs 24,000 rows: the busiest get a series, the rest one sum.
  // A community's meetings in the period are its running count at the end less the one before the start.
  const through = (bound: string) =>
    `coalesce((SELECT meetings_through FROM collected_month
      WHERE community_uid = c.uid AND month ${bound} ORDER BY month DESC LIMIT 1), 0)`;
  // MATERIALIZED: left to itself, SQLite sorted before it filtered and took 50 ms at 200 communities, not 0.2 ms.
  const shown = all<{ uid: string; total: number }>(
    `WITH counted AS MATERIALIZED (
       SELECT c.uid, ${through('<= @to')} - ${through('< @from')} AS total FROM collected_community c
       WHERE EXISTS (SELECT 1 FROM collected_month WHERE community_uid = c.uid AND month BETWEEN @from AND @to)
         ${everyone ? '' : 'AND c.uid = @community'})
     SELECT uid, total FROM counted ORDER BY total DESC, uid LIMIT @busiest`,
    { busiest },
  );
  const byMonth = all<{ month: string; uid: string; n: number }>(
    `SELECT month, community_uid AS uid, meetings AS n FROM collected_month
     WHERE ${where} AND meetings > 0 AND community_uid IN (SELECT value FROM json_each(@shown))`,
    { shown: JSON.stringify(shown.map((c) => c.uid)) },
  );
  const perMonth = all<{ month: string; n: number }>(
    `SELECT month, sum(meetings) AS n FROM ${monthly} WHERE ${where} GROUP BY month`,
  );
  const categories = all<{ key: string; count: number }>(
    `SELECT category AS key, sum(topics) AS count
     FROM ${everyone ? 'collected_category_total' : 'collected_month_category'} WHERE ${where}
     GROUP BY category ORDER BY count DESC, category`,
  );

  const months = monthsBetween(filter.from, filter.to);
  const held = new Map(byMonth.map((r) => [`${r.month} ${r.uid}`, r.n]));
  const names = new Map(communities.map((c) => [c.uid, c.name]));
  const series = shown.map((c) => ({
    name: names.get(c.uid) ?? c.uid,
    counts: months.map((m) => held.get(`${m} ${c.uid}`) ?? 0),
  }));
  const monthTotal = new Map(perMonth.map((r) => [r.month, r.n]));
  const rest = months.map((m, i) => (monthTotal.get(m) ?? 0) - series.reduce((sum, s) => sum + s.counts[i]!, 0));
  const labelled = <K extends string>(labels: Record<K, { 'zh-CN': string }>, count: (key: K) => number) =>
    (Object.keys(labels) as K[]).map((key) => ({ key: labels[key]['zh-CN'], count: count(key) }));
  return {
    communities,
    totals: {
      meetings: n('meetings'),
      attendees: n('attendees'),
      topics: n('topics'),
      solved: n('solved'),
      escalated: n('escalated'),
      votes: n('votes'),
      adopted: n('adopted'),
      resolutions: n('resolutions'),
      done: n('done'),
      onTime: n('on_time'),
      overdue,
      rated: n('satisfied') + n('basically') + n('dissatisfied'),
      satisfied: n('satisfied') + n('basically'),
    },
    meetingsByMonth: { months, series, others: rest.some((count) => count > 0) ? rest : null },
    topicsByCategory: categories,
    topicsByLevel: labelled(topicLevelLabels, (level) => n(level)),
    resolutionsByStatus: labelled(actionStatusLabels, (status) => n(status)),
    satisfaction: labelled(satisfactionLabels, (s) => n(s)),
  };
}

/** The same figures as a workbook for the yearly review: an overview sheet and one sheet per breakdown. */
export async function statisticsXlsx(stats: Stats, filter: StatsFilter, office: string): Promise<Buffer> {
  // stats must list every community (busiest: -1): the workbook has a row for each.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = '议事亭 Yishiting';
  const t = stats.totals;
  const community = stats.communities.find((c) => c.uid === filter.community)?.unit ?? '全部社区';
  const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
    const ws = book.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    ws.addRows(rows);
    ws.columns.forEach((col, i) => (col.width = i === 0 ? 28 : 14));
  };
  sheet(
    '概览',
    ['指标', '数值'],
    [
      ['统计单位', office],
      ['统计范围', community],
      ['统计期间', `${filter.from} 至 ${filter.to}`],
      ['召开议事会（次）', t.meetings],
      ['实到人次', t.attendees],
      ['收集议题（个）', t.topics],
      ['已解决议题（个）', t.solved],
      ['议题解决率', percent(t.solved, t.topics)],
      ['上报街道（个）', t.escalated],
      ['表决（次）', t.votes],
      ['表决通过（次）', t.adopted],
      ['议定事项（项）', t.resolutions],
      ['已办结（项）', t.done],
      ['落实率', percent(t.done, t.resolutions)],
      ['按期办结率', percent(t.onTime, t.done)],
      ['逾期未办结（项）', t.overdue],
      ['满意率（满意+基本满意）', percent(t.satisfied, t.rated)],
    ],
  );
  sheet(
    '各社区每月议事会',
    ['社区', ...stats.meetingsByMonth.months, '合计'],
    stats.meetingsByMonth.series.map((s) => [s.name, ...s.counts, s.counts.reduce((a, b) => a + b, 0)]),
  );
  sheet(
    '议题分类',
    ['类别', '议题数'],
    stats.topicsByCategory.map((r) => [r.key, r.count]),
  );
  sheet(
    '议题层级',
    ['层级', '议题数'],
    stats.topicsByLevel.map((r) => [r.key, r.count]),
  );
  sheet(
    '议定事项落实',
    ['状态', '事项数'],
    stats.resolutionsByStatus.map((r) => [r.key, r.count]),
  );
  sheet(
    '满意度',
    ['评价', '事项数'],
    stats.satisfaction.map((r) => [r.key, r.count]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
