import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/contract';
import { voteRuleLabels, voteRules, type VoteRule } from '../../../shared/domain/agenda';
import type { RunState } from '../../../shared/domain/run';
import {
  voteMethodLabels,
  voteMethods,
  voterLabel,
  type HouseholdVoter,
  type VoteMethod,
  type VoteRecord,
  type Voter,
} from '../../../shared/domain/vote';
import type { Choice } from '../../../shared/voting';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { pick } from '../../i18n';
import { useRun } from '../../stores/run';

type Counts = { for: number; against: number; abstain: number; invalid: number };
const choices: Choice[] = ['for', 'against', 'abstain'];

function methodFor(rule: VoteRule | null): VoteMethod {
  if (rule === 'consensus') return 'consensus';
  return rule?.startsWith('owners') ? 'owners' : 'hands';
}

/** Rules that make sense for each method: owners' rules only by household, consensus only as consensus. */
function rulesFor(method: VoteMethod): VoteRule[] {
  if (method === 'consensus') return ['consensus'];
  if (method === 'owners') return ['owners_ordinary', 'owners_major'];
  return voteRules.filter((r) => r !== 'consensus' && !r.startsWith('owners'));
}

/** 表决 for the current item: enter the result the way it was taken; the rule decides; corrections keep both. */
export function VotePanel({ state, readOnly }: { state: RunState; readOnly: boolean }) {
  const { t } = useTranslation();
  const item = state.agenda.find((i) => i.id === state.currentItemId);
  // The item's planned rule sets the starting method and rule (the panel is remounted per item).
  const [method, setMethod] = useState<VoteMethod>(() => methodFor(item?.voteRule ?? null));
  const [rule, setRule] = useState<VoteRule>(() => item?.voteRule ?? 'simple_majority');
  const [question, setQuestion] = useState('');
  const [counts, setCounts] = useState<Counts>({ for: 0, against: 0, abstain: 0, invalid: 0 });
  const [wording, setWording] = useState('');
  const [roll, setRoll] = useState<Record<number, Choice>>({});
  const [owners, setOwners] = useState<Record<number, Choice>>({});
  const [voters, setVoters] = useState<{ people: Voter[]; households: HouseholdVoter[] }>({
    people: [],
    households: [],
  });
  const [correcting, setCorrecting] = useState<VoteRecord | null>(null);
  const [reason, setReason] = useState('');
  const record = useAction(async (input: Input<'vote:record'>) => {
    await call('vote:record', input);
    await useRun.getState().load(state.meeting.id);
  });

  // A correction opens with what was entered: fixing one household must not mean clicking all 28 again.
  const correct = useAction(async (v: VoteRecord) => {
    const entered = await call('vote:ballots', { id: v.id });
    setCorrecting(v);
    setMethod(entered.method);
    setRule(v.rule);
    setQuestion(v.question);
    if (entered.method === 'consensus') setWording(entered.wording);
    if (entered.method === 'hands' || entered.method === 'secret') setCounts(entered.counts);
    if (entered.method === 'roll_call')
      setRoll(Object.fromEntries(entered.choices.map((c) => [c.residentId, c.choice])));
    if (entered.method === 'owners')
      setOwners(Object.fromEntries(entered.choices.map((c) => [c.householdId, c.choice])));
  });

  // Who may vote changes with every check-in and departure (a proxy goes with its holder): ask again each time.
  const named = method === 'roll_call' || method === 'owners';
  useEffect(() => {
    if (named) void call('vote:voters', { id: state.meeting.id }).then(setVoters);
  }, [named, state.meeting.id, state.figures]);

  if (!item)
    return (
      <section className="run-panel">
        <h2>{t('run.votes')}</h2>
        <p className="muted">{t('run.noItem')}</p>
      </section>
    );
  const effectiveQuestion = question || item.question;
  const chooseMethod = (next: VoteMethod) => {
    setMethod(next);
    const allowed = rulesFor(next);
    setRule(item.voteRule && allowed.includes(item.voteRule) ? item.voteRule : allowed[0]!);
  };

  function ballots(): Input<'vote:record'>['ballots'] {
    switch (method) {
      case 'consensus':
        return { method, wording };
      case 'hands':
      case 'secret':
        return { method, counts };
      case 'roll_call':
        // Only lines still on the list: a proxy whose holder left meanwhile no longer votes.
        return {
          method,
          choices: voters.people.flatMap((v) =>
            roll[v.residentId] ? [{ residentId: v.residentId, choice: roll[v.residentId]! }] : [],
          ),
        };
      case 'owners':
        return { method, choices: Object.entries(owners).map(([id, choice]) => ({ householdId: Number(id), choice })) };
    }
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await record.run({
      agendaItemId: item!.id,
      rule,
      question: effectiveQuestion,
      ballots: ballots(),
      ...(correcting ? { corrects: { voteId: correcting.id, reason } } : {}),
    });
    if (ok) {
      setCorrecting(null);
      clear();
    }
  }
  function clear() {
    setReason('');
    setRoll({});
    setOwners({});
    setWording('');
    setCounts({ for: 0, against: 0, abstain: 0, invalid: 0 });
  }

  const recorded = state.votes.filter((v) => v.agendaItemId === item.id);
  return (
    <section className="run-panel" aria-labelledby="vote-title">
      <h2 id="vote-title">{t('run.votes')}</h2>
      {recorded.map((v) => (
        <div key={v.id} className={v.supersededAt ? 'vote-record superseded' : 'vote-record'}>
          <p>
            <strong>{v.question}</strong>{' '}
            <span className="muted small">
              {pick(voteMethodLabels[v.method])} · {pick(voteRuleLabels[v.rule])}
            </span>
          </p>
          <p className={v.outcome.adopted ? 'result ok' : 'result'}>{v.summary}</p>
          {v.correctionReason && (
            <p className="muted small">{t('run.correctedBecause', { reason: v.correctionReason })}</p>
          )}
          {v.supersededAt && <p className="muted small">{t('run.superseded')}</p>}
          {!readOnly && !v.supersededAt && (
            <button className="button small" onClick={() => void correct.run(v)}>
              {t('run.correct')}
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <form className="form vote-form" onSubmit={(e) => void submit(e)} aria-label={t('run.newVote')}>
          {correcting && (
            <label className="field">
              <span className="field-label">{t('run.correctionReason')}</span>
              <input required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('run.question')}</span>
            <input required maxLength={500} value={effectiveQuestion} onChange={(e) => setQuestion(e.target.value)} />
          </label>
          <div className="form-row">
            <label className="field">
              <span className="field-label">{t('run.method')}</span>
              <select value={method} onChange={(e) => chooseMethod(e.target.value as VoteMethod)}>
                {voteMethods.map((m) => (
                  <option key={m} value={m}>
                    {pick(voteMethodLabels[m])}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('run.rule')}</span>
              <select value={rule} onChange={(e) => setRule(e.target.value as VoteRule)}>
                {rulesFor(method).map((r) => (
                  <option key={r} value={r}>
                    {pick(voteRuleLabels[r])}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {method === 'consensus' && (
            <label className="field">
              <span className="field-label">{t('run.wording')}</span>
              <textarea
                required
                rows={3}
                maxLength={2000}
                value={wording}
                onChange={(e) => setWording(e.target.value)}
              />
            </label>
          )}
          {(method === 'hands' || method === 'secret') && (
            <div className="counts">
              {(['for', 'against', 'abstain', 'invalid'] as const).map((k) => (
                <label key={k} className="field">
                  <span className="field-label">{t(`run.counts.${k}`)}</span>
                  <input
                    type="number"
                    min={0}
                    max={100000}
                    value={counts[k]}
                    onChange={(e) => setCounts({ ...counts, [k]: Math.max(0, Number(e.target.value) || 0) })}
                  />
                </label>
              ))}
            </div>
          )}
          {method === 'roll_call' && (
            <ChoiceList
              rows={voters.people.map((v) => ({ id: v.residentId, label: voterLabel(v), detail: v.address }))}
              value={roll}
              onChange={setRoll}
            />
          )}
          {method === 'owners' && (
            <ChoiceList
              rows={voters.households.map((h) => ({
                id: h.id,
                label: h.address,
                detail: `${h.area} ㎡ · ${h.voter ? voterLabel({ name: h.voter, proxyHolder: h.proxyHolder }) : h.owners}`,
              }))}
              value={owners}
              onChange={setOwners}
            />
          )}
          <ErrorNote message={record.error ?? correct.error} />
          <div className="form-actions">
            {correcting && (
              <button className="button" type="button" onClick={() => (setCorrecting(null), clear())}>
                {t('common.cancel')}
              </button>
            )}
            <button className="button primary" type="submit" disabled={record.busy}>
              {correcting ? t('run.saveCorrection') : t('run.recordVote')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** One row per voter (roll call) or household (owners), one tap per choice. */
function ChoiceList({
  rows,
  value,
  onChange,
}: {
  rows: { id: number; label: string; detail: string }[];
  value: Record<number, Choice>;
  onChange(next: Record<number, Choice>): void;
}) {
  const { t } = useTranslation();
  const chosen = rows.filter((row) => value[row.id]).length;
  const fill = (choice: Choice, onlyOpen: boolean) =>
    onChange(
      Object.fromEntries(rows.map((row) => [row.id, onlyOpen ? (value[row.id] ?? choice) : choice])) as Record<
        number,
        Choice
      >,
    );
  return (
    <>
      <div className="choice-shortcuts" role="group" aria-label={t('run.shortcuts.label')}>
        <button type="button" className="button small" onClick={() => fill('for', false)}>
          {t('run.shortcuts.allFor')}
        </button>
        <button
          type="button"
          className="button small"
          disabled={chosen === rows.length}
          onClick={() => fill('abstain', true)}
        >
          {t('run.shortcuts.restAbstain')}
        </button>
        <button type="button" className="button small" disabled={chosen === 0} onClick={() => onChange({})}>
          {t('run.shortcuts.clear')}
        </button>
        <span className="muted small" role="status">
          {t('run.shortcuts.chosen', { chosen, total: rows.length })}
        </span>
      </div>
      <ul className="choice-list">
        {rows.map((row) => (
          <li key={row.id} role="group" aria-label={row.label}>
            <span>
              {row.label} <span className="muted small">{row.detail}</span>
            </span>
            <span className="choice-buttons">
              {choices.map((c) => (
                <button
                  key={c}
                  type="button"
                  aria-pressed={value[row.id] === c}
                  className={value[row.id] === c ? `choice on ${c}` : 'choice'}
                  onClick={() => onChange({ ...value, [row.id]: c })}
                >
                  {t(`run.counts.${c}`)}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
