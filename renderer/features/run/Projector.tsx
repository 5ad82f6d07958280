import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { voteRuleLabels } from '../../../shared/domain/agenda';
import type { RunState } from '../../../shared/domain/run';
import type { VoteRecord } from '../../../shared/domain/vote';
import { ownerShares, type OwnerOutcome, type Outcome } from '../../../shared/voting';
import { ApiError, messageOf, onAppEvent } from '../../api/client';
import { useTick } from '../../components/useTick';
import { pick } from '../../i18n';
import { clock, secondsSince, useRun } from '../../stores/run';

/**
 * 投屏: what residents read from several metres away, in the UI's language. ≥ 48 px text, high contrast,
 * 1920×1080 with up to 15 agenda items. Nothing that matters may fall off the screen: the current title shrinks,
 * then is cut (the agenda beside it then shows it whole), before the vote result or the next item would.
 */
export function Projector({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const state = useRun((s) => s.state[meetingId]);
  const [failure, setFailure] = useState<{ notFound: boolean; message: string } | null>(null);
  useTick(250);

  useEffect(() => {
    const load = () =>
      useRun
        .getState()
        .load(meetingId)
        .then(
          () => setFailure(null),
          (caught: unknown) =>
            setFailure({
              notFound: caught instanceof ApiError && caught.code === 'not_found',
              message: messageOf(caught),
            }),
        );
    void load();
    return onAppEvent((event) => event.type === 'meeting:changed' && event.id === meetingId && void load());
  }, [meetingId]);

  // Never a blank screen that looks like 黑屏: say what is wrong, in words the room can read.
  if (failure && (failure.notFound || !state))
    return (
      <main className="projector pj-notice">
        <h1>{failure.notFound ? t('projector.notFound') : t('projector.unreachable')}</h1>
        <p>{failure.notFound ? t('projector.notFoundHint', { id: meetingId }) : failure.message}</p>
      </main>
    );
  if (!state)
    return (
      <main className="projector pj-notice">
        <p>{t('common.loading')}</p>
      </main>
    );
  if (state.projector.mode === 'blank') return <main className="projector blank" aria-label={t('run.blank')} />;
  if (state.projector.mode === 'message') {
    return (
      <main className="projector message">
        <p>{state.projector.message}</p>
      </main>
    );
  }
  if (state.meeting.status === 'closed') return <ClosedScreen state={state} />;
  return <LiveScreen state={state} />;
}

const currentVote = (state: RunState, itemId: number | null) =>
  [...state.votes].reverse().find((v) => v.agendaItemId === itemId && !v.supersededAt);

function Header({ state }: { state: RunState }) {
  const { t } = useTranslation();
  const { figures } = state;
  const { quorum } = figures;
  const closed = state.meeting.status === 'closed';
  return (
    <header className="pj-header">
      <div className="pj-titles">
        <span>{state.communityName}</span>
        <h1>{state.meeting.title}</h1>
      </div>
      <div
        className={quorum?.reachedNow === false && !closed ? 'pj-quorum' : 'pj-quorum ok'}
        role="status"
        aria-label={t('run.quorum')}
      >
        <span>
          {closed
            ? t('projector.attended', { count: figures.attended.total })
            : t('projector.present', { count: figures.present.total })}
          {quorum &&
            !closed &&
            ` · ${quorum.reachedNow ? t('projector.quorumReached') : t('projector.quorumNeeds', { count: quorum.required })}`}
        </span>
        <small>
          {figures.invited > 0 && `${t('projector.invited', { count: figures.invited })}${closed ? '' : ' · '}`}
          {!closed && t('projector.attended', { count: figures.attended.total })}
          {figures.attended.proxies > 0 && t('projector.proxies', { count: figures.attended.proxies })}
          {figures.left.total > 0 && ` · ${t('projector.left', { count: figures.left.total })}`}
          {figures.guests > 0 && ` · ${t('projector.guests', { count: figures.guests })}`}
        </small>
      </div>
    </header>
  );
}

/**
 * The smallest step (0 = roomiest) at which `box` stops overflowing, found by measuring after each render.
 * `key` says when to start again from 0 (new item, new vote, a resize).
 */
function useFit(box: RefObject<HTMLElement | null>, steps: number, key: string): number {
  const [size, setSize] = useState(() => `${window.innerWidth}x${window.innerHeight}`);
  const [fit, setFit] = useState({ key: '', step: 0 });
  const fullKey = `${key}|${size}`;
  const step = fit.key === fullKey ? fit.step : 0;
  useEffect(() => {
    const resize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  useLayoutEffect(() => {
    const el = box.current;
    // Children's boxes, not scrollHeight: glyph overhang of 48 px text made scrollHeight report a few px too many.
    const bottom = el?.getBoundingClientRect().bottom ?? 0;
    const overflows = [...(el?.children ?? [])].some((child) => child.getBoundingClientRect().bottom > bottom + 1);
    // Measuring the laid-out page is what this effect is for: one more step per frame until nothing overflows.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (el && step < steps && overflows) setFit({ key: fullKey, step: step + 1 });
  }, [box, step, steps, fullKey]);
  return step;
}

/** Main column steps: title 72 → 60 px, the clock compact, title 52 px, progress bar off, title cut to two lines, one line, smaller clock. */
const mainSteps = 7;

function LiveScreen({ state }: { state: RunState }) {
  const { t } = useTranslation();
  const clockOffset = useRun((s) => s.clockOffset);
  const main = useRef<HTMLElement>(null);
  const side = useRef<HTMLOListElement>(null);
  const index = state.agenda.findIndex((i) => i.id === state.currentItemId);
  const current = state.agenda[index];
  const next = state.agenda[index + 1] ?? (index === -1 ? state.agenda[0] : undefined);
  const speaking = state.speakers.find((s) => s.status === 'speaking');
  const nextSpeaker = state.speakers.find((s) => s.status === 'queued');
  const vote = currentVote(state, state.currentItemId);
  const step = useFit(
    main,
    mainSteps,
    `${state.currentItemId}|${current?.title}|${next?.title}|${vote?.id}|${speaking?.id}|${nextSpeaker?.id}`,
  );
  const titleCut = step >= 5;
  const hidden = useFit(side, state.agenda.length, `${state.currentItemId}|${titleCut}|${state.agenda.length}`);
  const shown = agendaWindow(state.agenda.length, Math.max(index, 0), hidden);
  const decided = state.agenda.filter((item) => currentVote(state, item.id));
  const adopted = decided.filter((item) => currentVote(state, item.id)!.outcome.adopted).length;

  return (
    <main className="projector">
      <Header state={state} />
      <div className="pj-body">
        <section ref={main} className={`pj-main fit-${step}`}>
          {current ? (
            <>
              <p className="pj-label">{t('projector.currentItem', { number: current.number })}</p>
              <h2 className="pj-current" title={current.title}>
                {current.title}
              </h2>
            </>
          ) : (
            <h2 className="pj-current">{t('projector.aboutToStart')}</h2>
          )}
          {speaking ? (
            <Timer
              label={t('projector.speaking', { name: speaking.name })}
              seconds={state.speakerSeconds - secondsSince(speaking.startedAt, clockOffset)}
              warnAt={30}
            />
          ) : current ? (
            <Timer
              label={t('projector.itemTime', { minutes: current.plannedMinutes })}
              seconds={current.spentSeconds + secondsSince(state.itemStartedAt, clockOffset)}
              limit={current.plannedMinutes * 60}
            />
          ) : null}
          {nextSpeaker && <p className="pj-next-speaker">{t('projector.nextSpeaker', { name: nextSpeaker.name })}</p>}
          {vote && <VoteBars vote={vote} />}
          <footer className="pj-foot">
            {next && (
              <p className="pj-next">
                {t('projector.nextItem')}
                {next.number} {next.title}
              </p>
            )}
            {state.agenda.length > 0 && (
              <div className="pj-progress" aria-label={t('projector.progressLabel')}>
                <span className="pj-progress-track">
                  <span
                    className="pj-progress-fill"
                    style={{ width: `${(100 * Math.max(index + 1, 0)) / state.agenda.length}%` }}
                  />
                </span>
                <span>
                  {t('projector.progress', { at: Math.max(index + 1, 0), total: state.agenda.length })}
                  {decided.length > 0 && ` · ${t('projector.decided', { count: decided.length, adopted })}`}
                </span>
              </div>
            )}
          </footer>
        </section>
        <aside className="pj-side">
          <ol ref={side} className="pj-agenda" aria-label={t('projector.agenda')}>
            {shown.before > 0 && <li className="pj-more">{t('projector.earlier', { count: shown.before })}</li>}
            {state.agenda.slice(shown.from, shown.to).map((item) => (
              <li
                key={item.id}
                className={[
                  item.id === state.currentItemId ? 'now' : '',
                  item.id === state.currentItemId && titleCut ? 'full' : '',
                  item.parentId ? 'child' : '',
                ].join(' ')}
              >
                <span>{item.number}</span> {item.title}
              </li>
            ))}
            {shown.after > 0 && <li className="pj-more">{t('projector.later', { count: shown.after })}</li>}
          </ol>
        </aside>
      </div>
    </main>
  );
}

/** Which agenda lines fit: drop finished items from the top first (keeping the one before the current), then the end. */
function agendaWindow(total: number, current: number, hide: number) {
  const fromTop = Math.min(hide, Math.max(0, current - 1));
  const fromEnd = Math.min(hide - fromTop, Math.max(0, total - current - 1));
  return { from: fromTop, to: total - fromEnd, before: fromTop, after: fromEnd };
}

function ClosedScreen({ state }: { state: RunState }) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const results = state.agenda.flatMap((item) => {
    const vote = currentVote(state, item.id);
    return vote ? [{ item, vote }] : [];
  });
  const step = useFit(list, 3, String(results.length));
  return (
    <main className="projector pj-closed">
      <Header state={state} />
      <h2 className="pj-closed-title">{t('projector.closed')}</h2>
      {results.length > 0 ? (
        <ol ref={list} className={`pj-results fit-${step}`} aria-label={t('projector.results')}>
          {results.map(({ item, vote }) => (
            <li key={item.id} className={vote.outcome.adopted ? 'ok' : ''}>
              <span className="pj-result-item">
                {item.number} {item.title}
              </span>
              <span className="pj-result-verdict">
                <Verdict outcome={vote.outcome} />
                {'forOwners' in vote.outcome && (
                  <>
                    {' · '}
                    <OwnersLine outcome={vote.outcome} />
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="pj-closed-none">{t('projector.noVotes')}</p>
      )}
      <p className="pj-thanks">{t('projector.thanks')}</p>
    </main>
  );
}

function Verdict({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  return (
    <>
      {pick(voteRuleLabels[outcome.rule])} · {outcome.adopted ? t('projector.adopted') : t('projector.notAdopted')}
    </>
  );
}

/** "22 户同意（73.3%）· 面积 48.0%": households AND area, as art. 278 judges both. */
function OwnersLine({ outcome }: { outcome: OwnerOutcome }) {
  const { t } = useTranslation();
  const shares = ownerShares(outcome);
  return (
    <>
      {t('projector.ownersLine', { owners: outcome.forOwners, ownersPct: shares.forOwners, areaPct: shares.forArea })}
    </>
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

type Kind = 'for' | 'against' | 'abstain';
const kinds: Kind[] = ['for', 'against', 'abstain'];

/** Head counts (票) or, for owners, households (户): the bars; the area shares get their own line. */
function countsOf(outcome: Outcome): Record<Kind, number> | null {
  if ('tally' in outcome) return outcome.tally;
  if ('forOwners' in outcome)
    return { for: outcome.forOwners, against: outcome.againstOwners, abstain: outcome.abstainOwners };
  return null;
}

function VoteBars({ vote }: { vote: VoteRecord }) {
  const { t } = useTranslation();
  const { outcome } = vote;
  const counts = countsOf(outcome);
  const owners = 'forOwners' in outcome ? outcome : null;
  const max = Math.max(1, ...kinds.map((k) => counts?.[k] ?? 0));
  const labels = owners
    ? {
        for: t('projector.ownerChoices.for'),
        against: t('projector.ownerChoices.against'),
        abstain: t('projector.ownerChoices.abstain'),
      }
    : {
        for: t('projector.choices.for'),
        against: t('projector.choices.against'),
        abstain: t('projector.choices.abstain'),
      };
  const shares = owners ? ownerShares(owners) : null;
  return (
    <div className="pj-vote" aria-label={t('projector.result')}>
      <p className="pj-question" title={vote.question}>
        {vote.question}
      </p>
      {counts &&
        kinds.map((kind) => (
          <div key={kind} className={`pj-bar ${kind}`}>
            <span className="pj-bar-label">{labels[kind]}</span>
            <span className="pj-bar-track">
              <span className="pj-bar-fill" style={{ width: `${(100 * counts[kind]) / max}%` }} />
            </span>
            <span className="pj-bar-value">
              {owners
                ? t('projector.householdsCount', { count: counts[kind] })
                : t('projector.votesCount', { count: counts[kind] })}
            </span>
          </div>
        ))}
      {owners && shares && (
        <p className="pj-area">
          {t('projector.areaLine', {
            areaPct: shares.forArea,
            ownersPct: shares.forOwners,
            needed: t(`projector.needed.${shares.needed}`),
          })}
        </p>
      )}
      <p className={outcome.adopted ? 'pj-outcome ok' : 'pj-outcome'}>
        <Verdict outcome={outcome} />
        {owners && !owners.participationMet && t('projector.participationUnmet')}
      </p>
    </div>
  );
}
