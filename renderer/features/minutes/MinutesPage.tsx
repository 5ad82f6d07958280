import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minutesSections, type Minutes, type MinutesContent, type MinutesItem } from '../../../shared/domain/minutes';
import { messageOf } from '../../api/client';
import { ErrorNote, Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { useMeetings } from '../../stores/meetings';
import { useMinutes } from '../../stores/minutes';
import { hrefOf } from '../../stores/router';
import { formatLocalDateTime } from '../meetings/format';
import { RecordExport } from './RecordExport';

type Header = MinutesContent['header'];
type Attendance = MinutesContent['attendance'];
type Closing = MinutesContent['closing'];

const headerFields: (keyof Header)[] = ['title', 'kind', 'pavilion', 'date', 'time', 'place', 'host', 'recorder'];
const attendanceFields: (keyof Attendance)[] = ['summary', 'present', 'guests', 'proxies', 'absent', 'quorum'];
const closingFields: (keyof Closing)[] = ['followUps', 'other'];
const itemProse = ['discussion', 'vote', 'resolution'] as const;

/** Wait this long after the last keystroke before saving; leaving a field saves at once. */
const autosaveDelay = 600;

export function MinutesPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const minutes = useMinutes((s) => s.byId[id]);
  const meeting = useMeetings((s) => s.byId[id]);
  const loadMinutes = useAction(useMinutes.getState().load);
  const loadMeeting = useMeetings((s) => s.load);

  useEffect(() => {
    void loadMinutes.run(id);
    void loadMeeting(id);
  }, [id, loadMinutes.run, loadMeeting]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="page minutes-page" aria-labelledby="minutes-title">
      <a className="back-link" href={hrefOf({ page: 'meeting', id })}>
        ← {meeting?.title ?? t('common.back')}
      </a>
      {!minutes ? (
        loadMinutes.error ? (
          <ErrorNote message={loadMinutes.error} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <>
          <header className="page-header">
            <div>
              <p className="eyebrow">{t('minutes.title')}</p>
              <h1 id="minutes-title">
                {minutes.content.header.title}{' '}
                <span className={`badge ${minutes.status === 'final' ? 'status-closed' : 'status-draft'}`}>
                  {t(`minutes.${minutes.status}`)}
                </span>
              </h1>
            </div>
          </header>
          {minutes.status === 'draft' ? (
            <DraftEditor minutes={minutes} defaultBy={meeting?.recorder || meeting?.host || ''} />
          ) : (
            <>
              <FinalView minutes={minutes} />
              <RecordExport meetingId={id} />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Every change is saved on its own after a pause in typing, and at once when the field is left. */
function useAutosave(minutes: Minutes) {
  const save = useMinutes((s) => s.save);
  const [content, setContent] = useState(minutes.content);
  const [status, setStatus] = useState<{ pending: boolean; savedAt: Date | null; error: string | null }>({
    pending: false,
    savedAt: null,
    error: null,
  });
  const latest = useRef(content);
  const timer = useRef<number | null>(null);
  /** Changes typed so far, and how many of them the main side has confirmed. */
  const typed = useRef(0);

  const flush = useCallback(async () => {
    if (timer.current === null) return;
    window.clearTimeout(timer.current);
    timer.current = null;
    const version = typed.current;
    try {
      await save(minutes.meetingId, latest.current);
      if (version === typed.current) setStatus({ pending: false, savedAt: new Date(), error: null });
    } catch (error) {
      setStatus({ pending: false, savedAt: null, error: messageOf(error) });
    }
  }, [save, minutes.meetingId]);

  const update = (next: MinutesContent) => {
    latest.current = next;
    typed.current += 1;
    setContent(next);
    setStatus((s) => ({ ...s, pending: true }));
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), autosaveDelay);
  };
  useEffect(() => {
    // Closing the window with a change still on its way: ask first, as any editor would.
    const guard = (event: BeforeUnloadEvent) => {
      if (timer.current !== null) {
        void flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', guard);
    return () => {
      window.removeEventListener('beforeunload', guard);
      void flush();
    };
  }, [flush]);
  return { content, update, flush, status };
}

function DraftEditor({ minutes, defaultBy }: { minutes: Minutes; defaultBy: string }) {
  const { t } = useTranslation();
  const { content, update, flush, status } = useAutosave(minutes);
  const [finalizing, setFinalizing] = useState(false);
  const setHeader = (key: keyof Header, value: string) =>
    update({ ...content, header: { ...content.header, [key]: value } });
  const setAttendance = (key: keyof Attendance, value: string) =>
    update({ ...content, attendance: { ...content.attendance, [key]: value } });
  const setClosing = (key: keyof Closing, value: string) =>
    update({ ...content, closing: { ...content.closing, [key]: value } });
  const setItem = (index: number, changes: Partial<MinutesItem>) =>
    update({ ...content, items: content.items.map((item, i) => (i === index ? { ...item, ...changes } : item)) });

  return (
    <div onBlur={() => void flush()}>
      <div className="minutes-toolbar">
        <p className="muted">{t('minutes.draftHint')}</p>
        <span className="muted small" role="status">
          {status.pending
            ? t('minutes.saving')
            : status.savedAt
              ? t('minutes.saved', { time: status.savedAt.toLocaleTimeString() })
              : ''}
        </span>
        <button
          className="button primary"
          onClick={() => void flush().then(() => setFinalizing(true))}
          disabled={status.pending}
        >
          {t('minutes.finalize')}
        </button>
      </div>
      <ErrorNote message={status.error} />

      <section className="card minutes-section">
        <h2>{t('minutes.sections.header')}</h2>
        <div className="form-row">
          {headerFields.map((key) => (
            <Field
              key={key}
              name={`header-${key}`}
              label={t(`minutes.fields.${key}`)}
              value={content.header[key]}
              maxLength={200}
              onChange={(e) => setHeader(key, e.target.value)}
            />
          ))}
        </div>
      </section>

      <section className="card minutes-section">
        <h2>{t('minutes.sections.attendance')}</h2>
        {attendanceFields.map((key) => (
          <Prose
            key={key}
            name={`attendance-${key}`}
            label={t(`minutes.fields.${key}`)}
            value={content.attendance[key]}
            onChange={(value) => setAttendance(key, value)}
          />
        ))}
      </section>

      <section className="card minutes-section">
        <h2>{t('minutes.sections.items')}</h2>
        {content.items.map((item, index) => (
          <article key={item.agendaItemId} className="minutes-item" aria-label={`${item.number}. ${item.title}`}>
            <h3>
              {item.number}. {item.title}
            </h3>
            <Field
              name={`item-${item.agendaItemId}-presenter`}
              label={t('minutes.fields.presenter')}
              value={item.presenter}
              maxLength={200}
              onChange={(e) => setItem(index, { presenter: e.target.value })}
            />
            {itemProse.map((key) => (
              <Prose
                key={key}
                name={`item-${item.agendaItemId}-${key}`}
                label={t(`minutes.fields.${key}`)}
                value={item[key]}
                onChange={(value) => setItem(index, { [key]: value })}
              />
            ))}
            <div className="form-row">
              <Field
                name={`item-${item.agendaItemId}-owner`}
                label={t('minutes.fields.owner')}
                value={item.owner}
                maxLength={200}
                onChange={(e) => setItem(index, { owner: e.target.value })}
              />
              <Field
                name={`item-${item.agendaItemId}-deadline`}
                type="date"
                label={t('minutes.fields.deadline')}
                value={item.deadline}
                onChange={(e) => setItem(index, { deadline: e.target.value })}
              />
            </div>
          </article>
        ))}
      </section>

      <section className="card minutes-section">
        <h2>{t('minutes.sections.closing')}</h2>
        {closingFields.map((key) => (
          <Prose
            key={key}
            name={`closing-${key}`}
            label={t(`minutes.fields.${key}`)}
            value={content.closing[key]}
            onChange={(value) => setClosing(key, value)}
          />
        ))}
      </section>
      {finalizing && (
        <FinalizeDialog meetingId={minutes.meetingId} defaultBy={defaultBy} onClose={() => setFinalizing(false)} />
      )}
    </div>
  );
}

function Prose({
  name,
  label,
  value,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  const id = `field-${name}`;
  return (
    <label className="field" htmlFor={id}>
      <span className="field-label">{label}</span>
      <textarea
        id={id}
        value={value}
        maxLength={20_000}
        rows={Math.min(12, Math.max(2, value.split('\n').length + 1))}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

function FinalizeDialog({ meetingId, defaultBy, onClose }: { meetingId: number; defaultBy: string; onClose(): void }) {
  const { t } = useTranslation();
  const [by, setBy] = useState(defaultBy);
  const finalizing = useAction(useMinutes.getState().finalize);
  return (
    <FormDialog
      title={t('minutes.finalizeTitle')}
      submitLabel={t('minutes.finalize')}
      busy={finalizing.busy}
      error={finalizing.error}
      onSubmit={() => finalizing.run(meetingId, by)}
      onClose={onClose}
    >
      <p>{t('minutes.finalizeWarning')}</p>
      <Field
        name="finalizeBy"
        label={t('minutes.finalizeBy')}
        value={by}
        required
        maxLength={40}
        autoFocus
        onChange={(e) => setBy(e.target.value)}
      />
    </FormDialog>
  );
}

/** Finalized minutes: read-only, with their hashes, and amendments shown after the original. */
function FinalView({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState(false);
  const [amending, setAmending] = useState(false);
  const { content } = minutes;
  const lines = (label: string, value: string) =>
    value.trim() ? (
      <div className="minutes-field">
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    ) : null;
  return (
    <>
      <section className="card final-banner" aria-label={t('minutes.final')}>
        <p className="strong">
          {t('minutes.finalized', { by: minutes.finalizedBy, at: formatLocalDateTime(minutes.finalizedAt!) })}
        </p>
        <dl className="facts">
          <dt>{t('minutes.contentHash')}</dt>
          <dd className="mono small">{minutes.recordHash}</dd>
          <dt>{t('minutes.auditHead')}</dt>
          <dd className="mono small">{minutes.auditHead}</dd>
        </dl>
        <div className="header-actions">
          <button className="button" onClick={() => setRefused(true)}>
            {t('minutes.edit')}
          </button>
          <button className="button primary" onClick={() => setAmending(true)}>
            {t('minutes.amend')}
          </button>
        </div>
        {refused && (
          <p className="error-note" role="alert">
            {t('minutes.locked')}{' '}
            <button className="button small" onClick={() => setAmending(true)}>
              {t('minutes.amend')}
            </button>
          </p>
        )}
      </section>
      <section className="card minutes-read">
        <h2>{t('minutes.sections.header')}</h2>
        <dl>{headerFields.map((key) => lines(t(`minutes.fields.${key}`), content.header[key]))}</dl>
        <h2>{t('minutes.sections.attendance')}</h2>
        <dl>{attendanceFields.map((key) => lines(t(`minutes.fields.${key}`), content.attendance[key]))}</dl>
        <h2>{t('minutes.sections.items')}</h2>
        {content.items.map((item) => (
          <article key={item.agendaItemId} className="minutes-item">
            <h3>
              {item.number}. {item.title}
            </h3>
            <dl>
              {lines(t('minutes.fields.presenter'), item.presenter)}
              {itemProse.map((key) => lines(t(`minutes.fields.${key}`), item[key]))}
              {lines(t('minutes.fields.owner'), item.owner)}
              {lines(t('minutes.fields.deadline'), item.deadline)}
            </dl>
          </article>
        ))}
        <h2>{t('minutes.sections.closing')}</h2>
        <dl>{closingFields.map((key) => lines(t(`minutes.fields.${key}`), content.closing[key]))}</dl>
      </section>
      {minutes.amendments.length > 0 && (
        <section className="card" aria-labelledby="amendments-title">
          <h2 id="amendments-title">{t('minutes.amendments')}</h2>
          <ul className="amendments">
            {minutes.amendments.map((a, i) => (
              <li key={a.id}>
                <p className="strong">
                  {t('minutes.amendment', {
                    n: i + 1,
                    section: a.section,
                    author: a.author,
                    at: formatLocalDateTime(a.createdAt),
                  })}
                </p>
                <p className="prose">{a.text}</p>
                <p className="muted small">{t('minutes.reason', { reason: a.reason })}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {amending && (
        <AmendDialog
          minutes={minutes}
          onClose={() => {
            setAmending(false);
            setRefused(false);
          }}
        />
      )}
    </>
  );
}

function AmendDialog({ minutes, onClose }: { minutes: Minutes; onClose(): void }) {
  const { t } = useTranslation();
  const sections = minutesSections(minutes.content);
  const [draft, setDraft] = useState({ section: sections[0]!, text: '', reason: '', author: minutes.finalizedBy });
  const amending = useAction(useMinutes.getState().amend);
  return (
    <FormDialog
      title={t('minutes.amendTitle')}
      submitLabel={t('minutes.amend')}
      busy={amending.busy}
      error={amending.error}
      onSubmit={() => amending.run({ id: minutes.meetingId, ...draft })}
      onClose={onClose}
    >
      <label className="field" htmlFor="field-amend-section">
        <span className="field-label">{t('minutes.amendSection')}</span>
        <select
          id="field-amend-section"
          value={draft.section}
          onChange={(e) => setDraft({ ...draft, section: e.target.value })}
        >
          {sections.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor="field-amend-text">
        <span className="field-label">{t('minutes.amendText')}</span>
        <textarea
          id="field-amend-text"
          required
          rows={4}
          maxLength={5000}
          value={draft.text}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
        />
      </label>
      <Field
        name="amendReason"
        label={t('minutes.amendReason')}
        required
        maxLength={500}
        value={draft.reason}
        onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
      />
      <Field
        name="amendAuthor"
        label={t('minutes.amendAuthor')}
        required
        maxLength={40}
        value={draft.author}
        onChange={(e) => setDraft({ ...draft, author: e.target.value })}
      />
    </FormDialog>
  );
}
