import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { AppError } from '../../shared/errors';
import { backupDatabase, isDiskFull } from './backups';
import { isOurs, openKeyed, rekey, sniff, type DatabaseKey } from './cipher';
import { createPrivateFile, restrictDataFolder } from './file-modes';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type OpenOptions = {
  file: string;
  migrationsFolder: string;
  backupDir: string;
  /** The SQLCipher key of the file and of every backup (see key-file.ts for where it comes from). */
  key: DatabaseKey;
  /** Electron needs a better-sqlite3 build for its own ABI; Node (tests, browser host) uses the default one. */
  nativeBinding?: string;
  /** Scripts that only read (npm run verify) skip the start backup unless a migration is due. */
  quiet?: boolean;
};

type Applied = { hash: string; created_at: number };

/** Open (or create) the data file, check it, back it up and bring its schema up to date. */
export function openDatabase(options: OpenOptions): Db {
  const name = path.basename(options.file);
  restrictDataFolder(path.dirname(options.file));
  finishEncryption(options.file);
  const kind = sniff(options.file);
  // Something truncated the file: that is damage to show, never a fresh install over it.
  if (kind === 'empty') throw new AppError('db_corrupt', { file: name });
  if (kind === 'plain') encryptPlain(options);
  const fresh = kind === 'missing';
  if (fresh) createFresh(options);
  const sqlite = openKeyed(options.file, options.key, { nativeBinding: options.nativeBinding });
  try {
    configure(sqlite, name);
    const known = readMigrationFiles({ migrationsFolder: options.migrationsFolder });
    const applied = appliedMigrations(sqlite, name);
    refuseUnknown(applied, known);
    // Every start of an existing file is backed up first, so a migration (or anything after) can be undone.
    if (!fresh && (!options.quiet || applied.length < known.length)) {
      if (!backupDatabase(sqlite, options.backupDir, 'start')) throw new AppError('backup_failed');
    }
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: options.migrationsFolder });
    return db;
  } catch (error) {
    sqlite.close();
    throw asAppError(error, options.file);
  }
}

function configure(sqlite: Database.Database, name: string): void {
  sqlite.pragma('busy_timeout = 5000');
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new AppError('db_unavailable', { reason: `journal_mode=${String(mode)}` });
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const check = sqlite.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new AppError('db_corrupt', { file: name });
}

function appliedMigrations(sqlite: Database.Database, name: string): Applied[] {
  if (!isOurs(sqlite)) throw new AppError('db_corrupt', { file: name });
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

/**
 * A new data file is built under another name and renamed into place once its schema is complete: a start
 * that fails half-way (a full disk) leaves nothing that the next start would take for damage.
 */
function createFresh(options: OpenOptions): void {
  const building = `${options.file}.new`;
  fs.rmSync(building, { force: true });
  try {
    createPrivateFile(building);
    const sqlite = openKeyed(building, options.key, { nativeBinding: options.nativeBinding });
    try {
      migrate(drizzle(sqlite, { schema }), { migrationsFolder: options.migrationsFolder });
    } finally {
      sqlite.close();
    }
    fs.renameSync(building, options.file);
  } catch (error) {
    fs.rmSync(building, { force: true });
    fs.rmSync(`${building}-journal`, { force: true });
    throw asAppError(error, options.file);
  }
}

/**
 * A plain file from before encryption. Ours: copied (VACUUM INTO, which folds in its WAL) to a new file that is
 * encrypted, checked and then renamed over it; its old plain backups are encrypted too. Anyone else's: opened
 * read-only and left exactly as it was.
 */
function encryptPlain(options: OpenOptions): void {
  const name = path.basename(options.file);
  const plain = new Database(options.file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const copying = `${options.file}.encrypting`;
  try {
    if (!isOurs(plain)) throw new AppError('db_foreign', { file: name });
    fs.rmSync(copying, { force: true });
    createPrivateFile(copying);
    plain.prepare('VACUUM INTO ?').run(copying);
  } catch (error) {
    fs.rmSync(copying, { force: true });
    throw asAppError(error, options.file);
  } finally {
    plain.close();
  }
  try {
    encryptInPlace(copying, options);
  } catch (error) {
    fs.rmSync(copying, { force: true });
    fs.rmSync(`${copying}-journal`, { force: true });
    throw asAppError(error, options.file);
  }
  // Renamed once complete, so a crash from here on is finished at the next start (finishEncryption).
  fs.renameSync(copying, `${options.file}.encrypted`);
  finishEncryption(options.file);
  for (const folder of [options.backupDir, path.join(path.dirname(options.file), 'replaced')]) {
    for (const file of sqliteFilesUnder(folder)) {
      if (sniff(file) === 'plain') encryptInPlace(file, options);
    }
  }
}

function encryptInPlace(file: string, options: OpenOptions): void {
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (!isOurs(sqlite)) return;
    rekey(sqlite, options.key);
    if (sqlite.pragma('integrity_check', { simple: true }) !== 'ok') throw new AppError('backup_failed');
  } finally {
    sqlite.close();
  }
}

/** An encrypted copy that was complete when the last start stopped replaces the plain file and its WAL. */
function finishEncryption(file: string): void {
  const done = `${file}.encrypted`;
  if (!fs.existsSync(done)) {
    fs.rmSync(`${file}.encrypting`, { force: true });
    return;
  }
  // The plain WAL must go first: SQLite would otherwise replay plain pages into the encrypted file.
  fs.rmSync(`${file}-wal`, { force: true });
  fs.rmSync(`${file}-shm`, { force: true });
  fs.renameSync(done, file);
}

export function sqliteFilesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.sqlite'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function asAppError(error: unknown, file: string): unknown {
  const name = path.basename(file);
  const folder = path.dirname(file);
  if (error instanceof AppError) return error;
  if (isDiskFull(error, folder)) return new AppError('disk_full');
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? new AppError('db_corrupt', { file: name }) : error;
}

/** What is at the data file's place, judged without changing a byte of it. */
export function inspectDataFile(file: string, nativeBinding?: string): ReturnType<typeof sniff> | 'foreign' {
  const kind = sniff(file);
  if (kind !== 'plain') return kind;
  try {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding && { nativeBinding }) });
    try {
      return isOurs(sqlite) ? 'plain' : 'foreign';
    } finally {
      sqlite.close();
    }
  } catch {
    // A plain header over pages SQLite cannot read: damaged, and shown as such when it is opened.
    return 'plain';
  }
}
