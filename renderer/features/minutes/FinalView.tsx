import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sectionName } from '../../i18n';
import { minutesSections, type Minutes } from '../../../shared/domain/minutes';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { useMinutes } from '../../stores/minutes';
import { formatDate, formatLocalDateTime } from '../meetings/format';
import { Annexes, AttendanceRecord, DecisionBadge, Lines } from './RecordParts';
import { closingFields, headerFields, itemProse } from './sections';

export function FinalView({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState(false);
  const [amending, setAmending] = useState(false);
  const { content } = minutes;
  return (
    <>
      <section className="card final-banner" aria-label={t('minutes.final')}>
        <p className="strong">
          {t('minutes.finalized', { by: minutes.finalizedBy, at: formatLocalDateTime(minutes.finalizedAt!) })}
        </p>
        <p className="muted">{t('minutes.lockedNote')}</p>
        <details className="technical">
          <summary>{t('minutes.technical')}</summary>
          <dl className="facts">
            <dt>{t('minutes.contentHash')}</dt>
            <dd className="mono small">{minutes.recordHash}</dd>
            <dt>{t('minutes.auditHead')}</dt>
            <dd className="mono small">{minutes.auditHead}</dd>
          </dl>
        </details>
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
        <dl>
          {headerFields.map((key) => (
            <Lines key={key} label={t(`minutes.fields.${key}`)} value={content.header[key]} />
          ))}
        </dl>
        <h2>{t('minutes.sections.attendance')}</h2>
        <AttendanceRecord content={content} />
        <h2>{t('minutes.sections.items')}</h2>
        {content.items.map((item) => (
          <article key={item.agendaItemId} className="minutes-item">
            <h3>
              {item.number}. {item.title} <DecisionBadge decision={item.decision} />
            </h3>
            <dl>
              <Lines label={t('minutes.fields.presenter')} value={item.presenter} />
              {itemProse.map((key) => (
                <Lines key={key} label={t(`minutes.fields.${key}`)} value={item[key]} />
              ))}
              <Lines label={t('minutes.fields.owner')} value={item.owner} />
              <Lines label={t('minutes.fields.deadline')} value={item.deadline && formatDate(item.deadline)} />
            </dl>
          </article>
        ))}
        <h2>{t('minutes.sections.closing')}</h2>
        <dl>
          {closingFields.map((key) => (
            <Lines key={key} label={t(`minutes.fields.${key}`)} value={content.closing[key]} />
          ))}
        </dl>
      </section>
      <Annexes annex={content.annex} />
      {minutes.amendments.length > 0 && (
        <section className="card" aria-labelledby="amendments-title">
          <h2 id="amendments-title">{t('minutes.amendments')}</h2>
          <ul className="amendments">
            {minutes.amendments.map((a, i) => (
              <li key={a.id}>
                <p className="strong">
                  {t('minutes.amendment', {
                    n: i + 1,
                    section: sectionName(a.section),
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
            <option key={s} value={s}>
              {sectionName(s)}
            </option>
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
