import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunState } from '../../../shared/domain/run';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useTick } from '../../components/useTick';
import { clock, secondsSince, useRun } from '../../stores/run';

/** 议程进行: the current item with its timer, the speakers' queue with a countdown, and live notes. */
export function AgendaRunPanel({ state, readOnly }: { state: RunState; readOnly: boolean }) {
  const { t } = useTranslation();
  const clockOffset = useRun((s) => s.clockOffset);
  const attendees = useRun((s) => s.attendees[state.meeting.id]) ?? [];
  const keep = useRun((s) => s.keep);
  const act = useAction(async (work: () => Promise<RunState>) => keep(await work()));
  const run = (work: () => Promise<RunState>) => void act.run(work);
  const [speakerPick, setSpeakerPick] = useState<number | ''>('');
  useTick(500);

  const meetingId = state.meeting.id;
  const index = state.agenda.findIndex((i) => i.id === state.currentItemId);
  const current = state.agenda[index];
  const goto = (offset: number) => {
    const target = state.agenda[index === -1 ? 0 : index + offset];
    if (target) run(() => call('run:goto', { meetingId, itemId: target.id }));
  };
  const until = state.meeting.closedAt;
  const elapsed = current ? current.spentSeconds + secondsSince(state.itemStartedAt, clockOffset, until) : 0;
  const speaking = state.speakers.find((s) => s.status === 'speaking');
  const left = speaking ? state.speakerSeconds - secondsSince(speaking.startedAt, clockOffset, until) : 0;

  return (
    <section className="run-panel" aria-labelledby="agenda-run-title">
      <h2 id="agenda-run-title">{t('run.agenda')}</h2>
      <div className="run-nav">
        <button className="button" disabled={readOnly || index <= 0} onClick={() => goto(-1)}>
          ← {t('run.previous')}
        </button>
        <button
          className="button primary"
          disabled={readOnly || index >= state.agenda.length - 1}
          onClick={() => goto(1)}
        >
          {index === -1 ? t('run.begin') : t('run.next')} →
        </button>
      </div>
      {current ? (
        <div className="current-item">
          <p className="eyebrow">
            {t('run.currentItem')} {current.number}
          </p>
          <h3>{current.title}</h3>
          <p
            className={elapsed > current.plannedMinutes * 60 ? 'item-timer over' : 'item-timer'}
            role="timer"
            aria-label={t('run.itemTimer')}
          >
            {clock(elapsed)} / {current.plannedMinutes}:00
          </p>
        </div>
      ) : (
        <p className="muted">{t('run.notStarted')}</p>
      )}
      {current && (
        <>
          <h3>{t('run.speakers')}</h3>
          {speaking && (
            <p
              className={left < 0 ? 'speaker-clock over' : left <= 30 ? 'speaker-clock warn' : 'speaker-clock'}
              role="timer"
              aria-label={t('run.speakerTimer')}
            >
              {speaking.name} · {clock(left)}
              {left <= 30 && left >= 0 && ` · ${t('run.almostUp')}`}
              {left < 0 && ` · ${t('run.timeUp')}`}
            </p>
          )}
          <ol className="speakers" aria-label={t('run.speakers')}>
            {state.speakers.map((s, i) => (
              <li key={s.id} className={s.status}>
                <div className="speaker-line">
                  <strong>{s.name}</strong>
                  <span className="muted small">{t(`run.speakerStatus.${s.status}`)}</span>
                  {!readOnly && (
                    <span className="row-tools">
                      <button
                        className="icon"
                        aria-label={t('agenda.up')}
                        disabled={i === 0}
                        onClick={() => run(() => call('speaker:move', { id: s.id, index: i - 1 }))}
                      >
                        ↑
                      </button>
                      {s.status === 'queued' && (
                        <button className="button small" onClick={() => run(() => call('speaker:start', { id: s.id }))}>
                          {t('run.startSpeaking')}
                        </button>
                      )}
                      {s.status === 'speaking' && (
                        <button className="button small" onClick={() => run(() => call('speaker:done', { id: s.id }))}>
                          {t('run.doneSpeaking')}
                        </button>
                      )}
                    </span>
                  )}
                </div>
                <NoteField
                  label={t('run.speakerNote', { name: s.name })}
                  value={s.note}
                  disabled={readOnly}
                  save={(note) => act.run(() => call('speaker:note', { id: s.id, note }))}
                />
              </li>
            ))}
          </ol>
          {!readOnly && (
            <div className="inline-form">
              <select
                aria-label={t('run.addSpeaker')}
                value={speakerPick}
                onChange={(e) => setSpeakerPick(e.target.value ? Number(e.target.value) : '')}
              >
                <option value="">{t('run.addSpeaker')}</option>
                {attendees
                  .filter((a) => !a.leftAt)
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
              </select>
              <button
                className="button small"
                disabled={speakerPick === ''}
                onClick={() => {
                  run(() => call('speaker:add', { agendaItemId: current.id, attendanceId: Number(speakerPick) }));
                  setSpeakerPick('');
                }}
              >
                {t('run.queue')}
              </button>
              <label className="minutes">
                <input
                  type="number"
                  min={1}
                  max={30}
                  aria-label={t('run.speakerMinutes')}
                  defaultValue={state.speakerSeconds / 60}
                  onBlur={(e) =>
                    run(() =>
                      call('run:speakerSeconds', {
                        meetingId,
                        seconds: Math.round(Math.min(30, Math.max(0.5, Number(e.target.value) || 3)) * 60),
                      }),
                    )
                  }
                />
                {t('run.minutesPerSpeaker')}
              </label>
            </div>
          )}
          <h3>{t('run.itemNotes')}</h3>
          <NoteField
            key={current.id}
            label={t('run.itemNotes')}
            value={current.notes}
            disabled={readOnly}
            rows={4}
            save={(notes) => act.run(() => call('agenda:notes', { id: current.id, notes }))}
          />
        </>
      )}
      <ErrorNote message={act.error} />
    </section>
  );
}

/** A note typed live: the only unsaved state is the text being typed, saved when the field is left. */
function NoteField({
  label,
  value,
  disabled,
  rows = 2,
  save,
}: {
  label: string;
  value: string;
  disabled: boolean;
  rows?: number;
  save(text: string): Promise<boolean>;
}) {
  const [text, setText] = useState<string | null>(null);
  return (
    <textarea
      aria-label={label}
      placeholder={label}
      rows={rows}
      maxLength={10000}
      disabled={disabled}
      value={text ?? value}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (text !== null && text !== value) void save(text).then((ok) => ok && setText(null));
        else setText(null);
      }}
    />
  );
}
