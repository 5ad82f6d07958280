import { asc, eq, inArray } from 'drizzle-orm';
import { changedFields, sameStructure, type Minutes } from '../../shared/domain/minutes';
import { AppError } from '../../shared/errors';
import { draftMinutes, type MinutesRecord } from '../../shared/minutes-draft';
import { auditHead, type Tx } from '../db/audit';
import { amendmentHash, contentHashOf } from '../records/hash';
import { agendaItem, minutes, minutesAmendment, speaker } from '../db/schema';
import { attendanceSummary, attendees } from './attendance';
import { readCommunity } from './community';
import { change, type Audit, type Handlers, type ServiceContext } from './context';
import { createActionItems } from './followup';
import { findMeeting, invitees } from './meeting';
import { residentsByIds } from './resident';
import { voteRecords } from './vote';

type MinutesHandlers = Pick<Handlers, 'minutes:get' | 'minutes:save' | 'minutes:finalize' | 'minutes:amend'>;

/** Everything recorded about a meeting, gathered for the first draft. */
function meetingRecord(ctx: ServiceContext, meetingId: number): MinutesRecord {
  const community = readCommunity(ctx);
  if (!community) throw new AppError('community_required');
  const meeting = findMeeting(ctx.db, meetingId);
  const people = attendees(ctx, meetingId);
  const summary = attendanceSummary(ctx, meetingId);
  const represented = new Set([
    ...people.flatMap((a) => (a.residentId ? [a.residentId] : [])),
    ...people.flatMap((a) => a.proxiesFor.map((p) => p.residentId)),
  ]);
  const invited = invitees(ctx, meetingId, meeting.invitedRoles).filter((id) => !represented.has(id));
  const agenda = ctx.db.select().from(agendaItem).where(eq(agendaItem.meetingId, meetingId)).all();
  const names = new Map(people.map((a) => [a.id, a.name]));
  const speakers = agenda.length
    ? ctx.db
        .select()
        .from(speaker)
        .where(
          inArray(
            speaker.agendaItemId,
            agenda.map((i) => i.id),
          ),
        )
        .orderBy(asc(speaker.position), asc(speaker.id))
        .all()
        .map((s) => ({ agendaItemId: s.agendaItemId, name: names.get(s.attendanceId) ?? '', note: s.note }))
    : [];
  return {
    meeting,
    community,
    agenda,
    attendees: people,
    absentees: residentsByIds(ctx, invited).map((r) => r.name),
    inviteeTotal: summary.invitees,
    quorum: summary.quorum,
    votes: voteRecords(ctx, meetingId),
    speakers,
  };
}

/** Draft the minutes of a closed meeting once; later calls leave the secretary's text alone. */
export function ensureDraft(ctx: ServiceContext, meetingId: number): void {
  if (ctx.db.select({ id: minutes.meetingId }).from(minutes).where(eq(minutes.meetingId, meetingId)).get()) return;
  const content = draftMinutes(meetingRecord(ctx, meetingId));
  change(ctx, (tx, audit) => {
    tx.insert(minutes).values({ meetingId, content, updatedAt: ctx.now().toISOString() }).onConflictDoNothing().run();
    audit({
      action: 'minutes.draft',
      entity: 'meeting',
      entityId: meetingId,
      payload: { items: content.items.length },
    });
  });
}

export function readMinutes(ctx: ServiceContext, meetingId: number): Minutes {
  const meeting = findMeeting(ctx.db, meetingId);
  if (meeting.status !== 'closed') throw new AppError('meeting_not_closed');
  ensureDraft(ctx, meetingId);
  const row = ctx.db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get()!;
  const amendments = ctx.db
    .select()
    .from(minutesAmendment)
    .where(eq(minutesAmendment.meetingId, meetingId))
    .orderBy(asc(minutesAmendment.id))
    .all()
    .map(({ meetingId: _m, ...a }) => a);
  return { ...row, amendments, recordHash: amendments.at(-1)?.hash ?? row.contentHash };
}

export function minutesService(ctx: ServiceContext): MinutesHandlers {
  /** A change to one meeting's minutes, refused once they are final; tells every window. */
  function edit(meetingId: number, work: (tx: Tx, current: Minutes, audit: Audit) => void) {
    const current = readMinutes(ctx, meetingId);
    change(ctx, (tx, audit) => work(tx, current, audit));
    ctx.events.emit({ type: 'meeting:changed', id: meetingId });
    return readMinutes(ctx, meetingId);
  }
  const draftOnly = (current: Minutes) => {
    if (current.status === 'final') throw new AppError('minutes_final');
  };

  return {
    'minutes:get': ({ id }) => readMinutes(ctx, id),
    'minutes:save': ({ id, content }) =>
      edit(id, (tx, current, audit) => {
        draftOnly(current);
        if (!sameStructure(current.content, content)) throw new AppError('minutes_structure');
        const changed = changedFields(current.content, content);
        if (Object.keys(changed).length === 0) return;
        tx.update(minutes).set({ content, updatedAt: ctx.now().toISOString() }).where(eq(minutes.meetingId, id)).run();
        audit({ action: 'minutes.edit', entity: 'meeting', entityId: id, payload: changed });
      }),
    'minutes:finalize': ({ id, by }) =>
      edit(id, (tx, current, audit) => {
        draftOnly(current);
        // The head before this event: the state of the whole log the secretary signed off.
        const contentHash = contentHashOf(current.content);
        tx.update(minutes)
          .set({
            status: 'final',
            finalizedAt: ctx.now().toISOString(),
            finalizedBy: by,
            contentHash,
            auditHead: auditHead(tx),
          })
          .where(eq(minutes.meetingId, id))
          .run();
        audit({ action: 'minutes.finalize', entity: 'meeting', entityId: id, payload: { by, contentHash } });
        createActionItems(tx, id, current.content, ctx.now().toISOString(), audit);
      }),
    'minutes:amend': ({ id, ...amendment }) =>
      edit(id, (tx, current, audit) => {
        if (current.status !== 'final') throw new AppError('minutes_not_final');
        const createdAt = ctx.now().toISOString();
        const hash = amendmentHash(current.recordHash!, { ...amendment, createdAt });
        tx.insert(minutesAmendment)
          .values({ meetingId: id, ...amendment, createdAt, hash })
          .run();
        audit({ action: 'minutes.amend', entity: 'meeting', entityId: id, payload: { ...amendment, hash } });
      }),
  };
}
