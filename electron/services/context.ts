import type { ParsedInput, Output, Channel } from '../../shared/contract';
import type { DatabaseKey } from '../db/cipher';
import { appendAudit, type AuditEntry, type Tx } from '../db/audit';
import type { Db } from '../db/open';
import type { EventBus } from '../events';
import type { FontFiles } from '../records/font-files';
import type { Work } from '../work/work';
import type { KeyProtection } from './identity';

export type Handler<C extends Channel> = (input: ParsedInput<C>) => Output<C> | Promise<Output<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

export type ServiceContext = {
  db: Db;
  /** The folder holding the data file; photos and backups live beside it. */
  dataDir: string;
  /**
   * The data file's key (SQLCipher's), for what is kept beside the file encrypted under it (topic photos). A
   * function: a change of passphrase replaces it.
   */
  dataKey: () => DatabaseKey;
  /** Fonts for records: bundled Noto Sans SC and whatever fallbacks this machine has. */
  fonts: FontFiles;
  events: EventBus;
  now: () => Date;
  /** The shell's safeStorage for the signing key; null where there is none (browser host, tests). */
  keyProtection: KeyProtection | null;
  /** Where records are drawn, uploads read and backups taken: a worker, so this thread keeps answering. */
  work: Work;
  /**
   * Back the data file up in the worker (see backupFile): resolves once the copy is checked and named, rejects
   * (AppError backup_failed / disk_full, or the worker's own failure) when none was kept.
   */
  backup(reason: string): Promise<void>;
};

export type Audit = (entry: AuditEntry) => void;

/**
 * Run one command: the change and its audit events commit together or not at all
 * (better-sqlite3 transactions are synchronous, so nothing can interleave).
 */
export function change<T>(ctx: ServiceContext, work: (tx: Tx, audit: Audit) => T): T {
  const at = ctx.now();
  return ctx.db.transaction((tx) => work(tx, (entry) => appendAudit(tx, entry, at)));
}
