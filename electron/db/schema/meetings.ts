/** Meetings as planned: the meeting, its invitees and its agenda. */

import { index, integer, real, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import type { AgendaKind, VoteRule } from '../../../shared/domain/agenda';
import type { MeetingKind, MeetingStatus, QuorumKind } from '../../../shared/domain/meeting';
import { resident } from './roster';
import { topic } from './topics';
import { now } from './now';

export const meeting = sqliteTable('meeting', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  kind: text('kind').$type<MeetingKind>().notNull(),
  status: text('status').$type<MeetingStatus>().notNull().default('draft'),
  scheduledAt: text('scheduled_at'),
  place: text('place').notNull().default(''),
  host: text('host').notNull().default(''),
  recorder: text('recorder').notNull().default(''),
  durationMinutes: integer('duration_minutes').notNull().default(120),
  expectedAttendance: integer('expected_attendance'),
  invitedRoles: text('invited_roles', { mode: 'json' }).$type<string[]>().notNull().default([]),
  invitedParties: text('invited_parties', { mode: 'json' }).$type<string[]>().notNull().default([]),
  quorumKind: text('quorum_kind').$type<QuorumKind>().notNull().default('none'),
  quorumValue: real('quorum_value').notNull().default(0),
  startedAt: text('started_at'),
  closedAt: text('closed_at'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

/** Residents invited by name (invitees by role are those whose tags match meeting.invited_roles). */
export const meetingInvitee = sqliteTable(
  'meeting_invitee',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => resident.id),
  },
  (t) => [unique('meeting_invitee_pair').on(t.meetingId, t.residentId)],
);

/** 议程: topics from the pool and free items, one level of nesting, in position order. */
export const agendaItem = sqliteTable(
  'agenda_item',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    parentId: integer('parent_id'),
    position: integer('position').notNull(),
    kind: text('kind').$type<AgendaKind>().notNull(),
    topicId: integer('topic_id').references(() => topic.id),
    title: text('title').notNull(),
    plannedMinutes: integer('planned_minutes').notNull(),
    presenter: text('presenter').notNull().default(''),
    question: text('question').notNull().default(''),
    voteRule: text('vote_rule').$type<VoteRule>(),
    /** 发言要点 for the item, typed live during the meeting. */
    notes: text('notes').notNull().default(''),
    /** Seconds spent on the item in earlier stints; the current stint starts at meeting_run.item_started_at. */
    spentSeconds: integer('spent_seconds').notNull().default(0),
  },
  (t) => [index('agenda_item_meeting').on(t.meetingId)],
);
