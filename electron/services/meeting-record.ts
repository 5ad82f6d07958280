import { asc, eq } from 'drizzle-orm';
import type { Meeting } from '../../shared/domain/meeting';
import { formatAddress, type Resident } from '../../shared/domain/resident';
import type { Attendee } from '../../shared/domain/run';
import type { HouseholdVoter, VoteRecord, Voter } from '../../shared/domain/vote';
import { AppError } from '../../shared/errors';
import { meetingFigures, representation, type AttendanceFacts, type MeetingFigures } from '../../shared/figures';
import { describeOutcome } from '../../shared/voting';
import type { Tx } from '../db/audit';
import { attendance, meeting, proxy, vote } from '../db/schema';
import type { ServiceContext } from './context';
import { residentsByIds } from './resident';
import { readLocale } from './settings';

/**
 * What was recorded about a meeting — the meeting, who was invited, who came, the figures, the votes — read
 * in one place for the services that run it (attendance, votes, the run screen) and the ones that write it up
 * (minutes, records, bundles). Reads only; nothing here imports a service that changes a meeting.
 */

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

/** The raw facts the figures are computed from. */
export function attendanceFacts(ctx: ServiceContext, current: Meeting): AttendanceFacts {
  return {
    attendees: ctx.db
      .select({ id: attendance.id, residentId: attendance.residentId, leftAt: attendance.leftAt })
      .from(attendance)
      .where(eq(attendance.meetingId, current.id))
      .orderBy(asc(attendance.checkedInAt), asc(attendance.id))
      .all(),
    proxies: ctx.db
      .select({ holderAttendanceId: proxy.holderAttendanceId, absentResidentId: proxy.absentResidentId })
      .from(proxy)
      .where(eq(proxy.meetingId, current.id))
      .orderBy(asc(proxy.id))
      .all(),
    invited: invitees(ctx, current.id, current.invitedRoles),
  };
}

/** 应到 / 实到 / 在场 / 离场 / 列席 and the quorum, as `shared/figures.ts` defines them. */
export function figuresOf(ctx: ServiceContext, current: Meeting): MeetingFigures {
  return meetingFigures({ kind: current.quorumKind, value: current.quorumValue }, attendanceFacts(ctx, current));
}

export function attendees(ctx: ServiceContext, meetingId: number): Attendee[] {
  const rows = ctx.db
    .select()
    .from(attendance)
    .where(eq(attendance.meetingId, meetingId))
    .orderBy(asc(attendance.checkedInAt), asc(attendance.id))
    .all();
  const proxies = ctx.db.select().from(proxy).where(eq(proxy.meetingId, meetingId)).orderBy(asc(proxy.id)).all();
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
        .map((p) => {
          const absent = people.get(p.absentResidentId);
          return {
            proxyId: p.id,
            residentId: p.absentResidentId,
            name: absent?.name ?? '',
            detail: absent ? formatAddress(absent) : '',
          };
        }),
    };
  });
}

export function voteRecords(ctx: ServiceContext, meetingId: number): VoteRecord[] {
  const locale = readLocale(ctx);
  return ctx.db
    .select()
    .from(vote)
    .where(eq(vote.meetingId, meetingId))
    .orderBy(asc(vote.id))
    .all()
    .map(({ input: _input, meetingId: _m, ...row }) => ({ ...row, summary: describeOutcome(row.outcome, locale) }));
}

/**
 * Who can vote now, one line each: residents in the room in sign-in order, each followed by the absent residents
 * whose proxies they hold (never twice; a proxy is gone when its holder leaves).
 */
export function votersOf(ctx: ServiceContext, current: Meeting): (Voter & { householdId: number })[] {
  const facts = attendanceFacts(ctx, current);
  const present = representation(facts).filter((r) => r.present);
  const holderResident = new Map(facts.attendees.map((a) => [a.id, a.residentId]));
  const people = new Map(
    residentsByIds(ctx, [
      ...present.map((r) => r.residentId),
      ...present.flatMap((r) => (r.proxyHolder ? [holderResident.get(r.proxyHolder)!] : [])),
    ]).map((r) => [r.id, r]),
  );
  const households = new Map(
    (
      ctx.db.$client
        .prepare(`SELECT id, household_id FROM resident WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(present.map((r) => r.residentId))) as { id: number; household_id: number }[]
    ).map((r) => [r.id, r.household_id]),
  );
  const line = (r: (typeof present)[number]) => {
    const person = people.get(r.residentId);
    const holder = r.proxyHolder ? people.get(holderResident.get(r.proxyHolder)!) : undefined;
    return {
      residentId: r.residentId,
      householdId: households.get(r.residentId)!,
      name: person?.name ?? '',
      address: person ? formatAddress(person) : '',
      proxyHolder: holder?.name ?? null,
    };
  };
  const inPerson = present.filter((r) => r.proxyHolder === null);
  const placed = inPerson.flatMap((r) => [
    line(r),
    ...present.filter((p) => p.proxyHolder !== null && p.proxyHolder === r.attendanceId).map(line),
  ]);
  return placed;
}

/** Households with a private area (the owners' vote base), in address order, with who in the room speaks for each. */
export function householdVoters(ctx: ServiceContext, current: Meeting): HouseholdVoter[] {
  const byHousehold = new Map<number, Voter>();
  for (const v of votersOf(ctx, current)) {
    const known = byHousehold.get(v.householdId);
    // Someone of the flat in person speaks for it before anyone through a proxy.
    if (!known || (known.proxyHolder && !v.proxyHolder)) byHousehold.set(v.householdId, v);
  }
  const rows = ctx.db.$client
    .prepare(
      `SELECT h.id, h.building, h.unit, h.room, h.area, group_concat(r.name, '、') AS names
       FROM household h LEFT JOIN resident r ON r.household_id = h.id
       WHERE h.area IS NOT NULL GROUP BY h.id
       ORDER BY CAST(h.building AS INTEGER), h.building, CAST(h.unit AS INTEGER), CAST(h.room AS INTEGER), h.room`,
    )
    .all() as { id: number; building: string; unit: string; room: string; area: number; names: string | null }[];
  return rows.map((h) => {
    const voter = byHousehold.get(h.id);
    return {
      id: h.id,
      address: formatAddress(h),
      area: h.area,
      owners: h.names ?? '',
      voter: voter?.name ?? '',
      proxyHolder: voter?.proxyHolder ?? null,
    };
  });
}
