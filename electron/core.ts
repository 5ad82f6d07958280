import fs from 'node:fs';
import path from 'node:path';
import { channels, type AppStatus } from '../shared/contract';
import { AppError, errorBody } from '../shared/errors';
import { defaultLocale, type Locale } from '../shared/locale';
import { verifyAuditChain } from './db/audit';
import { openDatabase, type Db } from './db/open';
import { EventBus } from './events';
import type { FontFiles } from './records/font-files';
import { createGuard, type Guard, type Log } from './guard';
import { agendaService } from './services/agenda';
import { attendanceService } from './services/attendance';
import { communityService, readCommunity } from './services/community';
import type { Handlers, ServiceContext } from './services/context';
import { meetingService } from './services/meeting';
import { noticeService } from './services/notice';
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
};

/** The whole app minus its windows: what the Electron shell and the browser host both serve. */
export type Core = { guard: Guard; events: EventBus; close(): void; db: Db | null };

export const databaseFile = (dataDir: string) => path.join(dataDir, 'yishiting.sqlite');

const defaultLog: Log = (message, error) => console.error(`[yishiting] ${message}`, error ?? '');

export function startCore(options: CoreOptions): Core {
  const log = options.log ?? defaultLog;
  const events = new EventBus();
  fs.mkdirSync(options.dataDir, { recursive: true });
  let db: Db;
  try {
    db = openDatabase({
      file: databaseFile(options.dataDir),
      migrationsFolder: options.migrationsFolder,
      backupDir: path.join(options.dataDir, 'backups'),
      nativeBinding: options.nativeBinding,
    });
  } catch (error) {
    if (!(error instanceof AppError)) log('cannot open the database', error);
    return failedCore(error, events, log);
  }
  const ctx: ServiceContext = {
    db,
    dataDir: options.dataDir,
    fonts: options.fonts,
    events,
    now: options.now ?? (() => new Date()),
  };
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
    'audit:verify': () => verifyAuditChain(db),
  };
  return { guard: createGuard(handlers, () => readLocale(ctx), log), events, db, close: () => db.$client.close() };
}

/**
 * A data file we cannot open still gets a working door: app:status explains what is wrong,
 * the language can be switched, and every other channel refuses without touching anything.
 */
function failedCore(error: unknown, events: EventBus, log: Log): Core {
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
  };
  return { guard: createGuard(handlers, () => locale, log), events, db: null, close: () => undefined };
}
