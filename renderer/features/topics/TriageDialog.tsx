import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { triageDecisionLabels, type Topic, type TriageDecision } from '../../../shared/domain/topic';
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
  const [original, setOriginal] = useState<number | ''>('');
  const apply = useAction(async () => {
    if (action.kind === 'decision') {
      await call('topic:triage', { ids: topics.map((x) => x.id), decision: action.decision, reason });
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
            autoFocus
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
