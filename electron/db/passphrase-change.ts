import path from 'node:path';
import type Database from 'better-sqlite3';
import { openKeyed, rekey, type DatabaseKey } from './cipher';
import { clearPendingKey, writeKeyFile, writePendingKey, type KeyFile, type UnfinishedChange } from './key-file';
import { sqliteFilesUnder } from './open';
import { resealPhotos } from './photo-files';

type Change = {
  dataDir: string;
  /** The data file, its backups and set-aside copies. */
  dataFile: string;
  oldKey: DatabaseKey;
  made: { key: DatabaseKey; file: KeyFile & { kind: 'passphrase' } };
  nativeBinding?: string;
  /** The app's open connection to the data file, when there is one (Settings); else the file is opened. */
  open?: Database.Database;
};

/** Re-encrypt `file` under the new key unless it already is (a step done before a crash); damaged ones are left. */
function toNewKey(file: string, { oldKey, made, nativeBinding }: Change): void {
  for (const [key, done] of [
    [made.key, true],
    [oldKey, false],
  ] as const) {
    let sqlite: Database.Database | null = null;
    try {
      sqlite = openKeyed(file, key, { mustExist: true, nativeBinding });
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
      if (!done) rekey(sqlite, made.key);
      return;
    } catch {
      // not under this key: try the other; under neither, it was damaged before and is listed as such
    } finally {
      sqlite?.close();
    }
  }
}

/**
 * A new passphrase as steps, in this order. Whatever step the process dies after, the folder still opens: the
 * pending key file (yishiting.key.next) holds each key sealed under the other, so either passphrase gives both
 * keys and the next start finishes the change (finishPassphraseChange); before it exists, nothing has changed.
 */
export function passphraseChangeSteps(change: Change): [string, () => void][] {
  const copies = () =>
    [path.join(change.dataDir, 'backups'), path.join(change.dataDir, 'replaced')].flatMap(sqliteFilesUnder);
  return [
    ['pending key file', () => writePendingKey(change.dataDir, change.oldKey, change.made)],
    ['data file', () => (change.open ? rekey(change.open, change.made.key) : toNewKey(change.dataFile, change))],
    ['backups', () => copies().forEach((copy) => toNewKey(copy, change))],
    ['photos', () => resealPhotos(change.dataDir, change.oldKey, change.made.key)],
    ['key file', () => writeKeyFile(change.dataDir, change.made.file)],
    ['done', () => clearPendingKey(change.dataDir)],
  ];
}

/** Finish a change that a crash interrupted (findKey found the pending key file and both keys). */
export function finishPassphraseChange(
  { dataDir, dataFile, nativeBinding }: { dataDir: string; dataFile: string; nativeBinding?: string },
  { oldKey, newKey, file }: UnfinishedChange,
): void {
  const steps = passphraseChangeSteps({ dataDir, dataFile, oldKey, made: { key: newKey, file }, nativeBinding });
  for (const [, step] of steps.slice(1)) step();
}
