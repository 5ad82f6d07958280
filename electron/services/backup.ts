import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Handlers } from './context';

type BackupHandlers = Pick<Handlers, 'backup:list' | 'backup:restore'>;

export const backupDir = (dataDir: string) => path.join(dataDir, 'backups');

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^yishiting-.*\.sqlite$/.test(name))
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      const reason = /-(start|meeting-\d+-closed)(?:-\d+)?\.sqlite$/.exec(name)?.[1] ?? 'other';
      return { name, createdAt: stat.mtime.toISOString(), bytes: stat.size, reason };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/**
 * Backups screen and recovery screen alike: list the backups, and restore one. The restore itself (closing,
 * setting the current file aside, reopening) belongs to the core, which passes it in.
 */
export function backupService(dataDir: string, restore: (file: string) => void): BackupHandlers {
  return {
    'backup:list': () => listBackups(dataDir),
    'backup:restore': ({ name }) => {
      // Only a name from the list: never a path the page made up.
      if (!listBackups(dataDir).some((b) => b.name === name)) {
        throw new AppError('not_found', { entity: { 'zh-CN': '备份', en: 'backup' }, id: name });
      }
      restore(path.join(backupDir(dataDir), name));
      return listBackups(dataDir);
    },
  };
}
