import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  meetingKindLabels,
  meetingStatuses,
  meetingStatusLabels,
  nextStatusesOf,
  type Meeting,
  type MeetingStatus,
} from '../../../shared/domain/meeting';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { useMeetings } from '../../stores/meetings';
import { hrefOf } from '../../stores/router';
import { AgendaBuilder } from './AgendaBuilder';
import { formatLocalDateTime } from './format';
import { MeetingPlanCard } from './MeetingPlanCard';
import { NoticeExport } from './NoticeExport';
import { MeetingDialog } from './MeetingDialog';
import { StatusBadge } from './StatusBadge';

export function MeetingPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const meeting = useMeetings((s) => s.byId[id]);
  const { load, setStatus } = useMeetings();
  const [editing, setEditing] = useState(false);
  const { run: runLoad, error: loadError } = useAction(load);
  const advance = useAction(setStatus);

  useEffect(() => {
    void runLoad(id);
  }, [id, runLoad]);

  if (!meeting) {
    return (
      <section className="page">
        <a href="#/meetings">← {t('meeting.back')}</a>
        {loadError ? <ErrorNote message={loadError} /> : <p className="muted">{t('common.loading')}</p>}
      </section>
    );
  }

  function moveTo(status: MeetingStatus, current: Meeting) {
    if (status === 'closed' && !window.confirm(t('meeting.confirmClose', { title: current.title }))) return;
    void advance.run(current.id, status);
  }

  return (
    <section className="page" aria-labelledby="meeting-title">
      <a className="back-link" href="#/meetings">
        ← {t('meeting.back')}
      </a>
      <header className="page-header">
        <div>
          <p className="eyebrow">{pick(meetingKindLabels[meeting.kind])}</p>
          <h1 id="meeting-title">
            {meeting.title} <StatusBadge status={meeting.status} />
          </h1>
          <p className="muted">
            {meeting.scheduledAt ? formatLocalDateTime(meeting.scheduledAt) : t('meetings.unscheduled')} ·{' '}
            {meeting.place || t('meetings.noPlace')}
          </p>
        </div>
        <div className="header-actions">
          {meeting.status === 'closed' ? (
            <a className="button primary" href={hrefOf({ page: 'minutes', id: meeting.id })}>
              {t('minutes.open')}
            </a>
          ) : (
            <a className="button" href={hrefOf({ page: 'run', id: meeting.id })}>
              {t('meeting.run')}
            </a>
          )}
          {meeting.status !== 'closed' && (
            <button className="button" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
          )}
          {nextStatusesOf(meeting.status).map((status, index) => (
            <button
              key={status}
              className={index === 0 ? 'button primary' : 'button'}
              disabled={advance.busy}
              onClick={() => moveTo(status, meeting)}
            >
              {t(`meeting.advance.${status as Exclude<MeetingStatus, 'draft'>}`)}
            </button>
          ))}
        </div>
      </header>
      <ErrorNote message={advance.error} />
      <ol className="stepper" aria-label={t('meeting.steps')}>
        {meetingStatuses.map((status, index) => {
          const reached = index <= meetingStatuses.indexOf(meeting.status);
          return (
            <li
              key={status}
              className={reached ? 'reached' : ''}
              aria-current={status === meeting.status ? 'step' : undefined}
            >
              <span className="step-dot">{index + 1}</span>
              {pick(meetingStatusLabels[status])}
            </li>
          );
        })}
      </ol>
      <MeetingPlanCard meeting={meeting} />
      <AgendaBuilder meeting={meeting} />
      <NoticeExport meeting={meeting} />
      {editing && <MeetingDialog meeting={meeting} onClose={() => setEditing(false)} />}
    </section>
  );
}
