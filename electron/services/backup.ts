import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { takenAtKey } from '../db/backups';
import { isOurs, openKeyed, sniff, type DatabaseKey } from '../db/cipher';
import type { Handlers } from './context';

type BackupHandlers = Pick<Handlers, 'backup:list' | 'backup:restore'>;

export const backupDir = (dataDir: string) => path.join(dataDir, 'backups');
export const replacedDir = (dataDir: string) => path.join(dataDir, 'replaced');
const dataFileName = 'yishiting.sqlite';

/** `2026-12-02T02-10-00-000Z` (as the names carry it) back to an ISO time. */
function timeOfStamp(stamp: string): string | null {
  const match = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(stamp);
  return match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : null;
}

type Found = { info: BackupInfo; file: string };

/**
 * What a copy really is, read from inside it when the key is at hand: its own record of when it was taken
 * (never the file's date, which a copy or a restore changes) and whether it is ours. Without the key (the
 * passphrase screen) only what the name and the bytes say: an empty file is never on offer.
 */
function describe(file: string, base: Omit<BackupInfo, 'createdAt' | 'usable' | 'bytes'>, key: DatabaseKey | null) {
  const bytes = fs.statSync(file).size;
  const named = timeOfStamp(base.name) ?? new Date(0).toISOString();
  const kind = sniff(file);
  if (bytes === 0 || kind === 'empty' || kind === 'plain' || !key) {
    return { ...base, bytes, createdAt: named, usable: bytes > 0 && kind === 'encrypted' && key === null };
  }
  try {
    const sqlite = openKeyed(file, key, { readonly: true });
    try {
      if (!isOurs(sqlite)) return { ...base, bytes, createdAt: named, usable: false };
      const recorded = sqlite.prepare('SELECT value FROM app_setting WHERE key = ?').pluck().get(takenAtKey);
      const createdAt = base.source === 'backup' && typeof recorded === 'string' ? recorded : named;
      return { ...base, bytes, createdAt, usable: true };
    } finally {
      sqlite.close();
    }
  } catch {
    return { ...base, bytes, createdAt: named, usable: false };
  }
}

function findCopies(dataDir: string, key: DatabaseKey | null): Found[] {
  const found: Found[] = [];
  const backups = backupDir(dataDir);
  if (fs.existsSync(backups)) {
    for (const name of fs.readdirSync(backups).filter((n) => /^yishiting-.*\.sqlite$/.test(n))) {
      const file = path.join(backups, name);
      const reason = /-(start|meeting-\d+-closed)(?:-\d+)?\.sqlite$/.exec(name)?.[1] ?? 'other';
      found.push({ file, info: describe(file, { name, reason, source: 'backup' }, key) });
    }
  }
  // Each restore set the file it replaced aside in a folder of its own: offered back the same way.
  const replaced = replacedDir(dataDir);
  if (fs.existsSync(replaced)) {
    for (const stamp of fs.readdirSync(replaced)) {
      const file = path.join(replaced, stamp, dataFileName);
      if (!fs.existsSync(file)) continue;
      found.push({
        file,
        info: describe(file, { name: `replaced/${stamp}`, reason: 'replaced', source: 'replaced' }, key),
      });
    }
  }
  return found.sort(
    (a, b) => b.info.createdAt.localeCompare(a.info.createdAt) || b.info.name.localeCompare(a.info.name),
  );
}

export const listBackups = (dataDir: string, key: DatabaseKey | null = null): BackupInfo[] =>
  findCopies(dataDir, key).map((copy) => copy.info);

/**
 * Backups screen and recovery screen alike: list the backups and the set-aside files, and restore one. The
 * restore itself (closing, setting the current file aside, reopening) belongs to the core, which passes it in.
 * A copy is restored only when it opens with the key and passes integrity_check as ours.
 */
export function backupService(
  dataDir: string,
  restore: (file: string) => void,
  key: () => DatabaseKey | null = () => null,
): BackupHandlers {
  return {
    'backup:list': () => listBackups(dataDir, key()),
    'backup:restore': ({ name }) => {
      // Only a name from the list: never a path the page made up.
      const copy = findCopies(dataDir, key()).find((c) => c.info.name === name);
      if (!copy) throw new AppError('not_found', { entity: { 'zh-CN': '备份', en: 'backup' }, id: name });
      if (!copy.info.usable || !sound(copy.file, key())) throw new AppError('backup_unusable', { name });
      restore(copy.file);
      return listBackups(dataDir, key());
    },
  };
}

/** Without the key (the passphrase screen) it cannot be checked inside; it must at least not be empty or plain. */
function sound(file: string, key: DatabaseKey | null): boolean {
  if (!key) return sniff(file) === 'encrypted';
  try {
    const sqlite = openKeyed(file, key, { readonly: true });
    try {
      return sqlite.pragma('integrity_check', { simple: true }) === 'ok' && isOurs(sqlite);
    } finally {
      sqlite.close();
    }
  } catch {
    return false;
  }
}
