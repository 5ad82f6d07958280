import { and, eq, isNull } from 'drizzle-orm';
import type { Attendee } from '../../shared/domain/run';
import { AppError } from '../../shared/errors';
import { absentees } from '../../shared/figures';
import type { Tx } from '../db/audit';
import { attendance, proxy, speaker } from '../db/schema';
import { change, type Audit, type Handlers, type ServiceContext } from './context';
import { attendanceFacts, attendees, findMeeting, openMeeting } from './meeting-record';
import { requireResidents, residentsByIds } from './resident';

type AttendanceHandlers = Pick<
  Handlers,
  | 'attendance:list'
  | 'attendance:expected'
  | 'attendance:undo'
  | 'attendance:undoLeave'
  | 'attendance:checkIn'
  | 'attendance:addGuest'
  | 'attendance:leave'
  | 'attendance:proxy'
  | 'attendance:removeProxy'
>;

const notFound = (id: number) =>
  new AppError('not_found', { entity: { 'zh-CN': '签到记录', en: 'attendance record' }, id });

/**
 * Gives back the proxy a check-in set aside, unless another proxy speaks for the resident since (a holder taken
 * off the list clears the column by its foreign key); answers the holder it went back to, or null.
 */
function restoreProxy(tx: Tx, row: typeof attendance.$inferSelect): number | null {
  const { meetingId, residentId, setAsideProxyHolder: holder } = row;
  if (residentId === null || holder === null) return null;
  const taken = tx
    .select()
    .from(proxy)
    .where(and(eq(proxy.meetingId, meetingId), eq(proxy.absentResidentId, residentId)))
    .get();
  if (taken) return null;
  tx.insert(proxy).values({ meetingId, holderAttendanceId: holder, absentResidentId: residentId }).run();
  return holder;
}

