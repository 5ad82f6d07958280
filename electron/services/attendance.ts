import { and, asc, eq, isNull } from 'drizzle-orm';
import { formatAddress, type Resident } from '../../shared/domain/resident';
import type { Attendee } from '../../shared/domain/run';
import { AppError } from '../../shared/errors';
import { quorumStatus } from '../../shared/quorum';
import type { Tx } from '../db/audit';
import { attendance, meeting, proxy } from '../db/schema';
import { change, type Audit, type Handlers, type ServiceContext } from './context';
import { invitees, openMeeting } from './meeting';
import { residentsByIds } from './resident';

type AttendanceHandlers = Pick<
  Handlers,
  | 'attendance:list'
  | 'attendance:checkIn'
  | 'attendance:addGuest'
  | 'attendance:leave'
  | 'attendance:proxy'
  | 'attendance:removeProxy'
>;

const notFound = (id: number) =>
  new AppError('not_found', { entity: { 'zh-CN': '签到记录', en: 'attendance record' }, id });

export function attendees(ctx: ServiceContext, meetingId: number): Attendee[] {
  const rows = ctx.db
    .select()
    .from(attendance)
    .where(eq(attendance.meetingId, meetingId))
    .orderBy(asc(attendance.checkedInAt))
    .all();
  const proxies = ctx.db.select().from(proxy).where(eq(proxy.meetingId, meetingId)).all();
  const ids = [
    ...new Set([
      ...rows.flatMap((r) => (r.residentId ? [r.residentId] : [])),
      ...proxies.map((p) => p.absentResidentId),
    ]),
  ];
  const people = new Map<number, Resident>(residentsByIds(ctx, ids).map((r) => [r.id, r]));
  return rows.map((row) => {
    const person = row.residentId ? people.get(row.residentId) : undefined;
    return {
      id: row.id,
      residentId: row.residentId,
      name: person?.name ?? row.guestName ?? '',
      detail: person ? formatAddress(person) : [row.guestOrganisation, row.guestRole].filter(Boolean).join(' · '),
      guest: row.residentId === null,
      tags: person?.tags ?? [],
      checkedInAt: row.checkedInAt,
      leftAt: row.leftAt,
      proxiesFor: proxies
        .filter((p) => p.holderAttendanceId === row.id)
        .map((p) => ({
          proxyId: p.id,
          residentId: p.absentResidentId,
          name: people.get(p.absentResidentId)?.name ?? '',
        })),
    };
  });
}

/** Attendance figures and the quorum, computed live from the meeting's rule. */
export function attendanceSummary(ctx: ServiceContext, meetingId: number) {
  const current = ctx.db.select().from(meeting).where(eq(meeting.id, meetingId)).get()!;
  const rows = ctx.db.select().from(attendance).where(eq(attendance.meetingId, meetingId)).all();
  const here = rows.filter((r) => r.leftAt === null);
  const holderResident = new Map(here.filter((r) => r.residentId).map((r) => [r.id, r.residentId!]));
  const proxies = ctx.db
    .select()
    .from(proxy)
    .where(eq(proxy.meetingId, meetingId))
    .all()
    .filter((p) => holderResident.has(p.holderAttendanceId))
    .map((p) => ({ holder: holderResident.get(p.holderAttendanceId)!, absent: p.absentResidentId }));
  const invited = invitees(ctx, meetingId, current.invitedRoles).length;
  const present = here.flatMap((r) => (r.residentId ? [r.residentId] : []));
  return {
    residents: present.length,
    guests: here.filter((r) => r.residentId === null).length,
    left: rows.filter((r) => r.leftAt !== null).length,
    invitees: invited,
    quorum: quorumStatus(
      { kind: current.quorumKind, value: current.quorumValue },
      { present, proxies, invitees: invited },
    ),
  };
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

    'attendance:checkIn': ({ meetingId, residentId }) =>
      record(meetingId, (tx, audit, at) => {
        if (residentsByIds(ctx, [residentId]).length === 0) {
          throw new AppError('not_found', { entity: { 'zh-CN': '居民', en: 'resident' }, id: residentId });
        }
        const existing = tx
          .select()
          .from(attendance)
          .where(and(eq(attendance.meetingId, meetingId), eq(attendance.residentId, residentId)))
          .get();
        // Checking in twice is harmless; coming back after leaving clears the leave.
        if (existing) tx.update(attendance).set({ leftAt: null }).where(eq(attendance.id, existing.id)).run();
        else tx.insert(attendance).values({ meetingId, residentId, checkedInAt: at }).run();
        // A resident who arrives in person no longer needs the proxy someone holds for them.
        tx.delete(proxy)
          .where(and(eq(proxy.meetingId, meetingId), eq(proxy.absentResidentId, residentId)))
          .run();
        audit({ action: 'attendance.checkIn', entity: 'meeting', entityId: meetingId, payload: { residentId, at } });
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
