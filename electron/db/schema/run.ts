/** The meeting as it runs: attendance, proxies, the run state, speakers and votes. */
import { index, integer, sqliteTable, text, unique, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { VoteRule } from '../../../shared/domain/agenda';
import type { VoteLine, VoteMethod } from '../../../shared/domain/vote';
import type { Outcome } from '../../../shared/voting';
import { agendaItem, meeting } from './meetings';
import { resident } from './roster';

/** 签到: residents and guests (列席) who came, when they came and when they left. */
export const attendance = sqliteTable(
  'attendance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    residentId: integer('resident_id').references(() => resident.id),
    guestName: text('guest_name'),
    guestOrganisation: text('guest_organisation').notNull().default(''),
    guestRole: text('guest_role').notNull().default(''),
    checkedInAt: text('checked_in_at').notNull(),
    leftAt: text('left_at'),
    /**
     * The holder whose written proxy for this resident their arrival set aside: 撤销签到 hands it back, so a
     * wrong check-in at the door does not silently cost the absent resident their proxy.
     */
    /** When a resident who had left came back: 撤销签到 then takes back the return only, not the first stay. */
    returnedFromLeaveAt: text('returned_from_leave_at'),
    setAsideProxyHolder: integer('set_aside_proxy_holder').references((): AnySQLiteColumn => attendance.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [unique('attendance_resident').on(t.meetingId, t.residentId), index('attendance_meeting').on(t.meetingId)],
);

/** 委托: a present resident holds a written proxy for an absent one. */
export const proxy = sqliteTable(
  'proxy',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    holderAttendanceId: integer('holder_attendance_id')
      .notNull()
      .references(() => attendance.id),
    absentResidentId: integer('absent_resident_id')
      .notNull()
      .references(() => resident.id),
  },
  (t) => [unique('proxy_absent').on(t.meetingId, t.absentResidentId)],
);

/** Where a running meeting stands: stored as start times, never as ticking counters, so a crash loses nothing. */
export const meetingRun = sqliteTable('meeting_run', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id),
  currentItemId: integer('current_item_id'),
  itemStartedAt: text('item_started_at'),
  speakerSeconds: integer('speaker_seconds').notNull().default(180),
  projectorMode: text('projector_mode').$type<'live' | 'blank' | 'message'>().notNull().default('live'),
  projectorMessage: text('projector_message').notNull().default(''),
});

/** 发言: the queue per agenda item, with each speaker's key points. */
export const speaker = sqliteTable(
  'speaker',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItem.id),
    attendanceId: integer('attendance_id')
      .notNull()
      .references(() => attendance.id),
    position: integer('position').notNull(),
    status: text('status').$type<'queued' | 'speaking' | 'done'>().notNull().default('queued'),
    startedAt: text('started_at'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('speaker_item').on(t.agendaItemId)],
);

/** 表决: one row per recorded result; a correction is a new row pointing at the one it replaces. */
export const vote = sqliteTable(
  'vote',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItem.id),
    method: text('method').$type<VoteMethod>().notNull(),
    rule: text('rule').$type<VoteRule>().notNull(),
    question: text('question').notNull(),
    wording: text('wording').notNull().default(''),
    /** Counts, roll-call choices or owners' ballots as entered, and the outcome computed from them. */
    input: text('input', { mode: 'json' }).$type<unknown>().notNull(),
    outcome: text('outcome', { mode: 'json' }).$type<Outcome>().notNull(),
    /** Who voted how, by name, room and proxy, as it stood when the vote was taken (roll call, owners). */
    lines: text('lines', { mode: 'json' }).$type<VoteLine[]>(),
    recordedAt: text('recorded_at').notNull(),
    correctsId: integer('corrects_id'),
    correctionReason: text('correction_reason').notNull().default(''),
    supersededAt: text('superseded_at'),
  },
  (t) => [index('vote_item').on(t.agendaItemId)],
);
