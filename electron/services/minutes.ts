import { asc, eq, inArray } from 'drizzle-orm';
import { changedFields, isResolution, sameRecord, sameStructure, type Minutes } from '../../shared/domain/minutes';
import { AppError } from '../../shared/errors';
import { absentees, meetingFigures } from '../../shared/figures';
import { draftMinutes as draftOf, type MinutesRecord } from '../../shared/minutes-draft';
import { auditHead, type Tx } from '../db/audit';
import type { FontFiles } from '../records/font-files';
import { amendmentHash, contentHashOf } from '../records/hash';
import { agendaItem, minutes, minutesAmendment, speaker } from '../db/schema';
import { readCommunity } from './community';
import { change, type Audit, type Handlers, type ServiceContext } from './context';
import { createActionItems } from './followup';
import { attendanceFacts, attendees, findMeeting, voteRecords } from './meeting-record';
import { residentsByIds } from './resident';
import { formatAddress } from '../../shared/domain/resident';

type MinutesHandlers = Pick<Handlers, 'minutes:get' | 'minutes:save' | 'minutes:finalize' | 'minutes:amend'>;

let warming: Promise<void> | undefined;

/**
 * Load the PDF renderer and warm its fonts once per process, after the current answer has gone out: done when
 * finalized minutes are opened, since an export usually follows. Not at start: pdfkit and the parsed fonts add
 * ~40 MB to a host that may never export. A failure here shows on the export itself.
 */
export function warmRenderers(fonts: FontFiles): Promise<void> {
  warming ??= new Promise<void>((resolve) => setTimeout(resolve, 20))
    .then(async () => (await import('../records/pdf-document')).warmUp(fonts))
    .catch(() => undefined);
  return warming;
}

/** Everything recorded about a meeting, gathered for the first draft. */
function meetingRecord(ctx: ServiceContext, meetingId: number): MinutesRecord {
  const community = readCommunity(ctx);
  if (!community) throw new AppError('community_required');
  const meeting = findMeeting(ctx.db, meetingId);
  const people = attendees(ctx, meetingId);
  const facts = attendanceFacts(ctx, meeting);
  const agenda = ctx.db.select().from(agendaItem).where(eq(agendaItem.meetingId, meetingId)).all();
  const byAttendance = new Map(people.map((a) => [a.id, a]));
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
        .map((s) => {
          const who = byAttendance.get(s.attendanceId);
          return { agendaItemId: s.agendaItemId, name: who?.name ?? '', address: who?.detail ?? '', note: s.note };
        })
    : [];
  return {
    meeting,
    community,
    agenda,
    attendees: people,
    absentees: residentsByIds(ctx, absentees(facts)).map((r) => ({ name: r.name, address: formatAddress(r) })),
    figures: meetingFigures({ kind: meeting.quorumKind, value: meeting.quorumValue }, facts),
    votes: voteRecords(ctx, meetingId),
    speakers,
    duplicateNames: ctx.db.$client
      .prepare('SELECT name FROM resident GROUP BY name HAVING count(*) > 1')
      .pluck()
      .all() as string[],
  };
}

/** Draft the minutes of a meeting being closed, inside the closing transaction (once: a draft is never redone). */
export function draftMinutes(ctx: ServiceContext, tx: Tx, audit: Audit, meetingId: number): void {
  const content = draftOf(meetingRecord(ctx, meetingId));
  const row = tx
    .insert(minutes)
    .values({ meetingId, content, updatedAt: ctx.now().toISOString() })
    .onConflictDoNothing()
    .returning()
    .get();
  if (row)
    audit({
      action: 'minutes.draft',
      entity: 'meeting',
      entityId: meetingId,
      payload: { items: content.items.length },
    });
}

/**
 * The minutes of a closed meeting. Reading never writes: a meeting closed before drafts were made at close
 * gets its draft computed here and stored with the secretary's first save.
 */
export function readMinutes(ctx: ServiceContext, meetingId: number): Minutes {
  const meeting = findMeeting(ctx.db, meetingId);
  if (meeting.status !== 'closed') throw new AppError('meeting_not_closed');
  const row = ctx.db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get();
  if (!row) {
    return {
      meetingId,
      status: 'draft',
      content: draftOf(meetingRecord(ctx, meetingId)),
      updatedAt: meeting.closedAt ?? meeting.updatedAt,
      finalizedAt: null,
      finalizedBy: '',
      contentHash: null,
      auditHead: null,
      amendments: [],
      recordHash: null,
    };
  }
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
    'minutes:get': ({ id }) => {
      const read = readMinutes(ctx, id);
      if (read.status === 'final') void warmRenderers(ctx.fonts);
      return read;
    },
    'minutes:save': ({ id, content }) =>
      edit(id, (tx, current, audit) => {
        draftOnly(current);
        if (!sameStructure(current.content, content)) throw new AppError('minutes_structure');
        if (!sameRecord(current.content, content)) throw new AppError('minutes_record_fixed');
        if (content.items.some((i) => !isResolution(i) && (i.owner.trim() || i.deadline))) {
          throw new AppError('minutes_not_resolution');
        }
        const changed = changedFields(current.content, content);
        if (Object.keys(changed).length === 0) return;
        const updatedAt = ctx.now().toISOString();
        tx.insert(minutes)
          .values({ meetingId: id, content, updatedAt })
          .onConflictDoUpdate({ target: minutes.meetingId, set: { content, updatedAt } })
          .run();
        audit({ action: 'minutes.edit', entity: 'meeting', entityId: id, payload: changed });
      }),
    'minutes:finalize': ({ id, by }) => {
      const finalized = edit(id, (tx, current, audit) => {
        draftOnly(current);
        const empty = current.content.items.find((i) => isResolution(i) && !i.resolution.trim());
        if (empty) throw new AppError('minutes_resolution_missing', { item: `${empty.number} ${empty.title}` });
        // The head before this event: the state of the whole log the secretary signed off.
        const contentHash = contentHashOf(current.content);
        const values = {
          status: 'final' as const,
          finalizedAt: ctx.now().toISOString(),
          finalizedBy: by,
          contentHash,
          auditHead: auditHead(tx),
        };
        tx.insert(minutes)
          .values({ meetingId: id, content: current.content, updatedAt: values.finalizedAt, ...values })
          .onConflictDoUpdate({ target: minutes.meetingId, set: values })
          .run();
        audit({ action: 'minutes.finalize', entity: 'meeting', entityId: id, payload: { by, contentHash } });
        createActionItems(tx, id, current.content, ctx.now().toISOString(), audit);
      });
      void warmRenderers(ctx.fonts);
      return finalized;
    },
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
