/** The data file itself: its community (or office) profile, settings and the append-only audit chain. */
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ProfileKind } from '../../../shared/domain/community';
import { now } from './now';

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
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    noticeBoard: text('notice_board').notNull().default(''),
    /** A residents' committee, or a sub-district office collecting their records (no pavilion then). */
    kind: text('kind').$type<ProfileKind>().notNull().default('community'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [check('community_single_row', sql`${t.id} = 1`)],
);

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
