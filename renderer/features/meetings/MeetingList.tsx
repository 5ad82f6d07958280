import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingKindLabels, type Meeting } from '../../../shared/domain/meeting';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { useFollowup } from '../../stores/followup';
import { useMeetings } from '../../stores/meetings';
import { useReports } from '../../stores/reports';
import { ReportBadge } from '../records/ReportBadge';
import { hrefOf, navigate } from '../../stores/router';
import { MeetingTimes } from './MeetingTimes';
import { MeetingDialog } from './MeetingDialog';
import { StatusBadge } from './StatusBadge';

export function MeetingList() {
  const { t } = useTranslation();
  const { list, loadList } = useMeetings();
  const [editing, setEditing] = useState<Meeting | 'new' | null>(null);
  const { run: runLoad, error: loadError } = useAction(loadList);
  const overdue = useFollowup((s) => s.items?.filter((i) => i.overdue).length ?? 0);
  const loadFollowup = useFollowup((s) => s.load);
  const { byMeeting, load: loadReports } = useReports();

  useEffect(() => {
    void runLoad();
    void loadFollowup().catch(() => undefined); // the banner is a hint; the list's own error shows below
    void loadReports().catch(() => undefined); // so is what the office answered
  }, [runLoad, loadFollowup, loadReports]);

  return (
    <section className="page" aria-labelledby="meetings-title">
      <header className="page-header">
        <div>
          <h1 id="meetings-title">{t('meetings.title')}</h1>
          {list && <p className="muted">{t('meetings.subtitle', { count: list.length })}</p>}
        </div>
        <button className="button primary" onClick={() => setEditing('new')}>
          ＋ {t('meetings.create')}
        </button>
      </header>
      {overdue > 0 && (
        <p className="warning-banner" role="alert">
          {t('followup.overdueBanner', { count: overdue })}{' '}
          <a href={hrefOf({ page: 'followup' })}>{t('followup.overdueLink')} →</a>
        </p>
      )}
      <ErrorNote message={loadError} />
      {list?.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">{t('meetings.empty')}</p>
          <p className="muted">{t('meetings.emptyHint')}</p>
          <button className="button primary" onClick={() => setEditing('new')}>
            {t('meetings.create')}
          </button>
        </div>
      )}
      {list && list.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('meetings.columns.title')}</th>
              <th>{t('meetings.columns.kind')}</th>
              <th>{t('meetings.columns.time')}</th>
              <th>{t('meetings.columns.place')}</th>
              <th>{t('meetings.columns.status')}</th>
              <th>{t('meetings.columns.report')}</th>
              <th aria-label={t('common.edit')} />
            </tr>
          </thead>
          <tbody>
            {list.map((meeting) => (
              <tr key={meeting.id}>
                <td>
                  <a className="strong-link" href={hrefOf({ page: 'meeting', id: meeting.id })}>
                    {meeting.title}
                  </a>
                </td>
                <td>{pick(meetingKindLabels[meeting.kind])}</td>
                <td>
                  <MeetingTimes meeting={meeting} />
                </td>
                <td>{meeting.place || <span className="muted">{t('meetings.noPlace')}</span>}</td>
                <td>
                  <StatusBadge status={meeting.status} />
                </td>
                <td>{byMeeting?.[meeting.id] && <ReportBadge report={byMeeting[meeting.id]!} />}</td>
                <td className="actions">
                  {meeting.status !== 'closed' && (
                    <button className="button small" onClick={() => setEditing(meeting)}>
                      {t('common.edit')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <MeetingDialog
          meeting={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(meeting) => editing === 'new' && navigate({ page: 'meeting', id: meeting.id })}
        />
      )}
    </section>
  );
}
