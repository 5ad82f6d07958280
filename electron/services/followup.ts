import { asc, desc, eq, inArray } from 'drizzle-orm';
import { isOpen, isOverdue, type ActionItem, type ActionStatus, type Supervisor } from '../../shared/domain/followup';
import { isResolution, type MinutesContent } from '../../shared/domain/minutes';
import type { TopicStatus } from '../../shared/domain/topic';
import { AppError } from '../../shared/errors';
import { localDay } from '../../shared/dates';
import { meetingDay } from '../../shared/domain/meeting';
import { maskPhone } from '../../shared/domain/resident';
import { canMoveTopic } from '../../shared/domain/topic';
import type { Tx } from '../db/audit';
import { actionItem, actionProgress, agendaItem, meeting, supervisionCheck, supervisor } from '../db/schema';
import { requireProfile } from './community';
import { change, type Audit, type Handlers, type ServiceContext } from './context';
import { findTopic, moveTopic } from './topic';

type FollowupHandlers = Pick<
  Handlers,
  | 'followup:list'
  | 'followup:update'
  | 'followup:addProgress'
  | 'followup:addCheck'
  | 'supervisor:list'
  | 'supervisor:save'
>;

/** A topic's life after the meeting; it moves only forward, as far as its current status allows. */
const topicPath: TopicStatus[] = ['decided', 'implementing', 'done'];

function advanceTopic(tx: Tx, topicId: number | null, target: TopicStatus, at: string, audit: Audit): void {
  if (topicId === null) return;
  for (const step of topicPath.slice(0, topicPath.indexOf(target) + 1)) {
    const current = findTopic(tx, topicId);
    if (current.status === step || !canMoveTopic(current.status, step)) continue;
    moveTopic(tx, current, step, {}, at);
    audit({ action: `topic.${step}`, entity: 'topic', entityId: topicId, payload: { followUp: true } });
  }
}

