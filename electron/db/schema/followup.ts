/** 落实: action items, progress, supervisors, supervision checks and typical cases. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { CaseContent } from '../../../shared/domain/case';
import type { ActionStatus, Satisfaction } from '../../../shared/domain/followup';
import { agendaItem, meeting } from './meetings';
import { topic } from './topics';

/** 议定事项落实: one per resolution of finalized minutes, followed until it is closed. */
export const actionItem = sqliteTable(
  'action_item',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .unique()
      .references(() => agendaItem.id),
    topicId: integer('topic_id').references(() => topic.id),
    title: text('title').notNull(),
    resolution: text('resolution').notNull(),
    owner: text('owner').notNull().default(''),
    deadline: text('deadline'),
    status: text('status').$type<ActionStatus>().notNull().default('pending'),
    /** Why it cannot be done (无法落实), required for that status. */
    reason: text('reason').notNull().default(''),
    satisfaction: text('satisfaction').$type<Satisfaction>(),
    closedOn: text('closed_on'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('action_item_status').on(t.status)],
);

export const actionProgress = sqliteTable('action_progress', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actionItemId: integer('action_item_id')
    .notNull()
    .references(() => actionItem.id),
  date: text('date').notNull(),
  note: text('note').notNull(),
  createdAt: text('created_at').notNull(),
});

/** 监督员: the residents who check that resolutions are carried out. */
export const supervisor = sqliteTable('supervisor', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  phone: text('phone').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** 督办: a supervisor's check on an item — what was found and what must be put right (整改意见). */
export const supervisionCheck = sqliteTable('supervision_check', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actionItemId: integer('action_item_id')
    .notNull()
    .references(() => actionItem.id),
  supervisorId: integer('supervisor_id')
    .notNull()
    .references(() => supervisor.id),
  date: text('date').notNull(),
  findings: text('findings').notNull(),
  rectification: text('rectification').notNull().default(''),
  createdAt: text('created_at').notNull(),
});

/** 典型案例: the write-up of one topic, drafted from its history and then the secretary's own text. */
export const typicalCase = sqliteTable('typical_case', {
  topicId: integer('topic_id')
    .primaryKey()
    .references(() => topic.id),
  content: text('content', { mode: 'json' }).$type<CaseContent>().notNull(),
  updatedAt: text('updated_at').notNull(),
});
