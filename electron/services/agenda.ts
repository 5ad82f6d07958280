import { and, eq } from 'drizzle-orm';
import { agendaKindLabels, moveAgendaItem, orderAgenda, type AgendaItem } from '../../shared/domain/agenda';
import { AppError } from '../../shared/errors';
import type { Tx } from '../db/audit';
import { actionItem, agendaItem, speaker, vote } from '../db/schema';
import { change, type Audit, type Handlers, type ServiceContext } from './context';
import { openMeeting } from './meeting-record';
import { findTopic, moveTopic } from './topic';

type AgendaHandlers = Pick<Handlers, 'agenda:list' | 'agenda:add' | 'agenda:update' | 'agenda:move' | 'agenda:remove'>;

function itemsOf(tx: Pick<Tx, 'select'>, meetingId: number): AgendaItem[] {
  return orderAgenda(tx.select().from(agendaItem).where(eq(agendaItem.meetingId, meetingId)).all());
}

function findItem(tx: Pick<Tx, 'select'>, id: number): AgendaItem {
  const row = tx.select().from(agendaItem).where(eq(agendaItem.id, id)).get();
  if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '议程事项', en: 'agenda item' }, id });
  return row;
}

export function agendaService(ctx: ServiceContext): AgendaHandlers {
  /** One agenda change: check the meeting is open, do it, record it, tell the windows; answer the new agenda. */
  function edit(meetingId: number, work: (tx: Tx, audit: Audit) => void) {
    const items = change(ctx, (tx, audit) => {
      openMeeting(tx, meetingId);
      work(tx, audit);
      return itemsOf(tx, meetingId);
    });
    ctx.events.emit({ type: 'meeting:changed', id: meetingId });
    return items;
  }

  return {
    'agenda:list': ({ id }) => itemsOf(ctx.db, id),

    'agenda:add': ({ meetingId, kind, topicId, title, plannedMinutes }) =>
      edit(meetingId, (tx, audit) => {
        let itemTitle = title || agendaKindLabels[kind]['zh-CN'];
        if (kind === 'topic') {
          if (topicId === undefined) throw new AppError('topic_required');
          const topic = findTopic(tx, topicId);
          moveTopic(tx, topic, 'scheduled', {}, ctx.now().toISOString());
          itemTitle = topic.title;
          audit({ action: 'topic.scheduled', entity: 'topic', entityId: topicId, payload: { meetingId } });
        }
        const position = itemsOf(tx, meetingId).filter((i) => i.parentId === null).length;
        const row = tx
          .insert(agendaItem)
          .values({
            meetingId,
            kind,
            topicId: kind === 'topic' ? topicId : null,
            title: itemTitle,
            plannedMinutes,
            position,
          })
          .returning()
          .get();
        audit({ action: 'agenda.add', entity: 'meeting', entityId: meetingId, payload: row });
      }),

    'agenda:update': ({ id, ...fields }) => {
      const item = findItem(ctx.db, id);
      return edit(item.meetingId, (tx, audit) => {
        tx.update(agendaItem).set(fields).where(eq(agendaItem.id, id)).run();
        audit({ action: 'agenda.update', entity: 'meeting', entityId: item.meetingId, payload: { id, ...fields } });
      });
    },

    'agenda:move': (move) => {
      const item = findItem(ctx.db, move.id);
      return edit(item.meetingId, (tx, audit) => {
        const updates = moveAgendaItem(itemsOf(tx, item.meetingId), move);
        if (typeof updates === 'string') throw new AppError('agenda_nesting');
        for (const u of updates) {
          tx.update(agendaItem)
            .set({ parentId: u.parentId, position: u.position })
            .where(and(eq(agendaItem.id, u.id), eq(agendaItem.meetingId, item.meetingId)))
            .run();
        }
        audit({ action: 'agenda.move', entity: 'meeting', entityId: item.meetingId, payload: move });
      });
    },

    'agenda:remove': ({ id }) => {
      const item = findItem(ctx.db, id);
      return edit(item.meetingId, (tx, audit) => {
        // What was said and decided under an item is part of the record: such an item stays.
        const used = [speaker, vote, actionItem].some(
          (table) => tx.select({ id: table.id }).from(table).where(eq(table.agendaItemId, id)).get() !== undefined,
        );
        if (used) throw new AppError('agenda_item_in_use', { title: item.title });
        // Children move up to the top level rather than vanish with their parent.
        const children = itemsOf(tx, item.meetingId).filter((i) => i.parentId === id);
        for (const child of children)
          tx.update(agendaItem)
            .set({ parentId: null, position: 1000 + child.position })
            .where(eq(agendaItem.id, child.id))
            .run();
        tx.delete(agendaItem).where(eq(agendaItem.id, id)).run();
        if (item.topicId !== null) {
          moveTopic(tx, findTopic(tx, item.topicId), 'accepted', {}, ctx.now().toISOString());
          audit({
            action: 'topic.unscheduled',
            entity: 'topic',
            entityId: item.topicId,
            payload: { meetingId: item.meetingId },
          });
        }
        // Renumber the top level so positions stay 0..n-1.
        itemsOf(tx, item.meetingId)
          .filter((i) => i.parentId === null)
          .forEach((i, position) => tx.update(agendaItem).set({ position }).where(eq(agendaItem.id, i.id)).run());
        audit({ action: 'agenda.remove', entity: 'meeting', entityId: item.meetingId, payload: { id } });
      });
    },
  };
}
