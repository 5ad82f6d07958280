import fs from 'node:fs';
import Database from 'better-sqlite3';
import { registerSearchPairs } from './search-pairs';

/**
 * Encryption at rest through better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers, same API as
 * better-sqlite3) in its SQLCipher 4 scheme. The key is 32 random or scrypt-derived bytes handed over raw
 * (`x'…'`), so opening a file costs no PBKDF2 round: the expensive step happened once, when the key was had.
 */
export type DatabaseKey = Buffer;

export const keyBytes = 32;

/** Must run before anything reads the file: the cipher is chosen per connection. */
export function applyKey(sqlite: Database.Database, key: DatabaseKey, schema = 'main'): void {
  if (key.length !== keyBytes) throw new Error('database key must be 32 bytes');
  sqlite.pragma(`${schema}.cipher = 'sqlcipher'`);
  sqlite.pragma(`${schema}.legacy = 4`);
  sqlite.pragma(`${schema}.key = "x'${key.toString('hex')}'"`);
}

const plainHeader = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What a file is before SQLite touches it: an encrypted file starts with its random salt, a plain SQLite file
 * with the magic string. A 0-byte file is never "new": something truncated it.
 */
export function sniff(file: string): 'missing' | 'empty' | 'plain' | 'encrypted' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const head = Buffer.alloc(plainHeader.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'empty';
    return read === head.length && head.equals(plainHeader) ? 'plain' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

export type OpenFileOptions = { readonly?: boolean; mustExist?: boolean; nativeBinding?: string };

/** A connection to an encrypted file (or a new one), keyed before its first read. */
export function openKeyed(file: string, key: DatabaseKey, options: OpenFileOptions = {}): Database.Database {
  const sqlite = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly || options.mustExist || false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyKey(sqlite, key);
    registerSearchPairs(sqlite);
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Change the key of an open file (or encrypt a plain one). SQLite3MC cannot rekey in WAL mode, so the file is
 * taken out of WAL (which checkpoints it) for the rekey and put back; the rekey itself runs in one transaction.
 */
export function rekey(sqlite: Database.Database, next: DatabaseKey): void {
  const mode = String(sqlite.pragma('journal_mode', { simple: true }));
  if (mode === 'wal') sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`rekey = "x'${next.toString('hex')}'"`);
  if (mode === 'wal') sqlite.pragma('journal_mode = WAL');
}

/** The tables that make a file ours: drizzle's journal and our settings table. */
export function isOurs(sqlite: Database.Database, schema = 'main'): boolean {
  const tables = sqlite
    .prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table'`)
    .pluck()
    .all() as string[];
  return tables.includes('__drizzle_migrations') && tables.includes('app_setting');
}
