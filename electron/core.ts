import fs from 'node:fs';
import path from 'node:path';
import { channels, type AppStatus } from '../shared/contract';
import { AppError, errorBody } from '../shared/errors';
import { defaultLocale, type Locale } from '../shared/locale';
import { verifyAuditChain } from './db/audit';
import { externalUrl } from './shell/navigation';
import { openDatabase, type Db } from './db/open';
import { EventBus } from './events';
import type { FontFiles } from './records/font-files';
import { createGuard, type Guard, type Log } from './guard';
import { agendaService } from './services/agenda';
import { backupDir, backupService } from './services/backup';
import { attendanceService } from './services/attendance';
import { communityService, readCommunity } from './services/community';
import type { Handlers, ServiceContext } from './services/context';
import { identityService, type KeyProtection } from './services/identity';
import { meetingService } from './services/meeting';
import { minutesService } from './services/minutes';
import { noticeService } from './services/notice';
import { recordService } from './services/records';
import { reportService } from './services/reports';
import { bundleService } from './services/bundle';
import { authorityService } from './services/authority';
import { collectionService } from './services/collection';
import { followupService } from './services/followup';
import { residentService } from './services/resident';
import { runService } from './services/run';
import { topicService } from './services/topic';
import { voteService } from './services/vote';
import { readLocale, settingsService } from './services/settings';

export type CoreOptions = {
  dataDir: string;
  migrationsFolder: string;
  fonts: FontFiles;
  nativeBinding?: string;
  log?: Log;
  now?: () => Date;
  /** Electron's safeStorage, when the OS offers it; otherwise signing keys are protected by a passphrase. */
  keyProtection?: KeyProtection;
  /** For scripts that only read: no start backup unless a migration is due. */
  quiet?: boolean;
  /** Hand a checked https URL to the OS browser (Electron's shell.openExternal; the browser host prints it). */
  openExternal?: (url: string) => void;
};

/** The whole app minus its windows: what the Electron shell and the browser host both serve. */
export type Core = { guard: Guard; events: EventBus; close(): void; db: Db | null };

export const databaseFile = (dataDir: string) => path.join(dataDir, 'yishiting.sqlite');

const defaultLog: Log = (message, error) => console.error(`[yishiting] ${message}`, error ?? '');

/**
 * Open the data file and serve it. Restoring a backup swaps what is behind the same guard: the current file
 * is set aside (never overwritten), the backup copied in, and everything reopened.
 */
export function startCore(options: CoreOptions): Core {
  const log = options.log ?? defaultLog;
  const events = new EventBus();
  fs.mkdirSync(options.dataDir, { recursive: true });

  function restore(backup: string): void {
    inner.close();
    const file = databaseFile(options.dataDir);
    const aside = path.join(options.dataDir, 'replaced', new Date().toISOString().replace(/[:.]/g, '-'));
    fs.mkdirSync(aside, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(aside, path.basename(file) + suffix));
    }
    fs.copyFileSync(backup, file);
    inner = openCore(options, events, log, restore);
    events.emit({ type: 'community:changed' });
  }

  let inner = openCore(options, events, log, restore);
  return {
    guard: (channel, input, caller) => inner.guard(channel, input, caller),
    events,
    get db() {
      return inner.db;
    },
    close: () => inner.close(),
  };
}

function openCore(options: CoreOptions, events: EventBus, log: Log, restore: (backup: string) => void): Core {
  let db: Db;
  try {
    db = openDatabase({
      file: databaseFile(options.dataDir),
      migrationsFolder: options.migrationsFolder,
      backupDir: backupDir(options.dataDir),
      nativeBinding: options.nativeBinding,
      quiet: options.quiet,
    });
  } catch (error) {
    if (!(error instanceof AppError)) log('cannot open the database', error);
    return failedCore(error, events, log, backupService(options.dataDir, restore));
  }
  const ctx: ServiceContext = {
    db,
    dataDir: options.dataDir,
    fonts: options.fonts,
    events,
    now: options.now ?? (() => new Date()),
    keyProtection: options.keyProtection ?? null,
  };
  const identities = identityService(ctx);
  const records = recordService(ctx, identities);
  const handlers: Handlers = {
    'app:status': () => ({ state: 'ready', locale: readLocale(ctx), hasCommunity: readCommunity(ctx) !== null }),
    ...settingsService(ctx),
    ...communityService(ctx),
    ...meetingService(ctx),
    ...residentService(ctx),
    ...topicService(ctx),
    ...agendaService(ctx),
    ...noticeService(ctx),
    ...attendanceService(ctx),
    ...runService(ctx),
    ...voteService(ctx),
    ...minutesService(ctx),
    ...identities.handlers,
    ...records.handlers,
    ...followupService(ctx),
    ...reportService(ctx, records),
    ...bundleService(ctx, identities, records),
    ...collectionService(ctx, identities),
    ...authorityService(ctx, identities),
    ...backupService(options.dataDir, restore),
    'audit:verify': () => verifyAuditChain(db),
    'shell:openExternal': ({ url }) => {
      const safe = externalUrl(url);
      if (!safe) throw new AppError('unsafe_link');
      (options.openExternal ?? ((link) => log(`external link not opened here: ${link}`)))(safe);
      return { url: safe };
    },
  };
  return { guard: createGuard(handlers, () => readLocale(ctx), log), events, db, close: () => db.$client.close() };
}

/**
 * A data file we cannot open still gets a working door: app:status explains what is wrong, the language can be
 * switched, backups can be listed and one restored, and every other channel refuses without touching anything.
 */
function failedCore(error: unknown, events: EventBus, log: Log, backups: ReturnType<typeof backupService>): Core {
  let locale: Locale = defaultLocale;
  const reason = (lang: Locale) =>
    error instanceof AppError ? errorBody(error.code, lang, error.params) : errorBody('internal', lang);
  const unavailable = () => {
    throw new AppError('db_unavailable', { reason: { 'zh-CN': reason('zh-CN').message, en: reason('en').message } });
  };
  const status = (): AppStatus => ({ state: 'failed', locale, ...reason(locale) });
  const handlers = {
    ...(Object.fromEntries(channels.map((channel) => [channel, unavailable])) as unknown as Handlers),
    'app:status': status,
    'settings:setLocale': (input: { locale: Locale }) => (locale = input.locale),
    ...backups,
  };
  return { guard: createGuard(handlers, () => locale, log), events, db: null, close: () => undefined };
}