export function attendanceService(ctx: ServiceContext): AttendanceHandlers {
  function record(meetingId: number, work: (tx: Tx, audit: Audit, at: string) => void): Attendee[] {
    change(ctx, (tx, audit) => {
      openMeeting(tx, meetingId);
      work(tx, audit, ctx.now().toISOString());
    });
    ctx.events.emit({ type: 'meeting:changed', id: meetingId });
    return attendees(ctx, meetingId);
  }
  const meetingOf = (attendanceId: number) => {
    const row = ctx.db.select().from(attendance).where(eq(attendance.id, attendanceId)).get();
    if (!row) throw notFound(attendanceId);
    return row;
  };

  return {
    'attendance:list': ({ id }) => attendees(ctx, id),

    'attendance:expected': ({ id }) => {
      const facts = attendanceFacts(ctx, findMeeting(ctx.db, id));
      return { invitedIds: [...new Set(facts.invited)], absent: residentsByIds(ctx, absentees(facts)) };
    },

    'attendance:undo': ({ attendanceId }) => {
      const row = meetingOf(attendanceId);
      return record(row.meetingId, (tx, audit) => {
        // Someone who came back after leaving: only the return is taken back, the first stay still counts.
        const back = row.returnedFromLeaveAt;
        if (back !== null) {
          tx.update(attendance)
            .set({ leftAt: back, returnedFromLeaveAt: null, setAsideProxyHolder: null })
            .where(eq(attendance.id, attendanceId))
            .run();
        } else {
          // Speeches and proxies point at this row: taking it back silently would rewrite what they say.
          const used =
            tx.select().from(speaker).where(eq(speaker.attendanceId, attendanceId)).get() ??
            tx.select().from(proxy).where(eq(proxy.holderAttendanceId, attendanceId)).get();
          if (used) throw new AppError('attendance_in_use');
          tx.delete(attendance).where(eq(attendance.id, attendanceId)).run();
        }
        const restored = restoreProxy(tx, row);
        audit({
          action: 'attendance.undo',
          entity: 'meeting',
          entityId: row.meetingId,
          payload: {
            attendanceId,
            residentId: row.residentId,
            guestName: row.guestName,
            checkedInAt: row.checkedInAt,
            backToLeftAt: back,
            restoredProxy: restored,
          },
        });
      });
    },

    'attendance:undoLeave': ({ attendanceId }) => {
      const row = meetingOf(attendanceId);
      return record(row.meetingId, (tx, audit) => {
        tx.update(attendance).set({ leftAt: null }).where(eq(attendance.id, attendanceId)).run();
        audit({
          action: 'attendance.undoLeave',
          entity: 'meeting',
          entityId: row.meetingId,
          payload: { attendanceId, leftAt: row.leftAt },
        });
      });
    },

    'attendance:checkIn': ({ meetingId, residentId }) =>
      record(meetingId, (tx, audit, at) => {
        requireResidents(ctx, [residentId]);
        const existing = tx
          .select()
          .from(attendance)
          .where(and(eq(attendance.meetingId, meetingId), eq(attendance.residentId, residentId)))
          .get();
        // A resident who arrives in person no longer needs the proxy someone holds for them; the row keeps who
        // held it so that taking the check-in back hands the proxy back.
        const held = tx
          .select()
          .from(proxy)
          .where(and(eq(proxy.meetingId, meetingId), eq(proxy.absentResidentId, residentId)))
          .get();
        if (held) tx.delete(proxy).where(eq(proxy.id, held.id)).run();
        const setAsideProxyHolder = held?.holderAttendanceId ?? null;
        // Coming back after leaving clears the leave and remembers it; checking in twice is harmless.
        if (existing?.leftAt)
          tx.update(attendance)
            .set({ leftAt: null, returnedFromLeaveAt: existing.leftAt, setAsideProxyHolder })
            .where(eq(attendance.id, existing.id))
            .run();
        else if (!existing)
          tx.insert(attendance).values({ meetingId, residentId, checkedInAt: at, setAsideProxyHolder }).run();
        audit({
          action: 'attendance.checkIn',
          entity: 'meeting',
          entityId: meetingId,
          payload: { residentId, at, setAsideProxy: held ? { holderAttendanceId: held.holderAttendanceId } : null },
        });
      }),

    'attendance:addGuest': ({ meetingId, name, organisation, role }) =>
      record(meetingId, (tx, audit, at) => {
        tx.insert(attendance)
          .values({ meetingId, guestName: name, guestOrganisation: organisation, guestRole: role, checkedInAt: at })
          .run();
        audit({
          action: 'attendance.guest',
          entity: 'meeting',
          entityId: meetingId,
          payload: { name, organisation, role, at },
        });
      }),

    'attendance:leave': ({ attendanceId }) => {
      const row = meetingOf(attendanceId);
      return record(row.meetingId, (tx, audit, at) => {
        tx.update(attendance)
          .set({ leftAt: at })
          .where(and(eq(attendance.id, attendanceId), isNull(attendance.leftAt)))
          .run();
        audit({
          action: 'attendance.leave',
          entity: 'meeting',
          entityId: row.meetingId,
          payload: { attendanceId, at },
        });
      });
    },

    'attendance:proxy': ({ meetingId, holderAttendanceId, absentResidentId }) =>
      record(meetingId, (tx, audit) => {
        const holder = meetingOf(holderAttendanceId);
        if (holder.meetingId !== meetingId || holder.residentId === null || holder.leftAt !== null)
          throw new AppError('proxy_holder');
        const present = tx
          .select()
          .from(attendance)
          .where(
            and(
              eq(attendance.meetingId, meetingId),
              eq(attendance.residentId, absentResidentId),
              isNull(attendance.leftAt),
            ),
          )
          .get();
        if (present || holder.residentId === absentResidentId) throw new AppError('proxy_present');
        requireResidents(ctx, [absentResidentId]);
        const taken = tx
          .select()
          .from(proxy)
          .where(and(eq(proxy.meetingId, meetingId), eq(proxy.absentResidentId, absentResidentId)))
          .get();
        if (taken) throw new AppError('proxy_taken');
        tx.insert(proxy).values({ meetingId, holderAttendanceId, absentResidentId }).run();
        audit({
          action: 'attendance.proxy',
          entity: 'meeting',
          entityId: meetingId,
          payload: { holderAttendanceId, absentResidentId },
        });
      }),

    'attendance:removeProxy': ({ proxyId }) => {
      const row = ctx.db.select().from(proxy).where(eq(proxy.id, proxyId)).get();
      if (!row) throw new AppError('not_found', { entity: { 'zh-CN': '委托', en: 'proxy' }, id: proxyId });
      return record(row.meetingId, (tx, audit) => {
        tx.delete(proxy).where(eq(proxy.id, proxyId)).run();
        audit({ action: 'attendance.removeProxy', entity: 'meeting', entityId: row.meetingId, payload: { proxyId } });
      });
    },
  };
}
