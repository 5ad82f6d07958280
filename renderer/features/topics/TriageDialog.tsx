import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commonDepartments, triageDecisionLabels, type Topic, type TriageDecision } from '../../../shared/domain/topic';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';

export type TriageAction = { kind: 'decision'; decision: TriageDecision } | { kind: 'duplicate' };

/** Ask for what a triage step needs: a reason (kept with the topic), or which topic this one repeats. */
export function TriageDialog({
  action,
  topics,
  candidates,
  onDone,
  onClose,
}: {
  action: TriageAction;
  topics: Topic[];
  candidates: Topic[];
  onDone(): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const referral = action.kind === 'decision' && action.decision.startsWith('refer_');
  const [original, setOriginal] = useState<number | ''>('');
  const apply = useAction(async () => {
    if (action.kind === 'decision') {
      await call('topic:triage', { ids: topics.map((x) => x.id), decision: action.decision, reason, referredTo });
    } else {
      for (const topic of topics) await call('topic:markDuplicate', { id: topic.id, of: Number(original) });
    }
    await onDone();
  });

  const title = action.kind === 'decision' ? pick(triageDecisionLabels[action.decision]) : t('topics.markDuplicate');
  return (
    <FormDialog
      title={title}
      submitLabel={t('topics.apply')}
      busy={apply.busy}
      error={apply.error}
      onSubmit={() => apply.run()}
      onClose={onClose}
    >
      <ul className="plain-list">
        {topics.map((x) => (
          <li key={x.id}>
            #{x.id} {x.title}
          </li>
        ))}
      </ul>
      {referral && action.kind === 'decision' && (
        <label className="field" htmlFor="triage-to">
          <span className="field-label">
            {action.decision === 'refer_department' ? t('topics.department') : t('topics.mediator')}
            {action.decision === 'refer_department' && <span className="field-required"> *</span>}
          </span>
          <input
            id="triage-to"
            list="triage-departments"
            maxLength={60}
            autoFocus
            required={action.decision === 'refer_department'}
            placeholder={action.decision === 'refer_department' ? t('topics.departmentHint') : t('topics.mediatorHint')}
            value={referredTo}
            onChange={(e) => setReferredTo(e.target.value)}
          />
          {action.decision === 'refer_department' && (
            <datalist id="triage-departments">
              {commonDepartments.map((d) => (
                <option key={d} value={d} />
              ))}
            </datalist>
          )}
        </label>
      )}
      {action.kind === 'decision' ? (
        <label className="field" htmlFor="triage-reason">
          <span className="field-label">
            {t('topics.reason')}
            {action.decision !== 'accept' && <span className="field-required"> *</span>}
          </span>
          <textarea
            id="triage-reason"
            rows={3}
            maxLength={500}
            autoFocus={!referral}
            required={action.decision !== 'accept'}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      ) : (
        <label className="field" htmlFor="duplicate-of">
          <span className="field-label">{t('topics.duplicateOf')}</span>
          <select
            id="duplicate-of"
            required
            value={original}
            onChange={(e) => setOriginal(e.target.value ? Number(e.target.value) : '')}
          >
            <option value="">—</option>
            {candidates.map((x) => (
              <option key={x.id} value={x.id}>
                #{x.id} {x.title}
              </option>
            ))}
          </select>
        </label>
      )}
    </FormDialog>
  );
}
