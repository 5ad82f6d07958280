import { sql } from 'drizzle-orm';

/** The default for created/updated columns: UTC, milliseconds, ISO 8601. */
export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
