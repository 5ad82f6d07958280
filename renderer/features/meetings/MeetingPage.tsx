import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaTotal } from '../../../shared/domain/agenda';
import {
  meetingKindLabels,
  meetingStatuses,
  meetingStatusLabels,
  nextStatusesOf,
  type Meeting,
  type MeetingStatus,
} from '../../../shared/domain/meeting';
import type { Localized } from '../../../shared/errors';
import { confirmDialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { useMeetings } from '../../stores/meetings';
import { useAgenda } from '../../stores/agenda';
import { hrefOf, navigate } from '../../stores/router';
import { AgendaBuilder } from './AgendaBuilder';
import { MeetingTimes } from './MeetingTimes';
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
  const [warning, setWarning] = useState<Localized | null>(null);
  const advance = useAction(async (meetingId: number, status: MeetingStatus) =>
    setWarning(await setStatus(meetingId, status)),
  );

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

  /** Ask before what deserves a second look; a started meeting opens where it is run. */
  async function moveTo(status: MeetingStatus, current: Meeting) {
    const { total, over } = agendaTotal(useAgenda.getState().byMeeting[current.id] ?? [], current.durationMinutes);
    const confirmed =
      status === 'closed'
        ? await confirmDialog({
            title: t('meeting.advance.closed'),
            message: t('meeting.confirmClose', { title: current.title }),
            confirm: t('meeting.advance.closed'),
            cancel: t('meeting.keepOpen'),
            danger: true,
          })
        : status === 'announced' && over > 0
          ? await confirmDialog({
              title: t('meeting.overTitle'),
              message: t('meeting.publishOver', { total, over, length: current.durationMinutes }),
              confirm: t('meeting.publishAnyway'),
              cancel: t('meeting.adjust'),
            })
          : true;
    if (!confirmed) return;
    if ((await advance.run(current.id, status)) && status === 'in_progress') navigate({ page: 'run', id: current.id });
  }
  const next = nextStatusesOf(meeting.status);
  const forward = next.filter((s) => s !== 'closed');

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
            <MeetingTimes meeting={meeting} /> · {meeting.place || t('meetings.noPlace')}
          </p>
        </div>
        <div className="header-actions">
          {meeting.status === 'closed' ? (
            <a className="button primary" href={hrefOf({ page: 'minutes', id: meeting.id })}>
              {t('minutes.open')}
            </a>
          ) : (
            <a
              className={meeting.status === 'in_progress' ? 'button primary' : 'button'}
              href={hrefOf({ page: 'run', id: meeting.id })}
            >
              {t('meeting.run')}
            </a>
          )}
          {meeting.status !== 'closed' && (
            <button className="button" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
          )}
          {forward.map((status, index) => (
            <button
              key={status}
              className={index === 0 ? 'button primary' : 'button'}
              disabled={advance.busy}
              onClick={() => void moveTo(status, meeting)}
            >
              {t(`meeting.advance.${status as Exclude<MeetingStatus, 'draft'>}`)}
            </button>
          ))}
          {/* Ending is final: set apart from the everyday buttons, red, and asked about in the app. */}
          {next.includes('closed') && (
            <button
              className="button danger-outline set-apart"
              disabled={advance.busy}
              onClick={() => void moveTo('closed', meeting)}
            >
              {t('meeting.advance.closed')}
            </button>
          )}
        </div>
      </header>
      <ErrorNote message={advance.error} />
      {warning && (
        <p className="warning-banner" role="alert">
          {pick(warning)}
        </p>
      )}
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
