/** 居民名册: households (for owners' votes) and residents. */

import { index, integer, real, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import type { Gender } from '../../../shared/domain/resident';
import { now } from './now';

/** A flat (楼栋-单元-室). Owners' votes (Civil Code art. 278) count its 专有部分面积. */
export const household = sqliteTable(
  'household',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    building: text('building').notNull(),
    unit: text('unit').notNull(),
    room: text('room').notNull(),
    area: real('area'),
  },
  (t) => [unique('household_address').on(t.building, t.unit, t.room)],
);

export const resident = sqliteTable(
  'resident',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    gender: text('gender').$type<Gender>(),
    householdId: integer('household_id')
      .notNull()
      .references(() => household.id),
    /** Stored whole so the secretary can call; shown masked, and never exported. */
    phone: text('phone').notNull().default(''),
    /** Only with the secretary's opt-in, and then only the last four characters. */
    idNumberMasked: text('id_number_masked'),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Lower-case name, pinyin (every reading of a multi-reading surname), initials and address, for LIKE search. */
    searchText: text('search_text').notNull(),
    initials: text('initials').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [unique('resident_identity').on(t.name, t.householdId), index('resident_household').on(t.householdId)],
);
