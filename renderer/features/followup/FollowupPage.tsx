import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpen, type ActionItem } from '../../../shared/domain/followup';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useFollowup } from '../../stores/followup';
import { ActionItemCard } from './ActionItemCard';
import { RecordButtons } from '../records/RecordButtons';
import { SupervisorsCard } from './SupervisorsCard';

const filters = ['all', 'open', 'overdue', 'closed'] as const;
type Filter = (typeof filters)[number];
const matches: Record<Filter, (i: ActionItem) => boolean> = {
  all: () => true,
  open: (i) => isOpen(i.status),
  overdue: (i) => i.overdue,
  closed: (i) => !isOpen(i.status),
};

/** 落实跟踪: every resolution from finalized minutes, followed until it is closed and residents have said how it went. */
export function FollowupPage() {
  const { t } = useTranslation();
  const { items, load } = useFollowup();
  const loading = useAction(load);
  const [filter, setFilter] = useState<Filter>('open');
  useEffect(() => {
    void loading.run();
  }, [loading.run]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = items?.filter((i) => isOpen(i.status)).length ?? 0;
  const overdue = items?.filter((i) => i.overdue).length ?? 0;
  const shown = items?.filter(matches[filter]) ?? [];
  return (
    <section className="page" aria-labelledby="followup-title">
      <header className="page-header">
        <div>
          <h1 id="followup-title">{t('followup.title')}</h1>
          {items && <p className="muted">{t('followup.subtitle', { open, overdue })}</p>}
        </div>
      </header>
      <ErrorNote message={loading.error} />
      <div className="followup-columns">
        <div>
          <div className="filter-chips" role="group" aria-label={t('followup.status')}>
            {filters.map((f) => (
              <button key={f} className="filter-chip" aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {t(`followup.filter.${f}`)} ({items?.filter(matches[f]).length ?? 0})
              </button>
            ))}
          </div>
          {items?.length === 0 && (
            <div className="empty-state">
              <p className="empty-title">{t('followup.empty')}</p>
              <p className="muted">{t('followup.emptyHint')}</p>
            </div>
          )}
          {shown.map((item) => (
            <ActionItemCard key={item.id} item={item} />
          ))}
        </div>
        <aside>
          <SupervisorsCard />
          <section className="card" aria-labelledby="result-notice-title">
            <h2 id="result-notice-title">{t('followup.noticeTitle')}</h2>
            <p className="muted">{t('followup.noticeHint')}</p>
            <RecordButtons
              buttons={[
                { label: t('followup.noticePdf'), channel: 'followup:notice', input: { format: 'pdf' } },
                { label: t('followup.noticePng'), channel: 'followup:notice', input: { format: 'png' } },
              ]}
            />
          </section>
        </aside>
      </div>
    </section>
  );
}
