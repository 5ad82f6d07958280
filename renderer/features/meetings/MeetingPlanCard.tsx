import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tagName } from '../../i18n';
import type { Input } from '../../../shared/contract';
import { quorumKinds, type Meeting, type QuorumKind } from '../../../shared/domain/meeting';
import { defaultResidentTags, formatAddress, type Resident } from '../../../shared/domain/resident';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { ResidentPicker } from '../../components/ResidentPicker';
import { useAction } from '../../components/useAction';
import { useMeetings } from '../../stores/meetings';

type Plan = Omit<Input<'meeting:plan'>, 'id'>;

/** Hosts and recorders are usually the community's own staff: listed first when the field is empty. */
const staffTag = '社区工作者';

/** 会议安排: host, recorder, length, who is invited and what makes the meeting quorate. Saved field by field. */
export function MeetingPlanCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const [invited, setInvited] = useState<Resident[]>([]);
  const [inviteeTotal, setInviteeTotal] = useState(0);
  const [draft, setDraft] = useState<Plan>(() => planOf(meeting, []));
  const [partyText, setPartyText] = useState(meeting.invitedParties.join('、'));
  const [query, setQuery] = useState('');
  const readOnly = meeting.status === 'closed';

  const loadInvitees = useAction(async () => {
    const { byName, total } = await call('meeting:invitees', { id: meeting.id });
    setInvited(byName);
    setInviteeTotal(total);
    setDraft((d) => ({ ...d, invitedResidentIds: byName.map((r) => r.id) }));
  });
  const save = useAction(async (plan: Plan) => {
    useMeetings.setState((s) => ({ byId: { ...s.byId, [meeting.id]: { ...s.byId[meeting.id]!, ...plan } } }));
    await call('meeting:plan', { id: meeting.id, ...plan });
    await useMeetings.getState().load(meeting.id);
    setInviteeTotal((await call('meeting:invitees', { id: meeting.id })).total);
  });

  useEffect(() => {
    void loadInvitees.run();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per meeting
  }, [meeting.id]);

  const commit = (patch: Partial<Plan>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    void save.run(next);
  };
  const toggleRole = (role: string) =>
    commit({
      invitedRoles: draft.invitedRoles.includes(role)
        ? draft.invitedRoles.filter((r) => r !== role)
        : [...draft.invitedRoles, role],
    });

  function invite(resident: Resident) {
    setInvited([...invited.filter((r) => r.id !== resident.id), resident]);
    setQuery('');
    commit({ invitedResidentIds: [...new Set([...draft.invitedResidentIds, resident.id])] });
  }
  function uninvite(resident: Resident) {
    setInvited(invited.filter((r) => r.id !== resident.id));
    commit({ invitedResidentIds: draft.invitedResidentIds.filter((id) => id !== resident.id) });
  }

  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">{t('plan.title')}</h2>
      <fieldset className="plan-grid" disabled={readOnly}>
        {(['host', 'recorder'] as const).map((role) => (
          <label key={role} className="field">
            <span className="field-label">{t(`plan.${role}`)}</span>
            <ResidentPicker
              label={t(`plan.${role}`)}
              placeholder={t('plan.staffHint')}
              emptyQuery={staffTag}
              value={draft[role]}
              maxLength={40}
              disabled={readOnly}
              onChange={(text) => setDraft({ ...draft, [role]: text })}
              onPick={(resident) => commit({ [role]: resident.name })}
              onEnter={() => commit({})}
              onBlur={() => commit({})}
            />
          </label>
        ))}
        <label className="field">
          <span className="field-label">{t('plan.duration')}</span>
          <input
            type="number"
            min={15}
            max={600}
            step={5}
            value={draft.durationMinutes}
            onChange={(e) => setDraft({ ...draft, durationMinutes: Number(e.target.value) })}
            onBlur={() => commit({ durationMinutes: Math.max(15, Math.min(600, draft.durationMinutes || 120)) })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('plan.expected')}</span>
          <input
            type="number"
            min={0}
            max={100000}
            value={draft.expectedAttendance ?? ''}
            onChange={(e) =>
              setDraft({ ...draft, expectedAttendance: e.target.value === '' ? null : Number(e.target.value) })
            }
            onBlur={() => commit({})}
          />
        </label>
      </fieldset>

      <fieldset className="tag-picker" disabled={readOnly}>
        <legend className="field-label">{t('plan.roles')}</legend>
        {defaultResidentTags.map((role) => (
          <label key={role} className={draft.invitedRoles.includes(role) ? 'tag-choice on' : 'tag-choice'}>
            <input type="checkbox" checked={draft.invitedRoles.includes(role)} onChange={() => toggleRole(role)} />
            {tagName(role)}
          </label>
        ))}
      </fieldset>

      <label className="field">
        <span className="field-label">{t('plan.parties')}</span>
        <input
          value={partyText}
          disabled={readOnly}
          placeholder={t('plan.partiesPlaceholder')}
          onChange={(e) => setPartyText(e.target.value)}
          onBlur={() =>
            commit({
              invitedParties: [
                ...new Set(
                  partyText
                    .split(/[,，、;；\n]+/)
                    .map((p) => p.trim())
                    .filter(Boolean),
                ),
              ].slice(0, 50),
            })
          }
        />
      </label>

      <div className="field">
        <span className="field-label">{t('plan.byName')}</span>
        <div className="chips">
          {invited.map((r) => (
            <span key={r.id} className="chip">
              {r.name} <span className="muted">{formatAddress(r)}</span>
              {!readOnly && (
                <button
                  className="chip-x"
                  aria-label={t('plan.uninvite', { name: r.name })}
                  onClick={() => uninvite(r)}
                >
                  ×
                </button>
              )}
            </span>
          ))}
          {!readOnly && (
            <span className="chip-search">
              <ResidentPicker
                label={t('plan.inviteSearch')}
                placeholder={t('plan.inviteSearch')}
                value={query}
                maxLength={40}
                onChange={setQuery}
                onPick={invite}
              />
            </span>
          )}
        </div>
        <span className="field-hint">{t('plan.inviteeTotal', { count: inviteeTotal })}</span>
      </div>

      <fieldset className="quorum" disabled={readOnly}>
        <legend className="field-label">{t('plan.quorum')}</legend>
        {quorumKinds.map((kind) => (
          <label key={kind} className={draft.quorumKind === kind ? 'tag-choice on' : 'tag-choice'}>
            <input
              type="radio"
              name="quorum"
              checked={draft.quorumKind === kind}
              onChange={() => commit({ quorumKind: kind, quorumValue: defaultQuorum(kind) })}
            />
            {t(`plan.quorumKinds.${kind}`)}
          </label>
        ))}
        {draft.quorumKind !== 'none' && (
          <label className="quorum-value">
            <input
              type="number"
              aria-label={t('plan.quorumValue')}
              min={draft.quorumKind === 'fraction' ? 1 : 0}
              max={draft.quorumKind === 'fraction' ? 100 : 100000}
              value={draft.quorumKind === 'fraction' ? Math.round(draft.quorumValue * 100) : draft.quorumValue}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  quorumValue: draft.quorumKind === 'fraction' ? Number(e.target.value) / 100 : Number(e.target.value),
                })
              }
              onBlur={() => commit({})}
            />
            {draft.quorumKind === 'fraction' ? t('plan.percentOfInvitees') : t('plan.people')}
          </label>
        )}
      </fieldset>
      <ErrorNote message={save.error ?? loadInvitees.error} />
    </section>
  );
}

function defaultQuorum(kind: QuorumKind): number {
  return kind === 'fraction' ? 0.5 : kind === 'count' ? 10 : 0;
}

function planOf(meeting: Meeting, invitedResidentIds: number[]): Plan {
  return {
    host: meeting.host,
    recorder: meeting.recorder,
    durationMinutes: meeting.durationMinutes,
    expectedAttendance: meeting.expectedAttendance,
    invitedRoles: meeting.invitedRoles,
    invitedParties: meeting.invitedParties,
    invitedResidentIds,
    quorumKind: meeting.quorumKind,
    quorumValue: meeting.quorumValue,
  };
}