/** When minutes are finalized, each resolution becomes an item to follow (once: the agenda item is unique). */
export function createActionItems(tx: Tx, meetingId: number, content: MinutesContent, at: string, audit: Audit) {
  for (const item of content.items.filter(isResolution)) {
    const agenda = tx.select().from(agendaItem).where(eq(agendaItem.id, item.agendaItemId)).get();
    if (!agenda) continue;
    const row = tx
      .insert(actionItem)
      .values({
        meetingId,
        agendaItemId: item.agendaItemId,
        topicId: agenda.topicId,
        title: item.title,
        resolution: item.resolution.trim(),
        owner: item.owner.trim(),
        deadline: item.deadline || null,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning()
      .get();
    if (!row) continue;
    audit({ action: 'followup.create', entity: 'action_item', entityId: row.id, payload: row });
    advanceTopic(tx, agenda.topicId, 'decided', at, audit);
  }
}

/** Every item with its meeting, progress notes and supervision checks; overdue against the local day. */
export function actionItems(ctx: ServiceContext, where?: { ids?: number[]; meetingIds?: number[] }): ActionItem[] {
  const today = localDay(ctx.now().toISOString());
  const rows = ctx.db
    .select({ item: actionItem, meeting })
    .from(actionItem)
    .innerJoin(meeting, eq(meeting.id, actionItem.meetingId))
    .where(
      where?.ids
        ? inArray(actionItem.id, where.ids)
        : where?.meetingIds
          ? inArray(actionItem.meetingId, where.meetingIds)
          : undefined,
    )
    .orderBy(desc(actionItem.meetingId), asc(actionItem.id))
    .all();
  const ids = rows.map((r) => r.item.id);
  const progress = ids.length
    ? ctx.db
        .select()
        .from(actionProgress)
        .where(inArray(actionProgress.actionItemId, ids))
        .orderBy(asc(actionProgress.date), asc(actionProgress.id))
        .all()
    : [];
  const checks = ids.length
    ? ctx.db
        .select({ check: supervisionCheck, supervisor: supervisor.name })
        .from(supervisionCheck)
        .innerJoin(supervisor, eq(supervisor.id, supervisionCheck.supervisorId))
        .where(inArray(supervisionCheck.actionItemId, ids))
        .orderBy(asc(supervisionCheck.date), asc(supervisionCheck.id))
        .all()
    : [];
  return rows.map(({ item, meeting: held }) => ({
    id: item.id,
    meetingId: item.meetingId,
    meetingTitle: held.title,
    heldOn: meetingDay(held) ?? '',
    topicId: item.topicId,
    title: item.title,
    resolution: item.resolution,
    owner: item.owner,
    deadline: item.deadline,
    status: item.status,
    reason: item.reason,
    satisfaction: item.satisfaction,
    closedOn: item.closedOn,
    overdue: isOverdue(item, today),
    progress: progress.filter((p) => p.actionItemId === item.id).map((p) => ({ id: p.id, date: p.date, note: p.note })),
    checks: checks
      .filter((c) => c.check.actionItemId === item.id)
      .map(({ check, supervisor: name }) => ({
        id: check.id,
        supervisor: name,
        date: check.date,
        findings: check.findings,
        rectification: check.rectification,
      })),
  }));
}

/** The open items, as the next meeting's 上次议定事项落实情况 lists them. */
export function openItemsText(ctx: ServiceContext): string {
  return actionItems(ctx)
    .filter((i) => isOpen(i.status))
    .map(
      (i, n) =>
        `${n + 1}. ${i.title}（${i.meetingTitle}）：${i.resolution}` +
        [i.owner && `责任方：${i.owner}`, i.deadline && `时限：${i.deadline}${i.overdue ? '（已逾期）' : ''}`]
          .filter(Boolean)
          .map((s) => `；${s}`)
          .join(''),
    )
    .join('\n');
}

export function followupService(ctx: ServiceContext): FollowupHandlers {
  const one = (id: number) => {
    const [item] = actionItems(ctx, { ids: [id] });
    if (!item) throw new AppError('not_found', { entity: { 'zh-CN': '议定事项', en: 'resolution' }, id });
    return item;
  };
  /** A change to one item, in one transaction with its audit event. */
  function edit(id: number, work: (tx: Tx, current: ActionItem, audit: Audit, at: string) => void): ActionItem {
    requireProfile(ctx, 'community');
    const current = one(id);
    change(ctx, (tx, audit) => work(tx, current, audit, ctx.now().toISOString()));
    ctx.events.emit({ type: 'followup:changed' });
    return one(id);
  }
  const supervisors = (): Supervisor[] =>
    ctx.db
      .select()
      .from(supervisor)
      .orderBy(asc(supervisor.id))
      .all()
      .map(({ phone, ...rest }) => ({ ...rest, phoneMasked: maskPhone(phone) }));

  return {
    'followup:list': () => actionItems(ctx),
    'followup:update': ({ id, status, ...fields }) =>
      edit(id, (tx, current, audit, at) => {
        const closing: ActionStatus[] = ['done', 'impossible'];
        const closedOn = closing.includes(status)
          ? current.closedOn && current.status === status
            ? current.closedOn
            : localDay(at)
          : null;
        const values = {
          ...fields,
          status,
          closedOn,
          reason: status === 'impossible' ? fields.reason : '',
        };
        tx.update(actionItem).set(values).where(eq(actionItem.id, id)).run();
        audit({ action: 'followup.update', entity: 'action_item', entityId: id, payload: values });
        if (status === 'in_progress') advanceTopic(tx, current.topicId, 'implementing', at, audit);
        if (status === 'done') advanceTopic(tx, current.topicId, 'done', at, audit);
      }),
    'followup:addProgress': ({ id, date, note }) =>
      edit(id, (tx, _current, audit, at) => {
        const row = tx.insert(actionProgress).values({ actionItemId: id, date, note, createdAt: at }).returning().get();
        audit({ action: 'followup.progress', entity: 'action_item', entityId: id, payload: row });
      }),
    'followup:addCheck': ({ id, supervisorId, ...check }) =>
      edit(id, (tx, _current, audit, at) => {
        if (!tx.select().from(supervisor).where(eq(supervisor.id, supervisorId)).get()) {
          throw new AppError('not_found', { entity: { 'zh-CN': '监督员', en: 'supervisor' }, id: supervisorId });
        }
        const row = tx
          .insert(supervisionCheck)
          .values({ actionItemId: id, supervisorId, ...check, createdAt: at })
          .returning()
          .get();
        audit({ action: 'followup.supervision', entity: 'action_item', entityId: id, payload: row });
      }),
    'supervisor:list': supervisors,
    'supervisor:save': ({ id, ...fields }) => {
      requireProfile(ctx, 'community');
      change(ctx, (tx, audit) => {
        const row = id
          ? tx.update(supervisor).set(fields).where(eq(supervisor.id, id)).returning().get()
          : tx
              .insert(supervisor)
              .values({ ...fields, phone: fields.phone ?? '' })
              .returning()
              .get();
        if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '监督员', en: 'supervisor' }, id: id! });
        audit({ action: 'supervisor.save', entity: 'supervisor', entityId: row.id, payload: row });
      });
      return supervisors();
    },
  };
}
