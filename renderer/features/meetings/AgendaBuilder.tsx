import { useEffect, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  agendaKindLabels,
  agendaNumbers,
  agendaTotal,
  voteRuleLabels,
  voteRules,
  type AgendaItem,
  type AgendaKind,
  type VoteRule,
} from '../../../shared/domain/agenda';
import type { Meeting } from '../../../shared/domain/meeting';
import type { Topic } from '../../../shared/domain/topic';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { actionStatusLabels, isOpen } from '../../../shared/domain/followup';
import { categoryName, pick } from '../../i18n';
import { useAgenda } from '../../stores/agenda';
import { useFollowup } from '../../stores/followup';
import { hrefOf } from '../../stores/router';
import { formatDate } from './format';

const freeKinds: AgendaKind[] = ['briefing', 'follow_up', 'other', 'custom'];

/**
 * 议程: add topics from the pool or free items, drag to reorder (or Alt+↑/↓, Alt+→ to nest under the item
 * above, Alt+← to take it out), planned minutes with a running total against the meeting's length.
 */
export function AgendaBuilder({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const loaded = useAgenda((s) => s.byMeeting[meeting.id]);
  const { load, add, move, remove } = useAgenda();
  const [topics, setTopics] = useState<Topic[]>([]);
  const [topicId, setTopicId] = useState<number | ''>('');
  const [dragged, setDragged] = useState<number | null>(null);
  const readOnly = meeting.status === 'closed';
  const act = useAction(async (work: () => Promise<void>) => {
    await work();
    setTopics(await call('topic:list', { statuses: ['accepted'] }));
  });
  const run = (work: () => Promise<void>) => void act.run(work);

  useEffect(() => {
    void act.run(() => load(meeting.id));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per meeting
  }, [meeting.id]);

  if (!loaded) return null;
  const items = loaded;
  const numbers = agendaNumbers(items);
  const { total, over } = agendaTotal(items, meeting.durationMinutes);
  const siblingsOf = (item: AgendaItem) => items.filter((i) => i.parentId === item.parentId);

  function moveBy(item: AgendaItem, delta: number) {
    const siblings = siblingsOf(item);
    const index = siblings.findIndex((i) => i.id === item.id) + delta;
    if (index < 0 || index >= siblings.length) return;
    run(() => move(meeting.id, { id: item.id, parentId: item.parentId, index }));
  }
  function indent(item: AgendaItem) {
    const siblings = siblingsOf(item);
    const above = siblings[siblings.findIndex((i) => i.id === item.id) - 1];
    if (item.parentId !== null || !above) return;
    run(() =>
      move(meeting.id, { id: item.id, parentId: above.id, index: items.filter((i) => i.parentId === above.id).length }),
    );
  }
  function outdent(item: AgendaItem) {
    if (item.parentId === null) return;
    const parent = items.find((i) => i.id === item.parentId)!;
    run(() => move(meeting.id, { id: item.id, parentId: null, index: parent.position + 1 }));
  }
  function onKey(event: KeyboardEvent, item: AgendaItem) {
    if (!event.altKey) return;
    const actions: Record<string, () => void> = {
      ArrowUp: () => moveBy(item, -1),
      ArrowDown: () => moveBy(item, 1),
      ArrowRight: () => indent(item),
      ArrowLeft: () => outdent(item),
    };
    actions[event.key]?.();
    if (actions[event.key]) event.preventDefault();
  }
  function onDrop(event: DragEvent, target: AgendaItem) {
    event.preventDefault();
    const source = items.find((i) => i.id === dragged);
    setDragged(null);
    if (!source || source.id === target.id) return;
    const index = siblingsOf(target).findIndex((i) => i.id === target.id);
    run(() => move(meeting.id, { id: source.id, parentId: target.parentId, index }));
  }

  return (
    <section className="card" aria-labelledby="agenda-title">
      <div className="card-header">
        <h2 id="agenda-title">{t('agenda.title')}</h2>
        <p className={over > 0 ? 'time-total over' : 'time-total'} role="status">
          {t('agenda.total', { total, length: meeting.durationMinutes })}
          {over > 0 && ` · ${t('agenda.over', { over })}`}
        </p>
      </div>
      {items.length === 0 && <p className="muted">{t('agenda.empty')}</p>}
      <ol className="agenda" aria-label={t('agenda.title')}>
        {items.map((item) => (
          <li
            key={item.id}
            className={[
              item.parentId === null ? 'agenda-item' : 'agenda-item child',
              dragged === item.id ? 'dragging' : '',
            ].join(' ')}
            draggable={!readOnly}
            tabIndex={0}
            aria-label={`${numbers.get(item.id)} ${item.title}`}
            onDragStart={() => setDragged(item.id)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => onDrop(e, item)}
            onKeyDown={(e) => onKey(e, item)}
          >
            <span className="drag-handle" aria-hidden="true">
              ⋮⋮
            </span>
            <span className="agenda-number">{numbers.get(item.id)}</span>
            <AgendaRow meetingId={meeting.id} item={item} readOnly={readOnly} />
            {!readOnly && (
              <span className="row-tools">
                <button
                  className="icon"
                  title={t('agenda.up')}
                  aria-label={t('agenda.up')}
                  onClick={() => moveBy(item, -1)}
                >
                  ↑
                </button>
                <button
                  className="icon"
                  title={t('agenda.down')}
                  aria-label={t('agenda.down')}
                  onClick={() => moveBy(item, 1)}
                >
                  ↓
                </button>
                {item.parentId === null ? (
                  <button
                    className="icon"
                    title={t('agenda.indent')}
                    aria-label={t('agenda.indent')}
                    onClick={() => indent(item)}
                  >
                    →
                  </button>
                ) : (
                  <button
                    className="icon"
                    title={t('agenda.outdent')}
                    aria-label={t('agenda.outdent')}
                    onClick={() => outdent(item)}
                  >
                    ←
                  </button>
                )}
                <button
                  className="icon danger"
                  title={t('agenda.remove')}
                  aria-label={t('agenda.remove')}
                  onClick={() => run(() => remove(meeting.id, item.id))}
                >
                  ✕
                </button>
              </span>
            )}
            {item.kind === 'follow_up' && <OpenResolutions />}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div className="agenda-add">
          <select
            aria-label={t('agenda.fromPool')}
            value={topicId}
            onFocus={() => void act.run(async () => undefined)}
            onChange={(e) => setTopicId(e.target.value ? Number(e.target.value) : '')}
          >
            <option value="">{t('agenda.fromPool')}</option>
            {topics.map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.title}（{categoryName(topic.category)}）
              </option>
            ))}
          </select>
          <button
            className="button"
            disabled={topicId === ''}
            onClick={() => {
              run(() => add({ meetingId: meeting.id, kind: 'topic', topicId: Number(topicId), plannedMinutes: 30 }));
              setTopicId('');
            }}
          >
            {t('agenda.addTopic')}
          </button>
          <span className="muted">{t('agenda.or')}</span>
          {freeKinds.map((kind) => (
            <button
              key={kind}
              className="button small"
              onClick={() => run(() => add({ meetingId: meeting.id, kind, plannedMinutes: kind === 'other' ? 5 : 10 }))}
            >
              ＋ {pick(agendaKindLabels[kind])}
            </button>
          ))}
        </div>
      )}
      {!readOnly && <p className="muted small">{t('agenda.keyboard')}</p>}
      <ErrorNote message={act.error} />
    </section>
  );
}

