import { and, asc, eq } from 'drizzle-orm';
import { agendaNumbers, orderAgenda } from '../../shared/domain/agenda';
import type { RunState, Speaker } from '../../shared/domain/run';
import { AppError } from '../../shared/errors';
import type { Tx } from '../db/audit';
import { agendaItem, attendance, meetingRun, speaker } from '../db/schema';
import { readCommunity } from './community';
import { change, type Audit, type Handlers, type ServiceContext } from './context';
import { attendees, figuresOf, findMeeting, openMeeting, voteRecords } from './meeting-record';

type RunHandlers = Pick<
  Handlers,
  | 'run:state'
  | 'run:goto'
  | 'run:speakerSeconds'
  | 'run:projector'
  | 'speaker:add'
  | 'speaker:move'
  | 'speaker:start'
  | 'speaker:done'
  | 'speaker:note'
  | 'agenda:notes'
>;

const itemNotFound = (id: number) =>
  new AppError('not_found', { entity: { 'zh-CN': '议程事项', en: 'agenda item' }, id });

function runRow(tx: Pick<Tx, 'select' | 'insert'>, meetingId: number) {
  const row = tx.select().from(meetingRun).where(eq(meetingRun.meetingId, meetingId)).get();
  return row ?? tx.insert(meetingRun).values({ meetingId }).returning().get();
}

