import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartConfiguration } from 'chart.js';
import { percent, type Stats, type StatsFilter } from '../../../shared/domain/bundle';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { today } from '../meetings/format';
import { RecordButtons } from '../records/RecordButtons';
import { ChartCanvas, palette } from './ChartCanvas';

type Counted = { key: string; count: number }[];
const describe = (title: string, rows: Counted) => `${title}：${rows.map((r) => `${r.key} ${r.count}`).join('，')}`;

/** Colours that carry meaning where the slices do: grey waiting, blue under way, green done or content, red not. */
const statusColours = ['#98a2b3', '#1d6fb8', '#2e8540', '#b4262a'];
const satisfactionColours = ['#2e8540', '#1d6fb8', '#b4262a'];

function doughnut(rows: Counted, colours: string[] = palette): ChartConfiguration {
  return {
    type: 'doughnut',
    data: {
      labels: rows.map((r) => r.key),
      datasets: [{ data: rows.map((r) => r.count), backgroundColor: colours }],
    },
    options: { plugins: { legend: { position: 'right' } } },
  };
}

/** The chart's series: the busiest communities, then the others as one. */
const withOthers = ({ series, others }: Stats['meetingsByMonth'], label: string) =>
  others ? [...series, { name: label, counts: others }] : series;

/** The figures yearly reviews quote, from trusted bundles only, filtered by period and community. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<StatsFilter>(() => ({
    from: `${today().slice(0, 7).slice(0, 4)}-01`,
    to: today().slice(0, 7),
    community: null,
  }));
  const [stats, setStats] = useState<Stats | null>(null);
  const loading = useAction(async (f: StatsFilter) => setStats(await call('collection:stats', f)));
  useEffect(() => {
    if (filter.from && filter.to) void loading.run(filter);
  }, [filter, loading.run]); // eslint-disable-line react-hooks/exhaustive-deps

  const charts = useMemo(() => {
    if (!stats) return null;
    const byMonth: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: stats.meetingsByMonth.months,
        datasets: withOthers(stats.meetingsByMonth, t('dashboard.otherCommunities')).map((s, i) => ({
          label: s.name,
          data: s.counts,
          backgroundColor: palette[i % palette.length],
        })),
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    const byCategory: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: stats.topicsByCategory.map((r) => r.key),
        datasets: [
          {
            label: t('dashboard.charts.byCategory'),
            data: stats.topicsByCategory.map((r) => r.count),
            backgroundColor: palette[0],
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    return {
      byMonth,
      byCategory,
      byLevel: doughnut(stats.topicsByLevel),
      byStatus: doughnut(stats.resolutionsByStatus, statusColours),
      satisfaction: doughnut(stats.satisfaction, satisfactionColours),
    };
  }, [stats, t]);

  const k = stats?.totals;
  return (
    <section className="page" aria-labelledby="dashboard-title">
      <header className="page-header">
        <h1 id="dashboard-title">{t('dashboard.title')}</h1>
        <RecordButtons
          buttons={[{ label: t('dashboard.exportXlsx'), channel: 'collection:xlsx', input: filter, unsigned: true }]}
        />
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <DateField
          id="stats-from"
          mode="month"
          label={t('dashboard.from')}
          value={filter.from}
          max={filter.to}
          required
          onChange={(from) => from && setFilter({ ...filter, from })}
        />
        <DateField
          id="stats-to"
          mode="month"
          label={t('dashboard.to')}
          value={filter.to}
          min={filter.from}
          required
          onChange={(to) => to && setFilter({ ...filter, to })}
        />
        <label className="field" htmlFor="stats-community">
          <span className="field-label">{t('dashboard.community')}</span>
          <select
            id="stats-community"
            value={filter.community ?? ''}
            onChange={(e) => setFilter({ ...filter, community: e.target.value || null })}
          >
            <option value="">{t('dashboard.allCommunities')}</option>
            {stats?.communities.map((c) => (
              <option key={c.uid} value={c.uid}>
                {c.unit}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNote message={loading.error} />
      {stats?.communities.length === 0 && <p className="card muted">{t('dashboard.empty')}</p>}
      {k && (
        <dl className="kpis">
          <Kpi
            label={t('dashboard.kpi.meetings')}
            value={k.meetings}
            note={t('dashboard.kpi.attendees', { count: k.attendees })}
          />
          <Kpi
            label={t('dashboard.kpi.topics')}
            value={k.topics}
            note={t('dashboard.kpi.solved', { count: k.solved, rate: percent(k.solved, k.topics) })}
          />
          <Kpi label={t('dashboard.kpi.escalated')} value={k.escalated} />
          <Kpi
            label={t('dashboard.kpi.votes')}
            value={k.votes}
            note={t('dashboard.kpi.adopted', { count: k.adopted })}
          />
          <Kpi
            label={t('dashboard.kpi.resolutions')}
            value={k.resolutions}
            note={t('dashboard.kpi.implementation', { rate: percent(k.done, k.resolutions) })}
          />
          <Kpi label={t('dashboard.kpi.onTime')} value={percent(k.onTime, k.done)} />
          <Kpi label={t('dashboard.kpi.overdue')} value={k.overdue} warn={k.overdue > 0} />
          <Kpi
            label={t('dashboard.kpi.satisfaction')}
            value={percent(k.satisfied, k.rated)}
            note={t('dashboard.kpi.rated', { count: k.rated })}
          />
        </dl>
      )}
      {stats && charts && (
        <div className="chart-grid">
          <figure className="card chart-wide">
            <figcaption>{t('dashboard.charts.byMonth')}</figcaption>
            <ChartCanvas
              config={charts.byMonth}
              summary={`${t('dashboard.charts.byMonth')}：${withOthers(
                stats.meetingsByMonth,
                t('dashboard.otherCommunities'),
              )
                .map((s) => `${s.name} ${s.counts.reduce((a, b) => a + b, 0)}`)
                .join('，')}`}
            />
          </figure>
          {(['byCategory', 'byLevel', 'byStatus', 'satisfaction'] as const).map((key) => {
            const rows = {
              byCategory: stats.topicsByCategory,
              byLevel: stats.topicsByLevel,
              byStatus: stats.resolutionsByStatus,
              satisfaction: stats.satisfaction,
            }[key];
            return (
              <figure key={key} className="card">
                <figcaption>{t(`dashboard.charts.${key}`)}</figcaption>
                <ChartCanvas config={charts[key]} summary={describe(t(`dashboard.charts.${key}`), rows)} />
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}

function Kpi({
  label,
  value,
  note,
  warn = false,
}: {
  label: string;
  value: number | string;
  note?: string;
  warn?: boolean;
}) {
  return (
    <div className={warn ? 'kpi kpi-warn' : 'kpi'}>
      <dt>{label}</dt>
      <dd>
        <span className="kpi-value">{value}</span>
        {note && <span className="kpi-note">{note}</span>}
      </dd>
    </div>
  );
}
