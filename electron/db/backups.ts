import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { isOurs, openKeyed, type DatabaseKey } from './cipher';
import { createPrivateFile, privateFolder } from './file-modes';

/** How many automatic backups to keep unless the secretary chose otherwise; older ones go after each new one. */
export const defaultKeep = 10;
export const keepRange = { min: 3, max: 100 } as const;
export const keepSettingKey = 'backup_keep';
/** Written into each backup as it is taken: its time is its own record, not a file date a copy can change. */
export const takenAtKey = 'backup_taken_at';

/** The chosen number, read through the connection that backs up (the settings table may not exist yet). */
export function backupsToKeep(sqlite: Database.Database): number {
  try {
    const value = Number(sqlite.prepare('SELECT value FROM app_setting WHERE key = ?').pluck().get(keepSettingKey));
    return Number.isInteger(value) && value >= keepRange.min && value <= keepRange.max ? value : defaultKeep;
  } catch {
    return defaultKeep;
  }
}

/**
 * SQLITE_FULL or ENOSPC anywhere in the cause chain. Drizzle's migrator hides it: SQLite has already rolled the
 * transaction back, so the migrator's own ROLLBACK fails and that error is thrown instead; hence also "the
 * folder has almost no room left" (under 1 MiB) when a folder is given.
 */
export function isDiskFull(error: unknown, folder?: string): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (['SQLITE_FULL', 'ENOSPC'].includes(String((cause as { code?: unknown }).code))) return true;
  }
  if (!folder) return false;
  try {
    const disk = fs.statfsSync(folder);
    return disk.bavail * disk.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}

/**
 * An online backup (VACUUM INTO is consistent while the file is open; a file copy of a WAL database is not),
 * encrypted with the same key as the data file (SQLite3MC gives VACUUM INTO and ATTACH the main file's key).
 * It is written under a `.partial` name and gets its real name only once it opens, passes integrity_check and
 * is ours with its own record read back: a copy cut short (a crash, a full disk) is never listed, let alone
 * offered. Returns the backup's path, or null when it failed; a full disk is an error of its own.
 */
export function backupDatabase(sqlite: Database.Database, backupDir: string, reason: string, now = new Date()) {
  privateFolder(backupDir);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = path.join(backupDir, `yishiting-${stamp}-${reason}.sqlite`);
  // Two backups within one millisecond get a counter.
  for (let n = 2; fs.existsSync(target) || fs.existsSync(`${target}${partial}`); n += 1)
    target = path.join(backupDir, `yishiting-${stamp}-${reason}-${n}.sqlite`);
  const writing = `${target}${partial}`;
  let sound = false;
  let attached = false;
  try {
    createPrivateFile(writing);
    sqlite.prepare('VACUUM INTO ?').run(writing);
    sqlite.prepare('ATTACH DATABASE ? AS backup_check').run(writing);
    attached = true;
    sqlite
      .prepare('INSERT OR REPLACE INTO backup_check.app_setting (key, value) VALUES (?, ?)')
      .run(takenAtKey, now.toISOString());
    sound =
      sqlite.pragma('backup_check.integrity_check', { simple: true }) === 'ok' &&
      isOurs(sqlite, 'backup_check') &&
      sqlite.prepare('SELECT value FROM backup_check.app_setting WHERE key = ?').pluck().get(takenAtKey) ===
        now.toISOString();
  } catch (error) {
    if (isDiskFull(error, backupDir)) {
      discard(sqlite, writing, attached);
      throw new AppError('disk_full');
    }
  }
  if (!sound) {
    discard(sqlite, writing, attached);
    return null;
  }
  sqlite.exec('DETACH DATABASE backup_check');
  fs.renameSync(writing, target);
  pruneBackups(backupDir, backupsToKeep(sqlite), now);
  return target;
}

const partial = '.partial';

export type BackupRequest = {
  /** The data file, open and served by the main connection meanwhile. */
  file: string;
  key: DatabaseKey;
  backupDir: string;
  reason: string;
  /** When it was asked for (ISO): the backup's own record of its time. */
  takenAt: string;
  nativeBinding?: string;
};

/**
 * The same backup taken in the worker through a connection of its own, so the thread serving the windows does not
 * wait for the copy and its checks. WAL lets this connection read one consistent snapshot while the main one
 * writes; it never writes the data file (a closing connection that is not the last one does not checkpoint).
 */
export function backupFile(request: BackupRequest): string | null {
  // A structured clone delivers the key as a plain Uint8Array.
  const key = Buffer.from(request.key);
  const sqlite = openKeyed(request.file, key, { mustExist: true, nativeBinding: request.nativeBinding });
  try {
    sqlite.pragma('busy_timeout = 5000');
    return backupDatabase(sqlite, request.backupDir, request.reason, new Date(request.takenAt));
  } finally {
    sqlite.close();
  }
}

function discard(sqlite: Database.Database, target: string, attached: boolean): void {
  if (attached) {
    try {
      sqlite.exec('DETACH DATABASE backup_check');
    } catch {
      // already detached
    }
  }
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
}

/**
 * Keep the newest `keep` (names sort by time). A `.partial` left by a backup that was cut short (the process
 * died) goes too once it is an hour old: younger ones may still be being written.
 */
function pruneBackups(backupDir: string, keep: number, now: Date): void {
  const names = fs.readdirSync(backupDir);
  const files = names.filter((name) => /^yishiting-.*\.sqlite$/.test(name)).sort();
  for (const old of files.slice(0, Math.max(0, files.length - keep)))
    fs.rmSync(path.join(backupDir, old), { force: true });
  for (const name of names.filter((n) => n.endsWith(partial) || n.endsWith(`${partial}-journal`))) {
    const file = path.join(backupDir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && now.getTime() - stat.mtimeMs > 3600_000) fs.rmSync(file, { force: true });
  }
}
