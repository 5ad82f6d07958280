import { desc, eq, sql } from 'drizzle-orm';
import { agendaKindLabels } from '../../shared/domain/agenda';
import { canTransition, meetingStatusLabels, type Meeting } from '../../shared/domain/meeting';
import { AppError, localizedMessage } from '../../shared/errors';
import { agendaItem, meeting, meetingInvitee } from '../db/schema';
import { requireProfile } from './community';
import { openItemsText } from './followup';
import { draftMinutes } from './minutes';
import { findMeeting, invitees, openMeeting } from './meeting-record';
import { requireResidents, residentsByIds } from './resident';
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
        requireResidents(ctx, invitedResidentIds);
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
    'meeting:setStatus': async ({ id, status }) => {
      const updated = change(ctx, (tx, audit) => {
        const current = findMeeting(tx, id);
        if (!canTransition(current.status, status)) {
          throw new AppError('invalid_transition', {
            from: meetingStatusLabels[current.status],
            to: meetingStatusLabels[status],
          });
        }
        const at = ctx.now().toISOString();
        const values = {
          status,
          ...(status === 'in_progress' && { startedAt: at }),
          ...(status === 'closed' && { closedAt: at }),
          updatedAt: at,
        };
        tx.update(meeting).set(values).where(eq(meeting.id, id)).run();
        audit({ action: 'meeting.status', entity: 'meeting', entityId: id, payload: values });
        // Closed and drafted together: no moment exists where the meeting is over and its minutes are not.
        if (status === 'closed') draftMinutes(ctx, tx, audit, id);
        return findMeeting(tx, id);
      });
      ctx.events.emit({ type: 'meeting:changed', id });
      if (status !== 'closed') return updated;
      // After the commit, so the backup holds the closed meeting with its draft, never one without the other. The
      // meeting is closed whatever the backup does; a backup that was not kept is said, not swallowed.
      try {
        await ctx.backup(`meeting-${id}-closed`);
        return updated;
      } catch (error) {
        const full = error instanceof AppError && error.code === 'disk_full';
        const reason = full
          ? { 'zh-CN': '磁盘已满', en: 'the disk is full' }
          : { 'zh-CN': '备份没有通过检查', en: 'the copy failed its check' };
        return { ...updated, backupFailed: localizedMessage('meeting_backup_failed', { reason }) };
      }
    },
  };
}
