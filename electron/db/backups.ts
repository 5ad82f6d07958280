import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/** How many automatic backups to keep unless the secretary chose otherwise; older ones go after each new one. */
export const defaultKeep = 10;
export const keepRange = { min: 3, max: 100 } as const;
export const keepSettingKey = 'backup_keep';

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
 * An online backup (VACUUM INTO is consistent while the file is open; a file copy of a WAL database is not),
 * checked with integrity_check before it counts. Returns the backup's path, or null when the check failed.
 */
export function backupDatabase(sqlite: Database.Database, backupDir: string, reason: string): string | null {
  fs.mkdirSync(backupDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = path.join(backupDir, `yishiting-${stamp}-${reason}.sqlite`);
  // VACUUM INTO refuses an existing file: two backups within one millisecond get a counter.
  for (let n = 2; fs.existsSync(target); n += 1)
    target = path.join(backupDir, `yishiting-${stamp}-${reason}-${n}.sqlite`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  // Checked through the same connection (ATTACH), so Electron's own better-sqlite3 build is the one used.
  sqlite.prepare('ATTACH DATABASE ? AS backup_check').run(target);
  const sound = sqlite.pragma('backup_check.integrity_check', { simple: true }) === 'ok';
  sqlite.exec('DETACH DATABASE backup_check');
  if (!sound) {
    fs.rmSync(target, { force: true });
    return null;
  }
  pruneBackups(backupDir, backupsToKeep(sqlite));
  return target;
}

/** Keep the newest `keep` (names sort by time). */
function pruneBackups(backupDir: string, keep: number): void {
  const files = fs
    .readdirSync(backupDir)
    .filter((name) => /^yishiting-.*\.sqlite$/.test(name))
    .sort();
  for (const old of files.slice(0, Math.max(0, files.length - keep)))
    fs.rmSync(path.join(backupDir, old), { force: true });
}
