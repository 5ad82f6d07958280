/** 议题库: topics, their consultations and photos. */

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type {
  ConsultationKind,
  TopicLevel,
  TopicSource,
  TopicStatus,
  TriageDecision,
} from '../../../shared/domain/topic';
import { now } from './now';

/** 议题库: residents' matters from collection through triage to meetings and implementation. */
export const topic = sqliteTable(
  'topic',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    source: text('source').$type<TopicSource>().notNull(),
    raisedBy: text('raised_by').notNull().default(''),
    raisedOn: text('raised_on').notNull(),
    category: text('category').notNull(),
    level: text('level').$type<TopicLevel>().notNull(),
    status: text('status').$type<TopicStatus>().notNull().default('collected'),
    decision: text('decision').$type<TriageDecision>(),
    decisionReason: text('decision_reason').notNull().default(''),
    /** The department (转职能部门) or mediation committee a referred topic went to. */
    referredTo: text('referred_to').notNull().default(''),
    duplicateOf: integer('duplicate_of'),
    building: text('building').notNull().default(''),
    lane: text('lane').notNull().default(''),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('topic_status').on(t.status)],
);

/** 会前协商: visits, calls and symposia that the decision will rest on. */
export const topicConsultation = sqliteTable('topic_consultation', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  topicId: integer('topic_id')
    .notNull()
    .references(() => topic.id),
  kind: text('kind').$type<ConsultationKind>().notNull(),
  date: text('date').notNull(),
  households: integer('households').notNull(),
  summary: text('summary').notNull(),
});

/** The picture itself lives in the data folder's photos/; the row keeps its name and a small thumbnail. */
export const topicPhoto = sqliteTable('topic_photo', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  topicId: integer('topic_id')
    .notNull()
    .references(() => topic.id),
  fileName: text('file_name').notNull(),
  storedAs: text('stored_as').notNull().unique(),
  sha256: text('sha256').notNull(),
  thumbnail: text('thumbnail').notNull(),
  createdAt: text('created_at').notNull().default(now),
});
