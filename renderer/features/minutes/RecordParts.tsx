import { useTranslation } from 'react-i18next';
import { choiceLabels } from '../../../shared/domain/vote';
import type { Decision, MinutesAnnex, MinutesContent } from '../../../shared/domain/minutes';
import { pick } from '../../i18n';
import { attendanceFields } from './sections';

/** The parts of the minutes that are the meeting's own record: shown, never edited (draft and final alike). */

export function Lines({ label, value }: { label: string; value: string | undefined }) {
  return value?.trim() ? (
    <div className="minutes-field">
      <dt>{label}</dt>
      <dd className="prose">{value}</dd>
    </div>
  ) : null;
}

export function AttendanceRecord({ content }: { content: MinutesContent }) {
  const { t } = useTranslation();
  return (
    <dl className="minutes-record" aria-label={t('minutes.sections.attendance')}>
      {attendanceFields.map((key) => (
        <Lines key={key} label={t(`minutes.fields.${key}`)} value={content.attendance[key]} />
      ))}
    </dl>
  );
}

export function DecisionBadge({ decision }: { decision: Decision | undefined }) {
  const { t } = useTranslation();
  if (!decision) return null;
  return <span className={`badge decision-${decision}`}>{t(`minutes.decision.${decision}`)}</span>;
}

/** 附件: the attendance list with rooms, and each roll call or owners' vote line by line. */
export function Annexes({ annex }: { annex: MinutesAnnex | undefined }) {
  const { t } = useTranslation();
  if (!annex) return null;
  const column = (key: string) => t(`minutes.annex.columns.${key as 'n'}`);
  return (
    <section className="card" aria-labelledby="annex-title">
      <h2 id="annex-title">{t('minutes.annex.title')}</h2>
      <details open>
        <summary>
          1. {t('minutes.annex.attendance')}（{annex.attendance.length}）
        </summary>
        <table className="table compact">
          <thead>
            <tr>
              {['n', 'name', 'address', 'role', 'checkedIn', 'left', 'note'].map((k) => (
                <th key={k}>{column(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {annex.attendance.map((p, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{p.name}</td>
                <td>{p.address}</td>
                <td>{p.kind === 'proxy' ? t('minutes.annex.proxyKind') : p.role}</td>
                <td>{p.checkedIn}</td>
                <td>{p.left}</td>
                <td>{p.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {annex.votes.map((vote, n) => (
        <details key={`${vote.agendaItemId}-${n}`}>
          <summary>
            {n + 2}. {t('minutes.annex.vote', { number: vote.number, question: vote.question })}（{vote.lines.length}）
          </summary>
          <p className="muted small">{vote.result}</p>
          <table className="table compact">
            <thead>
              <tr>
                {['n', 'name', 'address', ...(vote.method === 'owners' ? ['area'] : []), 'choice'].map((k) => (
                  <th key={k}>{column(k)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {vote.lines.map((line, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>
                    {line.proxyHolder
                      ? `${line.name}（${t('minutes.annex.byProxy', { name: line.proxyHolder })}）`
                      : line.name}
                  </td>
                  <td>{line.address}</td>
                  {vote.method === 'owners' && <td>{line.area}</td>}
                  <td>{pick(choiceLabels[line.choice])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
