import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  topicLevelLabels,
  topicLevels,
  topicSourceLabels,
  topicSources,
  topicStatuses,
  topicStatusLabels,
  type TopicLevel,
  type TopicSource,
  type TopicStatus,
} from '../../../shared/domain/topic';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { categoryName, pick } from '../../i18n';
import { formatDate } from '../meetings/format';
import { hrefOf } from '../../stores/router';
import { useTopics } from '../../stores/topics';
import { TopicDialog } from './TopicDialog';
import { TopicStatusBadge } from './TopicStatusBadge';
import { TriageDialog, type TriageAction } from './TriageDialog';

const bulkActions: TriageAction[] = [
  { kind: 'decision', decision: 'accept' },
  { kind: 'decision', decision: 'escalate' },
  { kind: 'decision', decision: 'refer_department' },
  { kind: 'decision', decision: 'refer_mediation' },
  { kind: 'decision', decision: 'decline' },
  { kind: 'duplicate' },
];

/** 议题库 and its triage view: filter, select several, decide together. */
export function TopicsPage() {
  const { t } = useTranslation();
  const { list, filter, categories, setFilter, loadList, loadCategories } = useTopics();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<TriageAction | null>(null);
  const { run: runLoad, error: loadError } = useAction(loadList);

  useEffect(() => {
    void runLoad();
    void loadCategories();
  }, [runLoad, loadCategories]);

  const chosen = (list ?? []).filter((topic) => selected.has(topic.id));
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const one = <T extends string>(value: T | undefined) => (value ? [value] : undefined);

  return (
    <section className="page wide" aria-labelledby="topics-title">
      <header className="page-header">
        <div>
          <h1 id="topics-title">{t('topics.title')}</h1>
          {list && <p className="muted">{t('topics.count', { count: list.length })}</p>}
        </div>
        <button className="button primary" onClick={() => setCreating(true)}>
          ＋ {t('topics.create')}
        </button>
      </header>
      <div className="topic-filters" role="search">
        <input
          type="search"
          aria-label={t('topics.search')}
          placeholder={t('topics.search')}
          value={filter.query ?? ''}
          maxLength={40}
          onChange={(e) => void setFilter({ ...filter, query: e.target.value || undefined })}
        />
        <select
          aria-label={t('topics.fields.status')}
          value={filter.statuses?.[0] ?? ''}
          onChange={(e) => void setFilter({ ...filter, statuses: one(e.target.value as TopicStatus) })}
        >
          <option value="">{t('topics.allStatuses')}</option>
          {topicStatuses.map((s) => (
            <option key={s} value={s}>
              {pick(topicStatusLabels[s])}
            </option>
          ))}
        </select>
        <select
          aria-label={t('topics.fields.level')}
          value={filter.levels?.[0] ?? ''}
          onChange={(e) => void setFilter({ ...filter, levels: one(e.target.value as TopicLevel) })}
        >
          <option value="">{t('topics.allLevels')}</option>
          {topicLevels.map((l) => (
            <option key={l} value={l}>
              {pick(topicLevelLabels[l])}
            </option>
          ))}
        </select>
        <select
          aria-label={t('topics.fields.category')}
          value={filter.category ?? ''}
          onChange={(e) => void setFilter({ ...filter, category: e.target.value || undefined })}
        >
          <option value="">{t('topics.allCategories')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {categoryName(c)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('topics.fields.source')}
          value={filter.sources?.[0] ?? ''}
          onChange={(e) => void setFilter({ ...filter, sources: one(e.target.value as TopicSource) })}
        >
          <option value="">{t('topics.allSources')}</option>
          {topicSources.map((s) => (
            <option key={s} value={s}>
              {pick(topicSourceLabels[s])}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote message={loadError} />
      {chosen.length > 0 && (
        <div className="bulk-bar" role="toolbar" aria-label={t('topics.bulk')}>
          <span>{t('topics.selected', { count: chosen.length })}</span>
          {bulkActions.map((a) => (
            <button
              key={a.kind === 'decision' ? a.decision : a.kind}
              className="button small"
              onClick={() => setAction(a)}
            >
              {a.kind === 'decision' ? t(`topics.actions.${a.decision}`) : t('topics.markDuplicate')}
            </button>
          ))}
        </div>
      )}
      {list?.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">{t('topics.empty')}</p>
          <p className="muted">{t('topics.emptyHint')}</p>
        </div>
      )}
      {list && list.length > 0 && (
        <table className="table topic-table">
          <thead>
            <tr>
              <th className="check-cell">
                <input
                  type="checkbox"
                  aria-label={t('topics.selectAll')}
                  checked={chosen.length === list.length}
                  onChange={(e) => setSelected(new Set(e.target.checked ? list.map((x) => x.id) : []))}
                />
              </th>
              <th>{t('topics.fields.title')}</th>
              <th>{t('topics.fields.source')}</th>
              <th>{t('topics.fields.raisedOn')}</th>
              <th>{t('topics.fields.category')}</th>
              <th>{t('topics.fields.level')}</th>
              <th>{t('topics.fields.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((topic) => (
              <tr key={topic.id} className={selected.has(topic.id) ? 'selected' : undefined}>
                <td className="check-cell">
                  <input
                    type="checkbox"
                    aria-label={t('topics.select', { title: topic.title })}
                    checked={selected.has(topic.id)}
                    onChange={() => toggle(topic.id)}
                  />
                </td>
                <td>
                  <a className="strong-link" href={hrefOf({ page: 'topic', id: topic.id })}>
                    {topic.title}
                  </a>
                  {topic.raisedBy && <div className="muted small">{topic.raisedBy}</div>}
                </td>
                <td className="nowrap">{pick(topicSourceLabels[topic.source])}</td>
                <td className="nowrap">{formatDate(topic.raisedOn)}</td>
                <td className="nowrap">{categoryName(topic.category)}</td>
                <td className="nowrap">
                  <span className={`level level-${topic.level}`}>
                    {pick(topicLevelLabels[topic.level]).replace(/（.*）|\s*\(.*\)/, '')}
                  </span>
                </td>
                <td className="nowrap">
                  <TopicStatusBadge status={topic.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <TopicDialog onClose={() => setCreating(false)} />}
      {action && (
        <TriageDialog
          action={action}
          topics={chosen}
          candidates={(list ?? []).filter((x) => !selected.has(x.id))}
          onDone={async () => {
            setSelected(new Set());
            await loadList();
          }}
          onClose={() => setAction(null)}
        />
      )}
    </section>
  );
}
