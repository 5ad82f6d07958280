import fs from 'node:fs';
import path from 'node:path';
import type { OpenedFile } from '../shared/app-files';
import type { AppStatus } from '../shared/contract';
import { AppError, errorBody } from '../shared/errors';
import { externalUrl } from '../shared/links';
import { defaultLocale, type Locale } from '../shared/locale';
import { verifyAuditChain } from './db/audit';
import type { DatabaseKey } from './db/cipher';
import { findKey, newPassphraseKey, keyFromPassphrase, readKeyFile, throttledKey, type KeyFile } from './db/key-file';
import type { KdfParams } from './crypto/kdf';
import { checkPassphrase } from './crypto/strength';
import { inspectDataFile, openDatabase, type Db } from './db/open';
import { finishPassphraseChange, passphraseChangeSteps } from './db/passphrase-change';
import { EventBus } from './events';
import { inThread, type Work } from './work/work';
import type { FontFiles } from './records/font-files';
import { createGuard, type Guard, type Log } from './guard';
import { mergeHandlers } from './handlers';
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
import { receiptService } from './services/receipt';
import { collectionService } from './services/collection';
import { collectionSearchService } from './services/collection-search';
import { trustService } from './services/trust';
import { followupService } from './services/followup';
import { residentService } from './services/resident';
import { runService } from './services/run';
import { topicService } from './services/topic';
import { voteService } from './services/vote';
import { readLocale, settingsService } from './services/settings';
import { privateFolder, restrictDataFolder } from './db/file-modes';

export type CoreOptions = {
  dataDir: string;
  migrationsFolder: string;
  fonts: FontFiles;
  nativeBinding?: string;
  log?: Log;
  now?: () => Date;
  /**
   * Electron's safeStorage, when the OS offers it: it seals the data file's key and the signing keys. Otherwise
   * both are protected by passphrases, the data file's asked on the first screen.
   */
  keyProtection?: KeyProtection;
  /** The data file's passphrase given up-front (the browser host's YISHITING_PASSPHRASE, tests, scripts). */
  passphrase?: string;
  /** scrypt cost of a new data key file; tests pass a cheap one. */
  passphraseCost?: KdfParams;
  /** For scripts that only read: no start backup unless a migration is due. */
  quiet?: boolean;
  /** Hand a checked https URL to the OS browser (Electron's shell.openExternal; the browser host prints it). */
  openExternal?: (url: string) => void;
  /** Files the OS asked the desktop app to open, each taken once (the Electron shell; none in the browser host). */
  openedFiles?: () => OpenedFile[];
  /** Where heavy work runs (electron/work): a worker thread or utilityProcess; this thread when not given. */
  work?: Work;
};

/** The data file's key and where it is kept; shared by the open core and the restore that reopens it. */
type KeyRef = { key: DatabaseKey; kind: KeyFile['kind'] };

/** The whole app minus its windows: what the Electron shell and the browser host both serve. */
export type Core = {
  guard: Guard;
  events: EventBus;
  close(): void;
  db: Db | null;
  locale(): Locale;
  status(): AppStatus;
};

export const databaseFile = (dataDir: string) => path.join(dataDir, 'yishiting.sqlite');

const defaultLog: Log = (message, error) => console.error(`[yishiting] ${message}`, error ?? '');

/**
 * Open the data file and serve it. Restoring a backup swaps what is behind the same guard: the current file
 * is set aside (never overwritten), the backup copied in, and everything reopened.
 */
