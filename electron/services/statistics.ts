import type Database from 'better-sqlite3';
import {
  actionStatusLabels,
  satisfactionLabels,
  type ActionStatus,
  type Satisfaction,
} from '../../shared/domain/followup';
import type { Stats, StatsFilter } from '../../shared/domain/bundle';
import { topicLevelLabels, type TopicLevel } from '../../shared/domain/topic';
import { localDay } from '../../shared/minutes-draft';

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

/**
 * The figures yearly reviews quote, from what trusted bundles reported. Every query reads one table through its
 * (month, community) index; the period and community filter apply to all of them alike.
 */
export function statistics(db: Database.Database, filter: StatsFilter, now: Date): Stats {
  const where = `month BETWEEN @from AND @to AND (@community IS NULL OR community_uid = @community)`;
  const params = { from: filter.from, to: filter.to, community: filter.community };
  const all = <T>(sql: string, extra: Record<string, unknown> = {}) =>
    db.prepare(sql).all({ ...params, ...extra }) as T[];

  const communities = db
    .prepare('SELECT uid, name, unit FROM collected_community ORDER BY unit')
    .all() as Stats['communities'];
  const byMonth = all<{ month: string; uid: string; n: number; people: number }>(
    `SELECT month, community_uid AS uid, count(*) AS n, sum(attendees) AS people FROM collected_meeting WHERE ${where} GROUP BY month, community_uid`,
  );
  const topics = all<{ category: string; level: TopicLevel; status: string; n: number }>(
    `SELECT category, level, status, count(*) AS n FROM collected_topic WHERE ${where} GROUP BY category, level, status`,
  );
  const [votes] = all<{ n: number; adopted: number | null }>(
    `SELECT count(*) AS n, sum(adopted) AS adopted FROM collected_vote WHERE ${where}`,
  );
  const resolutions = all<{
    status: ActionStatus;
    satisfaction: Satisfaction | null;
    n: number;
    onTime: number;
    overdue: number;
  }>(
    `SELECT status, satisfaction, count(*) AS n,
            sum(status = 'done' AND (deadline IS NULL OR closed_on <= deadline)) AS onTime,
            sum(status IN ('pending', 'in_progress') AND deadline < @today) AS overdue
     FROM collected_resolution WHERE ${where} GROUP BY status, satisfaction`,
    { today: localDay(now.toISOString()) },
  );

  const months = monthsBetween(filter.from, filter.to);
  const shown = communities.filter((c) => filter.community === null || c.uid === filter.community);
  const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
  const tally = <T>(rows: T[], key: (row: T) => string | null, order: readonly string[] = []) => {
    const counts = new Map<string, number>(order.map((k) => [k, 0]));
    for (const row of rows) {
      const k = key(row);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + (row as { n: number }).n);
    }
    return [...counts].map(([k, count]) => ({ key: k, count }));
  };
  const rated = resolutions.filter((r) => r.satisfaction !== null);
  return {
    communities,
    totals: {
      meetings: sum(byMonth, (r) => r.n),
      attendees: sum(byMonth, (r) => r.people),
      topics: sum(topics, (r) => r.n),
      solved: sum(
        topics.filter((t) => t.status === 'done'),
        (r) => r.n,
      ),
      escalated: sum(
        topics.filter((t) => t.status === 'escalated'),
        (r) => r.n,
      ),
      votes: votes?.n ?? 0,
      adopted: votes?.adopted ?? 0,
      resolutions: sum(resolutions, (r) => r.n),
      done: sum(
        resolutions.filter((r) => r.status === 'done'),
        (r) => r.n,
      ),
      onTime: sum(resolutions, (r) => r.onTime),
      overdue: sum(resolutions, (r) => r.overdue),
      rated: sum(rated, (r) => r.n),
      satisfied: sum(
        rated.filter((r) => r.satisfaction !== 'dissatisfied'),
        (r) => r.n,
      ),
    },
    meetingsByMonth: {
      months,
      series: shown.map((c) => ({
        name: c.name,
        counts: months.map((m) => byMonth.find((r) => r.month === m && r.uid === c.uid)?.n ?? 0),
      })),
    },
    topicsByCategory: tally(topics, (t) => t.category).sort((a, b) => b.count - a.count),
    topicsByLevel: tally(
      topics,
      (t) => topicLevelLabels[t.level]['zh-CN'],
      Object.values(topicLevelLabels).map((l) => l['zh-CN']),
    ),
    resolutionsByStatus: tally(
      resolutions,
      (r) => actionStatusLabels[r.status]['zh-CN'],
      Object.values(actionStatusLabels).map((l) => l['zh-CN']),
    ),
    satisfaction: tally(
      rated,
      (r) => satisfactionLabels[r.satisfaction!]['zh-CN'],
      Object.values(satisfactionLabels).map((l) => l['zh-CN']),
    ),
  };
}

/** "87.5%", or "—" when there is nothing to divide by. */
export const rate = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** The same figures as a workbook for the yearly review: an overview sheet and one sheet per breakdown. */
export async function statisticsXlsx(stats: Stats, filter: StatsFilter, office: string): Promise<Buffer> {
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
      ['参会人次', t.attendees],
      ['收集议题（个）', t.topics],
      ['已解决议题（个）', t.solved],
      ['议题解决率', rate(t.solved, t.topics)],
      ['上报街道（个）', t.escalated],
      ['表决（次）', t.votes],
      ['表决通过（次）', t.adopted],
      ['议定事项（项）', t.resolutions],
      ['已办结（项）', t.done],
      ['落实率', rate(t.done, t.resolutions)],
      ['按期办结率', rate(t.onTime, t.done)],
      ['逾期未办结（项）', t.overdue],
      ['满意率（满意+基本满意）', rate(t.satisfied, t.rated)],
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
