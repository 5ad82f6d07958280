import { useEffect } from 'react';
import { voteRuleLabels } from '../../../shared/domain/agenda';
import type { Outcome } from '../../../shared/voting';
import { onAppEvent } from '../../api/client';
import { useTick } from '../../components/useTick';
import { clock, secondsSince, useRun } from '../../stores/run';

/**
 * 投屏: what residents read from several metres away. Chinese only (it is for the room), ≥ 48 px text,
 * high contrast, fits 1920×1080 with up to 15 agenda items. Updates on every push from the main side.
 */
export function Projector({ meetingId }: { meetingId: number }) {
  const state = useRun((s) => s.state[meetingId]);
  const clockOffset = useRun((s) => s.clockOffset);
  useTick(250);

  useEffect(() => {
    const load = () => void useRun.getState().load(meetingId);
    load();
    return onAppEvent((event) => event.type === 'meeting:changed' && event.id === meetingId && load());
  }, [meetingId]);

  if (!state) return <main className="projector" />;
  if (state.projector.mode === 'blank') return <main className="projector blank" aria-label="黑屏" />;
  if (state.projector.mode === 'message') {
    return (
      <main className="projector message">
        <p>{state.projector.message}</p>
      </main>
    );
  }
  const index = state.agenda.findIndex((i) => i.id === state.currentItemId);
  const current = state.agenda[index];
  const next = state.agenda[index + 1] ?? (index === -1 ? state.agenda[0] : undefined);
  const speaking = state.speakers.find((s) => s.status === 'speaking');
  const { quorum, residents, guests } = state.attendance;
  const vote = [...state.votes].reverse().find((v) => v.agendaItemId === state.currentItemId && !v.supersededAt);

  return (
    <main className="projector">
      <header className="pj-header">
        <div>
          <span>{state.communityName}</span>
          <h1>{state.meeting.title}</h1>
        </div>
        <div className={quorum.reached ? 'pj-quorum ok' : 'pj-quorum'} role="status" aria-label="法定人数">
          <span>
            实到 {quorum.represented} 人
            {quorum.required > 0 && ` · ${quorum.reached ? '已达法定人数' : `法定 ${quorum.required} 人`}`}
          </span>
          <small>
            居民 {residents}
            {quorum.proxiesCounted > 0 && ` · 委托 ${quorum.proxiesCounted}`}
            {guests > 0 && ` · 列席 ${guests}`}
          </small>
        </div>
      </header>
      <div className="pj-body">
        <section className="pj-main">
          {current ? (
            <>
              <p className="pj-label">当前议程 {current.number}</p>
              <h2 className="pj-current">{current.title}</h2>
            </>
          ) : (
            <h2 className="pj-current">会议即将开始</h2>
          )}
          {speaking ? (
            <Timer
              label={`${speaking.name} 发言`}
              seconds={state.speakerSeconds - secondsSince(speaking.startedAt, clockOffset)}
              warnAt={30}
            />
          ) : current ? (
            <Timer
              label={`本项用时（计划 ${current.plannedMinutes} 分钟）`}
              seconds={current.spentSeconds + secondsSince(state.itemStartedAt, clockOffset)}
              limit={current.plannedMinutes * 60}
            />
          ) : null}
          {vote && <VoteBars outcome={vote.outcome} question={vote.question} />}
          {next && (
            <p className="pj-next">
              下一项：{next.number} {next.title}
            </p>
          )}
        </section>
        <aside className="pj-side">
          <ol className="pj-agenda">
            {state.agenda.map((item) => (
              <li
                key={item.id}
                className={[item.id === state.currentItemId ? 'now' : '', item.parentId ? 'child' : ''].join(' ')}
              >
                <span>{item.number}</span> {item.title}
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </main>
  );
}

function Timer({ label, seconds, limit, warnAt }: { label: string; seconds: number; limit?: number; warnAt?: number }) {
  const over = limit !== undefined ? seconds > limit : seconds < 0;
  const warn = !over && warnAt !== undefined && seconds <= warnAt;
  return (
    <div className={['pj-timer', over ? 'over' : '', warn ? 'warn' : ''].join(' ')} role="timer" aria-label={label}>
      <span className="pj-label">{label}</span>
      <span className="pj-clock">{clock(seconds)}</span>
    </div>
  );
}

type Bar = { label: string; value: number; unit: string; kind: 'for' | 'against' | 'abstain' };

function barsOf(outcome: Outcome): Bar[] {
  if ('tally' in outcome) {
    return [
      { label: '赞成', value: outcome.tally.for, unit: '票', kind: 'for' },
      { label: '反对', value: outcome.tally.against, unit: '票', kind: 'against' },
      { label: '弃权', value: outcome.tally.abstain, unit: '票', kind: 'abstain' },
    ];
  }
  if ('forOwners' in outcome) {
    return [
      { label: '同意', value: outcome.forOwners, unit: '户', kind: 'for' },
      { label: '反对', value: outcome.againstOwners, unit: '户', kind: 'against' },
      { label: '弃权', value: outcome.abstainOwners, unit: '户', kind: 'abstain' },
    ];
  }
  return [];
}

function VoteBars({ outcome, question }: { outcome: Outcome; question: string }) {
  const bars = barsOf(outcome);
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <div className="pj-vote" aria-label="表决结果">
      <p className="pj-question">{question}</p>
      {bars.map((bar) => (
        <div key={bar.kind} className={`pj-bar ${bar.kind}`}>
          <span className="pj-bar-label">{bar.label}</span>
          <span className="pj-bar-track">
            <span className="pj-bar-fill" style={{ width: `${(100 * bar.value) / max}%` }} />
          </span>
          <span className="pj-bar-value">
            {bar.value} {bar.unit}
          </span>
        </div>
      ))}
      <p className={outcome.adopted ? 'pj-outcome ok' : 'pj-outcome'}>
        {voteRuleLabels[outcome.rule]['zh-CN']} · {outcome.adopted ? '通过' : '未通过'}
        {'participationMet' in outcome && !outcome.participationMet && '（参与未达三分之二）'}
      </p>
    </div>
  );
}