export function runService(ctx: ServiceContext): RunHandlers {
  /** One live action: saved with its audit event at once, then every window (the projector too) is told. */
  function act(
    meetingId: number,
    action: string,
    payload: unknown,
    work: (tx: Tx, at: string, audit: Audit) => void,
  ): RunState {
    change(ctx, (tx, audit) => {
      openMeeting(tx, meetingId);
      work(tx, ctx.now().toISOString(), audit);
      audit({ action, entity: 'meeting', entityId: meetingId, payload });
    });
    ctx.events.emit({ type: 'meeting:changed', id: meetingId });
    return state(meetingId);
  }
  const itemOf = (id: number) => {
    const item = ctx.db.select().from(agendaItem).where(eq(agendaItem.id, id)).get();
    if (!item) throw itemNotFound(id);
    return item;
  };
  const speakerOf = (id: number) => {
    const row = ctx.db.select().from(speaker).where(eq(speaker.id, id)).get();
    if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '发言', en: 'speaker' }, id });
    return { row, item: itemOf(row.agendaItemId) };
  };
  const queueOf = (tx: Pick<Tx, 'select'>, agendaItemId: number) =>
    tx
      .select()
      .from(speaker)
      .where(eq(speaker.agendaItemId, agendaItemId))
      .orderBy(asc(speaker.position), asc(speaker.id))
      .all();

  function state(meetingId: number): RunState {
    const meetingRow = findMeeting(ctx.db, meetingId);
    const run = ctx.db.select().from(meetingRun).where(eq(meetingRun.meetingId, meetingId)).get();
    const items = orderAgenda(ctx.db.select().from(agendaItem).where(eq(agendaItem.meetingId, meetingId)).all());
    const numbers = agendaNumbers(items);
    const current = run?.currentItemId ?? null;
    const names = new Map(attendees(ctx, meetingId).map((a) => [a.id, a.name]));
    const speakers: Speaker[] = current
      ? queueOf(ctx.db, current).map((s) => ({ ...s, name: names.get(s.attendanceId) ?? '' }))
      : [];
    return {
      meeting: meetingRow,
      communityName: readCommunity(ctx)?.name ?? '',
      agenda: items.map((i) => ({ ...i, number: numbers.get(i.id)! })),
      currentItemId: current,
      itemStartedAt: run?.itemStartedAt ?? null,
      serverNow: ctx.now().toISOString(),
      speakerSeconds: run?.speakerSeconds ?? 180,
      speakers,
      figures: figuresOf(ctx, meetingRow),
      votes: voteRecords(ctx, meetingId),
      projector: { mode: run?.projectorMode ?? 'live', message: run?.projectorMessage ?? '' },
    };
  }

  return {
    'run:state': ({ id }) => state(id),

    'run:goto': ({ meetingId, itemId }) => {
      if (itemOf(itemId).meetingId !== meetingId) throw itemNotFound(itemId);
      return act(meetingId, 'run.goto', { itemId }, (tx, at) => {
        const run = runRow(tx, meetingId);
        // Bank the time spent on the item being left, so coming back resumes its timer.
        if (run.currentItemId !== null && run.itemStartedAt) {
          const spent = Math.max(0, Math.round((Date.parse(at) - Date.parse(run.itemStartedAt)) / 1000));
          const left = tx.select().from(agendaItem).where(eq(agendaItem.id, run.currentItemId)).get();
          if (left)
            tx.update(agendaItem)
              .set({ spentSeconds: left.spentSeconds + spent })
              .where(eq(agendaItem.id, left.id))
              .run();
        }
        tx.update(meetingRun)
          .set({ currentItemId: itemId, itemStartedAt: at })
          .where(eq(meetingRun.meetingId, meetingId))
          .run();
      });
    },

    'run:speakerSeconds': ({ meetingId, seconds }) =>
      act(meetingId, 'run.speakerSeconds', { seconds }, (tx) => {
        runRow(tx, meetingId);
        tx.update(meetingRun).set({ speakerSeconds: seconds }).where(eq(meetingRun.meetingId, meetingId)).run();
      }),

    'run:projector': ({ meetingId, mode, message }) =>
      act(meetingId, 'run.projector', { mode, message }, (tx) => {
        runRow(tx, meetingId);
        tx.update(meetingRun)
          .set({ projectorMode: mode, projectorMessage: message })
          .where(eq(meetingRun.meetingId, meetingId))
          .run();
      }),

    'speaker:add': ({ agendaItemId, attendanceId }) => {
      const item = itemOf(agendaItemId);
      return act(item.meetingId, 'speaker.add', { agendaItemId, attendanceId }, (tx) => {
        const who = tx.select().from(attendance).where(eq(attendance.id, attendanceId)).get();
        if (!who || who.meetingId !== item.meetingId)
          throw new AppError('not_found', { entity: { 'zh-CN': '参会人', en: 'attendee' }, id: attendanceId });
        tx.insert(speaker)
          .values({ agendaItemId, attendanceId, position: queueOf(tx, agendaItemId).length })
          .run();
      });
    },

    'speaker:move': ({ id, index }) => {
      const { row, item } = speakerOf(id);
      return act(item.meetingId, 'speaker.move', { id, index }, (tx) => {
        const others = queueOf(tx, row.agendaItemId).filter((s) => s.id !== id);
        others.splice(Math.min(index, others.length), 0, row);
        others.forEach((s, position) => tx.update(speaker).set({ position }).where(eq(speaker.id, s.id)).run());
      });
    },

    'speaker:start': ({ id }) => {
      const { row, item } = speakerOf(id);
      return act(item.meetingId, 'speaker.start', { id }, (tx, at) => {
        tx.update(speaker)
          .set({ status: 'done' })
          .where(and(eq(speaker.agendaItemId, row.agendaItemId), eq(speaker.status, 'speaking')))
          .run();
        tx.update(speaker).set({ status: 'speaking', startedAt: at }).where(eq(speaker.id, id)).run();
      });
    },

    'speaker:done': ({ id }) => {
      const { item } = speakerOf(id);
      return act(item.meetingId, 'speaker.done', { id }, (tx) => {
        tx.update(speaker).set({ status: 'done' }).where(eq(speaker.id, id)).run();
      });
    },

    'speaker:note': ({ id, note }) => {
      const { item } = speakerOf(id);
      return act(item.meetingId, 'speaker.note', { id, note }, (tx) => {
        tx.update(speaker).set({ note }).where(eq(speaker.id, id)).run();
      });
    },

    'agenda:notes': ({ id, notes }) => {
      const item = itemOf(id);
      return act(item.meetingId, 'agenda.notes', { id, notes }, (tx) => {
        tx.update(agendaItem).set({ notes }).where(eq(agendaItem.id, id)).run();
      });
    },
  };
}
