import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { MeetingKind, MeetingStatus } from '../../shared/domain/meeting';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** The one community this data file belongs to (row id is always 1). */
export const community = sqliteTable(
  'community',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    subDistrict: text('sub_district').notNull(),
    district: text('district').notNull(),
    pavilionName: text('pavilion_name').notNull(),
    pavilionPlace: text('pavilion_place').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [check('community_single_row', sql`${t.id} = 1`)],
);

export const meeting = sqliteTable('meeting', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  kind: text('kind').$type<MeetingKind>().notNull(),
  status: text('status').$type<MeetingStatus>().notNull().default('draft'),
  scheduledAt: text('scheduled_at'),
  place: text('place').notNull().default(''),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

export const appSetting = sqliteTable('app_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Append-only (triggers in a custom migration refuse UPDATE and DELETE); each row hashes the one before. */
export const auditEvent = sqliteTable('audit_event', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  payload: text('payload').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
});
