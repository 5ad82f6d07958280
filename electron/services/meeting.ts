import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { agendaKindLabels } from '../../shared/domain/agenda';
import { canTransition, meetingStatusLabels, type Meeting } from '../../shared/domain/meeting';
import { AppError } from '../../shared/errors';
import type { Tx } from '../db/audit';
import { backupDatabase } from '../db/backups';
import { agendaItem, meeting, meetingInvitee } from '../db/schema';
import { requireProfile } from './community';
import { openItemsText } from './followup';
import { ensureDraft } from './minutes';
import { residentsByIds } from './resident';
import { change, type Handlers, type ServiceContext } from './context';

type MeetingHandlers = Pick<
  Handlers,
  | 'meeting:list'
  | 'meeting:get'
  | 'meeting:create'
  | 'meeting:rename'
  | 'meeting:schedule'
  | 'meeting:setStatus'
  | 'meeting:plan'
  | 'meeting:invitees'
>;

/** Invited by name, or holding one of the invited role tags (党员, 楼组长…): counted once each. */
export function invitees(ctx: ServiceContext, meetingId: number, roles: string[]): number[] {
  return ctx.db.$client
    .prepare(
      `SELECT r.id FROM resident r
       WHERE r.id IN (SELECT resident_id FROM meeting_invitee WHERE meeting_id = ?)
          OR EXISTS (SELECT 1 FROM json_each(r.tags) t WHERE t.value IN (SELECT value FROM json_each(?)))`,
    )
    .pluck()
    .all(meetingId, JSON.stringify(roles)) as number[];
}

export function findMeeting(tx: Pick<Tx, 'select'>, id: number): Meeting {
  const row = tx.select().from(meeting).where(eq(meeting.id, id)).get();
  if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '会议', en: 'meeting' }, id });
  return row;
}

/** A meeting takes changes (agenda, sign-in, votes) until it is closed; people sign in before it formally starts. */
export function openMeeting(tx: Pick<Tx, 'select'>, id: number): Meeting {
  const row = findMeeting(tx, id);
  if (row.status === 'closed') throw new AppError('meeting_closed');
  return row;
}

export function meetingService(ctx: ServiceContext): MeetingHandlers {
  /** Change one meeting that is still open, record it and tell every window. */
  function update(id: number, action: string, patch: (current: Meeting) => Partial<Meeting>): Meeting {
    const updated = change(ctx, (tx, audit) => {
      const current = findMeeting(tx, id);
      const values = { ...patch(current), updatedAt: ctx.now().toISOString() };
      tx.update(meeting).set(values).where(eq(meeting.id, id)).run();
      audit({ action, entity: 'meeting', entityId: id, payload: values });
      return findMeeting(tx, id);
    });
    ctx.events.emit({ type: 'meeting:changed', id });
    return updated;
  }

  function editable(current: Meeting): void {
    if (current.status === 'closed') throw new AppError('meeting_closed');
  }

  return {
    'meeting:list': () =>
      ctx.db
        .select()
        .from(meeting)
        .orderBy(desc(sql`coalesce(${meeting.scheduledAt}, ${meeting.createdAt})`), desc(meeting.id))
        .all(),
    'meeting:get': ({ id }) => findMeeting(ctx.db, id),
    'meeting:create': (input) => {
      requireProfile(ctx, 'community');
      const openItems = openItemsText(ctx);
      const stamp = ctx.now().toISOString();
      const created = change(ctx, (tx, audit) => {
        const row = tx
          .insert(meeting)
          .values({ ...input, status: 'draft', createdAt: stamp, updatedAt: stamp })
          .returning()
          .get();
        audit({ action: 'meeting.create', entity: 'meeting', entityId: row.id, payload: input });
        // 上次议定事项落实情况 opens the agenda while earlier resolutions are still open.
        if (openItems) {
          const item = tx
            .insert(agendaItem)
            .values({
              meetingId: row.id,
              kind: 'follow_up',
              title: agendaKindLabels.follow_up['zh-CN'],
              plannedMinutes: 10,
              position: 0,
              notes: openItems,
            })
            .returning()
            .get();
          audit({ action: 'agenda.add', entity: 'meeting', entityId: row.id, payload: item });
        }
        return row;
      });
      ctx.events.emit({ type: 'meeting:changed', id: created.id });
      return created;
    },
    'meeting:rename': ({ id, title }) =>
      update(id, 'meeting.rename', (current) => {
        editable(current);
        return { title };
      }),
    'meeting:schedule': ({ id, scheduledAt, place }) =>
      update(id, 'meeting.schedule', (current) => {
        editable(current);
        return { scheduledAt, place };
      }),
    'meeting:plan': ({ id, invitedResidentIds, ...plan }) => {
      const updated = change(ctx, (tx, audit) => {
        openMeeting(tx, id);
        tx.update(meeting)
          .set({ ...plan, updatedAt: ctx.now().toISOString() })
          .where(eq(meeting.id, id))
          .run();
        tx.delete(meetingInvitee).where(eq(meetingInvitee.meetingId, id)).run();
        for (const residentId of new Set(invitedResidentIds)) {
          tx.insert(meetingInvitee).values({ meetingId: id, residentId }).run();
        }
        audit({ action: 'meeting.plan', entity: 'meeting', entityId: id, payload: { ...plan, invitedResidentIds } });
        return findMeeting(tx, id);
      });
      ctx.events.emit({ type: 'meeting:changed', id });
      return updated;
    },
    'meeting:invitees': ({ id }) => {
      const current = findMeeting(ctx.db, id);
      const byName = ctx.db
        .select({ id: meetingInvitee.residentId })
        .from(meetingInvitee)
        .where(eq(meetingInvitee.meetingId, id))
        .all()
        .map((row) => row.id);
      return { byName: residentsByIds(ctx, byName), total: invitees(ctx, id, current.invitedRoles).length };
    },
    'meeting:setStatus': ({ id, status }) => {
      const updated = update(id, 'meeting.status', (current) => {
        if (!canTransition(current.status, status)) {
          throw new AppError('invalid_transition', {
            from: meetingStatusLabels[current.status],
            to: meetingStatusLabels[status],
          });
        }
        const at = ctx.now().toISOString();
        return {
          status,
          ...(status === 'in_progress' && { startedAt: at }),
          ...(status === 'closed' && { closedAt: at }),
        };
      });
      if (status === 'closed') {
        // The minutes are drafted from the record at once; then the file is backed up with them.
        ensureDraft(ctx, id);
        backupDatabase(ctx.db.$client, path.join(ctx.dataDir, 'backups'), `meeting-${id}-closed`);
      }
      return updated;
    },
  };
}
