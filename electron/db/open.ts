import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { AppError } from '../../shared/errors';
import { backupDatabase } from './backups';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type OpenOptions = {
  file: string;
  migrationsFolder: string;
  backupDir: string;
  /** Electron needs a better-sqlite3 build for its own ABI; Node (tests, browser host) uses the default one. */
  nativeBinding?: string;
  /** Scripts that only read (npm run verify) skip the start backup unless a migration is due. */
  quiet?: boolean;
};

type Applied = { hash: string; created_at: number };

/** Open (or create) the data file, check it, back it up and bring its schema up to date. */
export function openDatabase(options: OpenOptions): Db {
  const sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    configure(sqlite, options.file);
    const known = readMigrationFiles({ migrationsFolder: options.migrationsFolder });
    const applied = appliedMigrations(sqlite, options.file);
    refuseUnknown(applied, known);
    // Every start of an existing file is backed up first, so a migration (or anything after) can be undone.
    if (applied.length > 0 && (!options.quiet || applied.length < known.length)) {
      backupDatabase(sqlite, options.backupDir, 'start');
    }
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: options.migrationsFolder });
    return db;
  } catch (error) {
    sqlite.close();
    throw isCorruption(error) ? new AppError('db_corrupt', { file: path.basename(options.file) }) : error;
  }
}

function configure(sqlite: Database.Database, file: string): void {
  sqlite.pragma('busy_timeout = 5000');
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new AppError('db_unavailable', { reason: `journal_mode=${String(mode)}` });
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const check = sqlite.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new AppError('db_corrupt', { file: path.basename(file) });
}

function appliedMigrations(sqlite: Database.Database, file: string): Applied[] {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  if (tables.length === 0) return [];
  // A file with tables but no migration journal was not made by this app.
  if (!tables.includes('__drizzle_migrations')) throw new AppError('db_corrupt', { file: path.basename(file) });
  return sqlite.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at').all() as Applied[];
}

/** Like Actual's out-of-sync check: what the file has applied must be a prefix of what we know. */
function refuseUnknown(applied: Applied[], known: MigrationMeta[]): void {
  const prefixMatches = applied.every(
    (row, i) =>
      known[i] !== undefined && known[i].hash === row.hash && known[i].folderMillis === Number(row.created_at),
  );
  if (!prefixMatches) throw new AppError('db_from_future');
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}