export function startCore(given: CoreOptions): Core {
  // Our own copy: the passphrase typed on the first screen (or changed in Settings) is kept for reopening.
  let options = { ...given };
  const log = options.log ?? defaultLog;
  const events = new EventBus();
  // Owner-only from the first moment, also while the passphrase screen waits (the data file opens only after it).
  privateFolder(options.dataDir);
  restrictDataFolder(options.dataDir);
  const file = databaseFile(options.dataDir);

  function restore(backup: string): void {
    inner.close();
    const aside = path.join(options.dataDir, 'replaced', new Date().toISOString().replace(/[:.]/g, '-'));
    fs.mkdirSync(aside, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(aside, path.basename(file) + suffix));
    }
    fs.copyFileSync(backup, file);
    if (fs.existsSync(`${backup}-wal`)) fs.copyFileSync(`${backup}-wal`, `${file}-wal`);
    // Backups share the data file's key: no second derivation from the passphrase.
    inner = known ? openCore(options, events, log, restore, known) : attempt(options.passphrase);
    events.emit({ type: 'community:changed' });
  }

  /** Why the last passphrase was refused (wrong, too weak, too many tries), for the screen that asked. */
  let keyRefusal: AppError | null = null;
  const asksAgain = (status: AppStatus) =>
    status.state === 'failed' &&
    ['data_passphrase_wrong', 'data_passphrase_weak', 'data_unlock_throttled'].includes(status.code);

  /** The key once had, kept for a restore; a change of passphrase replaces it here too. */
  let known: KeyRef | null = null;

  /** The key first (OS keychain, passphrase, or the screen that asks for it), then the file. */
  function attempt(passphrase: string | undefined): Core {
    const backups = backupService(options.dataDir, restore, () => known?.key ?? null);
    const found = findKey({
      now: (options.now ?? (() => new Date()))(),
      dataDir: options.dataDir,
      data: inspectDataFile(file, options.nativeBinding),
      protection: options.keyProtection,
      passphrase,
      cost: options.passphraseCost,
    });
    if (found.state === 'failed') {
      keyRefusal = found.error;
      return failedCore(found.error, events, log, backups);
    }
    if (found.state === 'locked') return lockedCore(found.setup, events, log, backups, unlock);
    if (found.unfinished)
      finishPassphraseChange(
        { dataDir: options.dataDir, dataFile: file, nativeBinding: options.nativeBinding },
        found.unfinished,
      );
    known = { key: found.key, kind: found.kind };
    return openCore(options, events, log, restore, known);
  }

  function unlock(passphrase: string): AppStatus {
    const next = attempt(passphrase);
    const status = next.status();
    // A refused passphrase keeps this screen; anything else (open, or damage found behind the key) replaces it.
    if (asksAgain(status)) throw keyRefusal ?? new AppError('data_passphrase_wrong');
    options.passphrase = passphrase;
    inner = next;
    events.emit({ type: 'community:changed' });
    return status;
  }

  // A wrong passphrase given up-front (a stale YISHITING_PASSPHRASE) is asked for on screen instead.
  let inner = attempt(options.passphrase);
  const first = inner.status();
  if (asksAgain(first)) {
    options = { ...options, passphrase: undefined };
    inner = attempt(undefined);
  }
  return {
    guard: (channel, input, caller) => inner.guard(channel, input, caller),
    locale: () => inner.locale(),
    status: () => inner.status(),
    events,
    get db() {
      return inner.db;
    },
    close: () => inner.close(),
  };
}

function openCore(
  options: CoreOptions,
  events: EventBus,
  log: Log,
  restore: (backup: string) => void,
  keyRef: KeyRef,
): Core {
  const { key, kind: keyKind } = keyRef;
  let db: Db;
  try {
    db = openDatabase({
      file: databaseFile(options.dataDir),
      migrationsFolder: options.migrationsFolder,
      backupDir: backupDir(options.dataDir),
      key,
      nativeBinding: options.nativeBinding,
      quiet: options.quiet,
    });
  } catch (error) {
    if (!(error instanceof AppError)) log('cannot open the database', error);
    return failedCore(
      error,
      events,
      log,
      backupService(options.dataDir, restore, () => key),
    );
  }
  const work = options.work ?? inThread;
  const ctx: ServiceContext = {
    db,
    dataDir: options.dataDir,
    dataKey: () => keyRef.key,
    fonts: options.fonts,
    events,
    now: options.now ?? (() => new Date()),
    keyProtection: options.keyProtection ?? null,
    work,
    backup: async (reason) => {
      const taken = await work.run('backupFile', {
        file: databaseFile(options.dataDir),
        key: keyRef.key,
        backupDir: backupDir(options.dataDir),
        reason,
        takenAt: ctx.now().toISOString(),
        nativeBinding: options.nativeBinding,
      });
      if (!taken) throw new AppError('backup_failed');
    },
  };
  const identities = identityService(ctx);
  const trust = trustService(ctx, identities);
  const records = recordService(ctx, identities, trust);
  const status = (): AppStatus => ({
    state: 'ready',
    locale: readLocale(ctx),
    hasCommunity: readCommunity(ctx) !== null,
    keyKind,
  });
  const handlers = mergeHandlers([
    {
      'app:status': status,
      'app:unlock': status,
      'settings:changePassphrase': ({ current, next }) => {
        const c = readCommunity(ctx);
        const names = c ? [c.name, c.subDistrict, c.district, c.pavilionName] : [];
        keyRef.key = changePassphrase(options, db, keyRef.key, keyKind, { current, next, names });
        return status();
      },
    },
    settingsService(ctx),
    communityService(ctx),
    meetingService(ctx),
    residentService(ctx),
    topicService(ctx),
    agendaService(ctx),
    noticeService(ctx),
    attendanceService(ctx),
    runService(ctx),
    voteService(ctx),
    minutesService(ctx),
    identities.handlers,
    records.handlers,
    followupService(ctx),
    reportService(ctx, records),
    bundleService(ctx, identities, records),
    collectionService(ctx, identities, trust),
    collectionSearchService(ctx),
    receiptService(ctx, identities),
    authorityService(ctx, identities),
    trust.handlers,
    backupService(options.dataDir, restore, () => keyRef.key),
    {
      'audit:verify': () => verifyAuditChain(db),
      'shell:openExternal': ({ url }) => {
        const safe = externalUrl(url);
        if (!safe) throw new AppError('unsafe_link');
        (options.openExternal ?? ((link) => log(`external link not opened here: ${link}`)))(safe);
        return { url: safe };
      },
      'shell:openedFiles': () => options.openedFiles?.() ?? [],
    },
  ]);
  const locale = () => readLocale(ctx);
  return { guard: createGuard(handlers, locale, log), locale, status, events, db, close: () => db.$client.close() };
}

