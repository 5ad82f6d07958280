import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Minutes, type MinutesContent, type MinutesItem } from '../../../shared/domain/minutes';
import { ErrorNote, Field } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { useMinutes } from '../../stores/minutes';
import { useAutosave } from './useAutosave';
import { formatTime } from '../../../shared/dates';
import { Annexes, AttendanceRecord, DecisionBadge, Lines } from './RecordParts';
import { closingFields, headerFields } from './sections';

export function DraftEditor({ minutes, defaultBy }: { minutes: Minutes; defaultBy: string }) {
  const { t } = useTranslation();
  const { content, update, flush, status } = useAutosave(minutes);
  const [finalizing, setFinalizing] = useState(false);
  const setHeader = (key: keyof MinutesContent['header'], value: string) =>
    update({ ...content, header: { ...content.header, [key]: value } });
  const setClosing = (key: keyof MinutesContent['closing'], value: string) =>
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
              ? t('minutes.saved', { time: formatTime(status.savedAt) })
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
              value={content.header[key] ?? ''}
              maxLength={200}
              onChange={(e) => setHeader(key, e.target.value)}
            />
          ))}
        </div>
      </section>

      <section className="card minutes-section">
        <h2>{t('minutes.sections.attendance')}</h2>
        <p className="muted record-note">{t('minutes.recordNote')}</p>
        <AttendanceRecord content={content} />
      </section>

      <section className="card minutes-section">
        <h2>{t('minutes.sections.items')}</h2>
        {content.items.map((item, index) => (
          <article key={item.agendaItemId} className="minutes-item" aria-label={`${item.number}. ${item.title}`}>
            <h3>
              {item.number}. {item.title} <DecisionBadge decision={item.decision} />
            </h3>
            <Field
              name={`item-${item.agendaItemId}-presenter`}
              label={t('minutes.fields.presenter')}
              value={item.presenter}
              maxLength={200}
              onChange={(e) => setItem(index, { presenter: e.target.value })}
            />
            <Prose
              name={`item-${item.agendaItemId}-discussion`}
              label={t('minutes.fields.discussion')}
              value={item.discussion}
              onChange={(discussion) => setItem(index, { discussion })}
            />
            <dl>
              <Lines label={t('minutes.fields.vote')} value={item.vote} />
            </dl>
            {/* Minutes drafted before decisions were recorded keep every field open, as they were. */}
            {item.decision === undefined || item.decision === 'adopted' ? (
              <>
                <Prose
                  name={`item-${item.agendaItemId}-resolution`}
                  label={t('minutes.fields.resolution')}
                  value={item.resolution}
                  onChange={(resolution) => setItem(index, { resolution })}
                />
                <div className="form-row">
                  <Field
                    name={`item-${item.agendaItemId}-owner`}
                    label={t('minutes.fields.owner')}
                    value={item.owner}
                    maxLength={200}
                    onChange={(e) => setItem(index, { owner: e.target.value })}
                  />
                  <DateField
                    name={`item-${item.agendaItemId}-deadline`}
                    label={t('minutes.fields.deadline')}
                    value={item.deadline}
                    onChange={(value) => setItem(index, { deadline: value })}
                  />
                </div>
              </>
            ) : (
              <p className="muted">{t('minutes.notResolution')}</p>
            )}
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
        <Field
          name="signing-representatives"
          type="number"
          min={0}
          max={20}
          label={t('minutes.representatives')}
          hint={t('minutes.representativesHint')}
          value={String(content.signing?.representatives ?? 0)}
          onChange={(e) =>
            update({
              ...content,
              signing: { representatives: Math.min(20, Math.max(0, Math.floor(Number(e.target.value) || 0))) },
            })
          }
        />
      </section>
      <Annexes annex={content.annex} />
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
