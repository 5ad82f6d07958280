import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunState } from '../../../shared/domain/run';
import { call, onAppEvent } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { hrefOf } from '../../stores/router';
import { useRun } from '../../stores/run';
import { StatusBadge } from '../meetings/StatusBadge';
import { AgendaRunPanel } from './AgendaRunPanel';
import { CheckInPanel } from './CheckInPanel';
import { VotePanel } from './VotePanel';

/** 会议进行: the screen a secretary drives for two hours. Every action is saved the moment it is made. */
export function RunPage({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const state = useRun((s) => s.state[meetingId]);
  const { run: load, error } = useAction(useRun.getState().load);

  useEffect(() => {
    void load(meetingId);
    return onAppEvent(
      (event) => event.type === 'meeting:changed' && event.id === meetingId && void useRun.getState().load(meetingId),
    );
  }, [meetingId, load]);

  if (!state)
    return (
      <section className="page">
        {error ? <ErrorNote message={error} /> : <p className="muted">{t('common.loading')}</p>}
      </section>
    );
  const readOnly = state.meeting.status === 'closed';
  const { figures } = state;
  // While it runs the quorum is judged on who is here now; once closed the record speaks (实到).
  const shown = readOnly ? figures.attended : figures.present;
  const reached = readOnly ? figures.quorum?.reached : figures.quorum?.reachedNow;
  return (
    <section className="run-page" aria-labelledby="run-title">
      <header className="run-header">
        <div>
          <a className="back-link" href={hrefOf({ page: 'meeting', id: meetingId })}>
            ← {t('run.backToPlan')}
          </a>
          <h1 id="run-title">
            {state.meeting.title} <StatusBadge status={state.meeting.status} />
          </h1>
        </div>
        <div
          className={reached === false ? 'quorum-pill' : 'quorum-pill ok'}
          role="status"
          aria-label={t('run.quorum')}
        >
          {t(readOnly ? 'run.attended' : 'run.present', { count: shown.total })}
          {shown.proxies > 0 && t('run.withProxies', { count: shown.proxies })}
          {figures.quorum && ` / ${t('run.required', { count: figures.quorum.required })}`}
          {' · '}
          {!figures.quorum ? t('run.noQuorumRule') : reached ? t('run.quorumReached') : t('run.quorumNotReached')}
          <small className="figures-line">
            {t('run.figures', {
              invited: figures.invited,
              attended: figures.attended.total,
              left: figures.left.total,
              guests: figures.guests,
            })}
          </small>
        </div>
        <ProjectorControls state={state} readOnly={readOnly} />
      </header>
      <div className="run-columns">
        <CheckInPanel meetingId={meetingId} readOnly={readOnly} />
        <AgendaRunPanel state={state} readOnly={readOnly} />
        <VotePanel key={state.currentItemId ?? 0} state={state} readOnly={readOnly} />
      </div>
    </section>
  );
}

function ProjectorControls({ state, readOnly }: { state: RunState; readOnly: boolean }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState(state.projector.message);
  const keep = useRun((s) => s.keep);
  const set = useAction(async (mode: 'live' | 'blank' | 'message') =>
    keep(await call('run:projector', { meetingId: state.meeting.id, mode, message })),
  );
  const mode = state.projector.mode;
  return (
    <div className="projector-controls" role="group" aria-label={t('run.projector')}>
      <a className="button" href={hrefOf({ page: 'projector', id: state.meeting.id })} target="yishi-projector">
        {t('run.openProjector')}
      </a>
      {!readOnly && (
        <>
          <button
            className={mode === 'blank' ? 'button on' : 'button'}
            aria-pressed={mode === 'blank'}
            onClick={() => void set.run(mode === 'blank' ? 'live' : 'blank')}
          >
            {t('run.blank')}
          </button>
          <input
            aria-label={t('run.message')}
            placeholder={t('run.message')}
            maxLength={200}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <button
            className={mode === 'message' ? 'button on' : 'button'}
            aria-pressed={mode === 'message'}
            onClick={() => void set.run(mode === 'message' ? 'live' : 'message')}
          >
            {mode === 'message' ? t('run.hideMessage') : t('run.showMessage')}
          </button>
        </>
      )}
      {/* The secretary cannot see the projector from the desk: say plainly what the room sees, and the way back. */}
      {mode !== 'live' && (
        <p className={mode === 'blank' ? 'projector-state dark' : 'projector-state'} role="status">
          {mode === 'blank' ? t('run.projectorDark') : t('run.projectorMessage', { message: state.projector.message })}{' '}
          {!readOnly && (
            <button className="button small" onClick={() => void set.run('live')}>
              {t('run.projectorBack')}
            </button>
          )}
        </p>
      )}
      <ErrorNote message={set.error} />
    </div>
  );
}