/**
 * A new passphrase means a new key (rekey), for the data file and every backup and set-aside file, so an old
 * passphrase that leaked opens nothing. The steps and why a crash between any two leaves a passphrase that
 * opens the data: electron/db/passphrase-change.ts.
 */
function changePassphrase(
  options: CoreOptions,
  db: Db,
  key: DatabaseKey,
  keyKind: KeyFile['kind'],
  { current, next, names }: { current: string; next: string; names: string[] },
): DatabaseKey {
  const file = readKeyFile(options.dataDir);
  if (keyKind !== 'passphrase' || file?.kind !== 'passphrase') throw new AppError('data_passphrase_not_used');
  // The same throttle as the first screen: this is the same passphrase, so it must not be a faster oracle.
  throttledKey(options.dataDir, () => keyFromPassphrase(file, current), (options.now ?? (() => new Date()))());
  // The signing passphrase's check (zxcvbn with pinyin and the community's names), as on a new install.
  checkPassphrase(next, names, 'data_passphrase_weak');
  const made = newPassphraseKey(next, options.passphraseCost);
  const steps = passphraseChangeSteps({
    dataDir: options.dataDir,
    dataFile: databaseFile(options.dataDir),
    oldKey: key,
    made,
    nativeBinding: options.nativeBinding,
    open: db.$client,
  });
  for (const [, step] of steps) step();
  options.passphrase = next;
  return made.key;
}

/** A core without an open database: the language, the backups, `more`, and app:status answer; the rest refuse. */
function doorCore(
  status: (locale: Locale) => AppStatus,
  refuse: () => never,
  more: Partial<Handlers>,
  { events, log, backups }: { events: EventBus; log: Log; backups: ReturnType<typeof backupService> },
): Core {
  let locale: Locale = defaultLocale;
  const handlers = mergeHandlers(
    [{ 'app:status': () => status(locale), 'settings:setLocale': (input) => (locale = input.locale) }, more, backups],
    () => refuse,
  );
  return {
    guard: createGuard(handlers, () => locale, log),
    locale: () => locale,
    status: () => status(locale),
    events,
    db: null,
    close: () => undefined,
  };
}

/**
 * The data file is encrypted with a passphrase nobody typed yet: the first screen asks for it (or for a new one).
 * Until then only the language, the backup list (and restoring one) and unlocking answer.
 */
function lockedCore(
  setup: boolean,
  events: EventBus,
  log: Log,
  backups: ReturnType<typeof backupService>,
  unlock: (passphrase: string) => AppStatus,
): Core {
  return doorCore(
    (locale) => ({ state: 'locked', locale, setup }),
    () => {
      throw new AppError('locked');
    },
    { 'app:unlock': ({ passphrase }) => unlock(passphrase) },
    { events, log, backups },
  );
}

/**
 * A data file we cannot open still gets a working door: app:status explains what is wrong, the language can be
 * switched, backups can be listed and one restored, and every other channel refuses without touching anything.
 */
function failedCore(error: unknown, events: EventBus, log: Log, backups: ReturnType<typeof backupService>): Core {
  const reason = (lang: Locale) =>
    error instanceof AppError ? errorBody(error.code, lang, error.params) : errorBody('internal', lang);
  return doorCore(
    (locale) => ({ state: 'failed', locale, ...reason(locale) }),
    () => {
      throw new AppError('db_unavailable', { reason: { 'zh-CN': reason('zh-CN').message, en: reason('en').message } });
    },
    {},
    { events, log, backups },
  );
}