/**
 * What 上次议定事项落实情况 will report: every resolution still open, as the follow-up page has it now (not as
 * it was when the meeting was created), overdue ones marked.
 */
function OpenResolutions() {
  const { t } = useTranslation();
  const items = useFollowup((s) => s.items);
  const load = useAction(() => useFollowup.getState().load());
  useEffect(() => {
    void load.run();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fresh each time the plan opens
  }, []);
  const open = (items ?? []).filter((i) => isOpen(i.status));
  const overdue = open.filter((i) => i.overdue).length;
  if (!items) return <ErrorNote message={load.error} />;
  return (
    <div className="open-resolutions">
      <p className="muted small">
        {open.length ? t('agenda.openResolutions', { count: open.length }) : t('agenda.noOpenResolutions')}
        {overdue > 0 && t('agenda.openOverdue', { count: overdue })}{' '}
        <a href={hrefOf({ page: 'followup' })}>{t('agenda.toFollowup')}</a>
      </p>
      {open.length > 0 && (
        <ul aria-label={t('agenda.openResolutionsList')}>
          {open.map((item) => (
            <li key={item.id} className={item.overdue ? 'overdue' : undefined}>
              <strong>{item.title}</strong>
              {item.resolution && `：${item.resolution}`}
              <span className="muted">
                {' · '}
                {[
                  item.owner && t('agenda.owner', { owner: item.owner }),
                  item.deadline && t('agenda.deadline', { date: formatDate(item.deadline) }),
                  pick(actionStatusLabels[item.status]),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {item.overdue && <span className="badge overdue-badge">{t('agenda.overdue')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One item's editable fields; each is saved when the secretary leaves it. */
function AgendaRow({ meetingId, item, readOnly }: { meetingId: number; item: AgendaItem; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = useAgenda((s) => s.update);
  // Only what is being typed lives here; everything else comes from the saved item.
  const [edits, setEdits] = useState<Partial<AgendaItem>>({});
  const draft = { ...item, ...edits };
  const setDraft = (next: AgendaItem) => setEdits({ ...edits, ...next });
  const save = useAction((next: AgendaItem) =>
    update(meetingId, {
      id: next.id,
      title: next.title,
      plannedMinutes: next.plannedMinutes,
      presenter: next.presenter,
      question: next.question,
      voteRule: next.voteRule,
    }),
  );
  const commit = async (next: AgendaItem) => {
    const changed = (Object.keys(next) as (keyof AgendaItem)[]).some((key) => next[key] !== item[key]);
    // A refused save keeps what was typed, with the reason shown under it.
    if (!changed || (await save.run(next))) setEdits({});
  };
  return (
    <div className="agenda-fields">
      <div className="agenda-line">
        <input
          className="agenda-title"
          aria-label={t('agenda.itemTitle')}
          value={draft.title}
          maxLength={100}
          disabled={readOnly || item.kind === 'topic'}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          onBlur={() => void commit(draft)}
        />
        <span className="kind">{pick(agendaKindLabels[item.kind])}</span>
        <label className="minutes">
          <input
            type="number"
            min={0}
            max={600}
            aria-label={t('agenda.minutesOf', { title: item.title })}
            value={draft.plannedMinutes}
            disabled={readOnly}
            onChange={(e) =>
              setDraft({ ...draft, plannedMinutes: Math.max(0, Math.min(600, Number(e.target.value) || 0)) })
            }
            onBlur={() => void commit(draft)}
          />
          {t('agenda.minutes')}
        </label>
      </div>
      <div className="agenda-line secondary">
        <input
          aria-label={t('agenda.presenter')}
          placeholder={t('agenda.presenter')}
          value={draft.presenter}
          maxLength={60}
          disabled={readOnly}
          onChange={(e) => setDraft({ ...draft, presenter: e.target.value })}
          onBlur={() => void commit(draft)}
        />
        <input
          className="grow"
          aria-label={t('agenda.question')}
          placeholder={t('agenda.question')}
          value={draft.question}
          maxLength={500}
          disabled={readOnly}
          onChange={(e) => setDraft({ ...draft, question: e.target.value })}
          onBlur={() => void commit(draft)}
        />
        <select
          aria-label={t('agenda.voteRule')}
          value={draft.voteRule ?? ''}
          disabled={readOnly}
          onChange={(e) => void commit({ ...draft, voteRule: (e.target.value || null) as VoteRule | null })}
        >
          <option value="">{t('agenda.noVote')}</option>
          {voteRules.map((rule) => (
            <option key={rule} value={rule}>
              {pick(voteRuleLabels[rule])}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote message={save.error} />
    </div>
  );
}
