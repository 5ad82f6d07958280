import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  actionStatuses,
  actionStatusLabels,
  ownerParties,
  satisfactionLabels,
  satisfactions,
  type ActionItem,
  type ActionStatus,
  type Satisfaction,
} from '../../../shared/domain/followup';
import { ErrorNote, Field } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { formatDate } from '../meetings/format';
import { useFollowup } from '../../stores/followup';
import { today } from '../meetings/format';

/** One resolution being followed: its owner, deadline and status, progress notes and supervision checks. */
export function ActionItemCard({ item }: { item: ActionItem }) {
  const { t } = useTranslation();
  const update = useFollowup((s) => s.update);
  const [owner, setOwner] = useState(item.owner);
  const [deadline, setDeadline] = useState(item.deadline ?? '');
  const [status, setStatus] = useState<ActionStatus>(item.status);
  const [reason, setReason] = useState(item.reason);
  const [satisfaction, setSatisfaction] = useState<Satisfaction | ''>(item.satisfaction ?? '');
  const saving = useAction(update);
  const [saved, setSaved] = useState(false);
  const titleId = `item-${item.id}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const ok = await saving.run({
      id: item.id,
      owner,
      deadline: deadline || null,
      status,
      reason: status === 'impossible' ? reason : '',
      satisfaction: status === 'done' && satisfaction ? satisfaction : null,
    });
    setSaved(ok);
  }

  return (
    <article className="card followup-item" aria-labelledby={titleId}>
      <div className="card-header">
        <h2 id={titleId}>{item.title}</h2>
        <span className={`badge action-${item.status}`}>{pick(actionStatusLabels[item.status])}</span>
        {item.overdue && <span className="badge verdict-tampered">{t('followup.overdue')}</span>}
        {item.closedOn && (
          <span className="muted small push-right">{t('followup.closedOn', { date: formatDate(item.closedOn) })}</span>
        )}
      </div>
      <p className="muted small">
        {t('followup.fromMeeting', { title: item.meetingTitle, date: item.heldOn && formatDate(item.heldOn) })}
      </p>
      <p className="prose">{item.resolution}</p>
      <form className="followup-form" onSubmit={(e) => void save(e)}>
        <Field
          name={`owner-${item.id}`}
          label={t('followup.owner')}
          placeholder={t('followup.ownerPlaceholder')}
          value={owner}
          maxLength={60}
          list="owner-parties"
          onChange={(e) => setOwner(e.target.value)}
        />
        <DateField
          name={`deadline-${item.id}`}
          label={t('followup.deadline')}
          value={deadline}
          onChange={(value) => setDeadline(value)}
        />
        <label className="field" htmlFor={`status-${item.id}`}>
          <span className="field-label">{t('followup.status')}</span>
          <select id={`status-${item.id}`} value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
            {actionStatuses.map((s) => (
              <option key={s} value={s}>
                {pick(actionStatusLabels[s])}
              </option>
            ))}
          </select>
        </label>
        {status === 'done' && (
          <label className="field" htmlFor={`satisfaction-${item.id}`}>
            <span className="field-label">{t('followup.satisfaction')}</span>
            <select
              id={`satisfaction-${item.id}`}
              value={satisfaction}
              onChange={(e) => setSatisfaction(e.target.value as Satisfaction | '')}
            >
              <option value="">{t('followup.notRated')}</option>
              {satisfactions.map((s) => (
                <option key={s} value={s}>
                  {pick(satisfactionLabels[s])}
                </option>
              ))}
            </select>
          </label>
        )}
        {status === 'impossible' && (
          <Field
            name={`reason-${item.id}`}
            label={t('followup.reason')}
            value={reason}
            required
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <div className="form-actions">
          <button className="button primary" type="submit" disabled={saving.busy}>
            {saving.busy ? t('common.saving') : t('followup.save')}
          </button>
          {saved && (
            <span className="success-note" role="status">
              ✓ {t('followup.saved')}
            </span>
          )}
        </div>
      </form>
      <ErrorNote message={saving.error} />
      <datalist id="owner-parties">
        {ownerParties.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <Progress item={item} />
      <Checks item={item} />
    </article>
  );
}

function Progress({ item }: { item: ActionItem }) {
  const { t } = useTranslation();
  const addProgress = useFollowup((s) => s.addProgress);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const adding = useAction(addProgress);
  return (
    <div className="followup-log">
      <h3>{t('followup.progress')}</h3>
      <ul className="timeline">
        {item.progress.map((p) => (
          <li key={p.id}>
            <span className="muted">{formatDate(p.date)}</span> {p.note}
          </li>
        ))}
      </ul>
      <form
        className="log-form progress-form"
        onSubmit={(e) => {
          e.preventDefault();
          void adding.run({ id: item.id, date, note }).then((ok) => ok && setNote(''));
        }}
      >
        <DateField
          name={`progress-date-${item.id}`}
          label={t('followup.date')}
          value={date}
          required
          onChange={(value) => setDate(value)}
        />
        <Field
          name={`progress-note-${item.id}`}
          label={t('followup.progressNote')}
          value={note}
          required
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
        />
        <button className="button" type="submit" disabled={adding.busy}>
          {t('followup.addProgress')}
        </button>
      </form>
      <ErrorNote message={adding.error} />
    </div>
  );
}

function Checks({ item }: { item: ActionItem }) {
  const { t } = useTranslation();
  const { supervisors, addCheck } = useFollowup();
  const active = supervisors.filter((s) => s.active);
  const [supervisorId, setSupervisorId] = useState<number | ''>('');
  const [date, setDate] = useState(today);
  const [findings, setFindings] = useState('');
  const [rectification, setRectification] = useState('');
  const adding = useAction(addCheck);
  const chosen = supervisorId || active[0]?.id;
  return (
    <div className="followup-log">
      <h3>{t('followup.checks')}</h3>
      <ul className="timeline">
        {item.checks.map((c) => (
          <li key={c.id}>
            <span className="muted">
              {formatDate(c.date)} · {c.supervisor}
            </span>{' '}
            {c.findings}
            {c.rectification && (
              <div className="small">
                {t('followup.rectification')}：{c.rectification}
              </div>
            )}
          </li>
        ))}
      </ul>
      {active.length === 0 ? (
        <p className="muted small">{t('followup.noSupervisors')}</p>
      ) : (
        <form
          className="log-form check-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return;
            void adding
              .run({ id: item.id, supervisorId: chosen, date, findings, rectification })
              .then((ok) => ok && (setFindings(''), setRectification('')));
          }}
        >
          <label className="field" htmlFor={`supervisor-${item.id}`}>
            <span className="field-label">{t('followup.supervisor')}</span>
            <select
              id={`supervisor-${item.id}`}
              value={chosen}
              onChange={(e) => setSupervisorId(Number(e.target.value))}
            >
              {active.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <DateField
            name={`check-date-${item.id}`}
            label={t('followup.date')}
            value={date}
            required
            onChange={(value) => setDate(value)}
          />
          <Field
            name={`findings-${item.id}`}
            label={t('followup.findings')}
            value={findings}
            required
            maxLength={1000}
            onChange={(e) => setFindings(e.target.value)}
          />
          <Field
            name={`rectification-${item.id}`}
            label={t('followup.rectification')}
            value={rectification}
            maxLength={1000}
            onChange={(e) => setRectification(e.target.value)}
          />
          <button className="button" type="submit" disabled={adding.busy}>
            {t('followup.addCheck')}
          </button>
        </form>
      )}
      <ErrorNote message={adding.error} />
    </div>
  );
}
