import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { deriveSync, kdfParams, StoredKdf, type KdfParams } from '../crypto/kdf';
import { checkPassphrase } from '../crypto/strength';
import { remainingWaitS, unlockWaitS, waitText } from '../crypto/throttle';
import type { KeyProtection } from '../services/identity';
import { keyBytes, type DatabaseKey } from './cipher';

/**
 * The data file's key lives beside it in `yishiting.key`, never in clear: sealed by the OS keychain (Electron's
 * safeStorage), or not stored at all — only the scrypt salt and cost to derive it again from the passphrase,
 * plus a check value that tells a wrong passphrase from a damaged file.
 */
export const keyFileName = 'yishiting.key';

export type KeyFile =
  { version: 1; kind: 'os'; sealed: string } | { version: 1; kind: 'passphrase'; kdf: StoredKdf; check: string };

export const keyFilePath = (dataDir: string) => path.join(dataDir, keyFileName);

export function readKeyFile(dataDir: string): KeyFile | null {
  let text: string;
  try {
    text = fs.readFileSync(keyFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as KeyFile;
    if (parsed.version === 1 && parsed.kind === 'os' && typeof parsed.sealed === 'string') return parsed;
    // The cost comes from a file someone may have edited: bounded by the KDF's own schema.
    if (parsed.version === 1 && parsed.kind === 'passphrase' && StoredKdf.safeParse(parsed.kdf).success) return parsed;
  } catch {
    // fall through: a key file we cannot read is as good as a missing key
  }
  throw new AppError('db_key_damaged', { file: keyFileName });
}

/** Written beside and renamed over, so a crash leaves the old key file or the new one, never half of one. */
export function writeKeyFile(dataDir: string, file: KeyFile): void {
  const target = keyFilePath(dataDir);
  const temporary = `${target}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(file));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
}

/** Passphrase → key, blocking: at start nothing else is served yet, and the screen shows it is opening. */
function derivePassphraseKey(passphrase: string, { salt, ...params }: StoredKdf): DatabaseKey {
  return deriveSync(passphrase, Buffer.from(salt, 'base64'), params).subarray(0, keyBytes);
}

const checkOf = (key: DatabaseKey) => createHmac('sha256', key).update('yishiting database key check').digest('base64');

export function newPassphraseKey(passphrase: string, cost: KdfParams = kdfParams) {
  const kdf = { ...cost, salt: randomBytes(16).toString('base64') };
  const key = derivePassphraseKey(passphrase, kdf);
  return { key, file: { version: 1, kind: 'passphrase', kdf, check: checkOf(key) } satisfies KeyFile };
}

/** The key for this passphrase, or null when it is not the one the key file was made with. */
export function keyFromPassphrase(file: KeyFile & { kind: 'passphrase' }, passphrase: string): DatabaseKey | null {
  const key = derivePassphraseKey(passphrase, file.kdf);
  const expected = Buffer.from(file.check, 'base64');
  const actual = Buffer.from(checkOf(key), 'base64');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? key : null;
}

export function newOsKey(protection: KeyProtection) {
  const key = randomBytes(keyBytes);
  return { key, file: { version: 1, kind: 'os', sealed: protection.encrypt(key.toString('hex')) } satisfies KeyFile };
}

export function keyFromOs(file: KeyFile & { kind: 'os' }, protection: KeyProtection): DatabaseKey {
  let hex: string;
  try {
    hex = protection.decrypt(file.sealed);
  } catch {
    throw new AppError('db_key_unavailable');
  }
  const key = Buffer.from(hex, 'hex');
  if (key.length !== keyBytes) throw new AppError('db_key_damaged', { file: keyFileName });
  return key;
}

/**
 * Wrong data passphrases, counted in `yishiting.key.tries` beside the key file so the wait survives a restart
 * (the data file cannot be read before unlock, so the count cannot live in it). A side file is enough: the
 * throttle stops guessing through the app's own door (the first screen, the browser host's API); whoever can
 * delete this file can also copy the key file and guess offline, where scrypt's cost is the defence. The key
 * file itself is never rewritten for a wrong guess.
 */
export const triesFileName = 'yishiting.key.tries';
type Tries = { failures: number; lastFailed: string | null };

function readTries(dataDir: string): Tries {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, triesFileName), 'utf8')) as Partial<Tries>;
    const failures = Number.isInteger(parsed.failures) && parsed.failures! >= 0 ? parsed.failures! : 0;
    return { failures, lastFailed: typeof parsed.lastFailed === 'string' ? parsed.lastFailed : null };
  } catch {
    return { failures: 0, lastFailed: null };
  }
}

function writeTries(dataDir: string, tries: Tries): void {
  const file = path.join(dataDir, triesFileName);
  if (tries.failures === 0) return fs.rmSync(file, { force: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(tries), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * The key for this passphrase, counted against the throttle: the try is written down before the slow
 * derivation (quitting mid-way wins no free guess) and forgiven when it was right.
 */
export function throttledKey(dataDir: string, derive: () => DatabaseKey | null, now: Date): DatabaseKey {
  const tries = readTries(dataDir);
  const wait = remainingWaitS(tries.failures, tries.lastFailed, now);
  if (wait > 0) throw new AppError('data_unlock_throttled', { count: tries.failures, wait: waitText(wait) });
  writeTries(dataDir, { failures: tries.failures + 1, lastFailed: now.toISOString() });
  const key = derive();
  if (key) {
    writeTries(dataDir, { failures: 0, lastFailed: null });
    return key;
  }
  const waitNow = unlockWaitS(tries.failures + 1);
  if (waitNow) throw new AppError('data_unlock_throttled', { count: tries.failures + 1, wait: waitText(waitNow) });
  throw new AppError('data_passphrase_wrong');
}

/**
 * A change of passphrase under way (electron/db/passphrase-change.ts): the new key file, and each key sealed
 * under the other with AES-256-GCM. Whichever passphrase is typed after a crash then gives both keys, so the
 * change can be finished whatever step it stopped at.
 */
export const pendingKeyFileName = 'yishiting.key.next';
type PassphraseFile = KeyFile & { kind: 'passphrase' };
type PendingKey = { file: PassphraseFile; newUnderOld: string; oldUnderNew: string };
export type UnfinishedChange = { oldKey: DatabaseKey; newKey: DatabaseKey; file: PassphraseFile };

function wrap(under: DatabaseKey, key: DatabaseKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', under, iv);
  const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function unwrap(under: DatabaseKey, wrapped: string): DatabaseKey {
  const bytes = Buffer.from(wrapped, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', under, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}

/** Written (atomically, like the key file) before anything is re-encrypted. */
export function writePendingKey(
  dataDir: string,
  oldKey: DatabaseKey,
  made: { key: DatabaseKey; file: PassphraseFile },
) {
  const pending: PendingKey = {
    file: made.file,
    newUnderOld: wrap(oldKey, made.key),
    oldUnderNew: wrap(made.key, oldKey),
  };
  const target = path.join(dataDir, pendingKeyFileName);
  const fd = fs.openSync(`${target}.tmp`, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(pending));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${target}.tmp`, target);
}

export const clearPendingKey = (dataDir: string) => fs.rmSync(path.join(dataDir, pendingKeyFileName), { force: true });

function readPendingKey(dataDir: string): PendingKey | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, pendingKeyFileName), 'utf8')) as PendingKey;
    return parsed.file?.kind === 'passphrase' && StoredKdf.safeParse(parsed.file.kdf).success ? parsed : null;
  } catch {
    return null;
  }
}

export type KeyState =
  | { state: 'ready'; key: DatabaseKey; kind: KeyFile['kind']; unfinished?: UnfinishedChange }
  /** A passphrase is needed; `setup`: none was chosen yet, so the screen asks for a new one (twice). */
  | { state: 'locked'; setup: boolean }
  | { state: 'failed'; error: AppError };

export type KeySource = {
  dataDir: string;
  /** What is at the data file's place (inspectDataFile). */
  data: 'missing' | 'empty' | 'plain' | 'foreign' | 'encrypted';
  /** The OS keychain (Electron's safeStorage), where it really protects. */
  protection?: KeyProtection | null;
  /** Typed on the first screen, or given to the browser host by YISHITING_PASSPHRASE. */
  passphrase?: string;
  cost?: KdfParams;
  /** For the throttle's clock. */
  now?: Date;
};

/**
 * Where the data file's key comes from, decided before the file is opened. Never a new key over data that
 * exists: an encrypted file without its key file, or a truncated file, is shown as what it is.
 */
export function findKey(source: KeySource): KeyState {
  const failed = (error: AppError): KeyState => ({ state: 'failed', error });
  if (source.data === 'empty' || source.data === 'foreign')
    return failed(new AppError(source.data === 'empty' ? 'db_corrupt' : 'db_foreign', { file: 'yishiting.sqlite' }));
  let file: KeyFile | null;
  try {
    file = readKeyFile(source.dataDir);
  } catch (error) {
    if (error instanceof AppError) return failed(error);
    throw error;
  }
  if (file?.kind === 'os') {
    if (!source.protection) return failed(new AppError('db_key_os_only'));
    try {
      return { state: 'ready', key: keyFromOs(file, source.protection), kind: 'os' };
    } catch (error) {
      if (error instanceof AppError) return failed(error);
      throw error;
    }
  }
  if (file?.kind === 'passphrase') {
    if (source.passphrase === undefined) return { state: 'locked', setup: false };
    const passphrase = source.passphrase;
    const main = file;
    const pending = readPendingKey(source.dataDir);
    try {
      const key = throttledKey(
        source.dataDir,
        () => keyFromPassphrase(main, passphrase) ?? (pending && keyFromPassphrase(pending.file, passphrase)),
        source.now ?? new Date(),
      );
      // The key file already names the new key: the change got to its last step.
      if (!pending || pending.file.check === main.check) {
        if (pending) clearPendingKey(source.dataDir);
        return { state: 'ready', key, kind: 'passphrase' };
      }
      const typedNew = checkOf(key) === pending.file.check;
      const unfinished = typedNew
        ? { oldKey: unwrap(key, pending.oldUnderNew), newKey: key, file: pending.file }
        : { oldKey: key, newKey: unwrap(key, pending.newUnderOld), file: pending.file };
      return { state: 'ready', key: unfinished.newKey, kind: 'passphrase', unfinished };
    } catch (error) {
      if (error instanceof AppError) return failed(error);
      throw error;
    }
  }
  if (source.data === 'encrypted') return failed(new AppError('db_key_missing', { file: keyFileName }));
  // Nothing encrypted yet (a new install, or a plain file from before encryption): a new key.
  if (source.protection) {
    const made = newOsKey(source.protection);
    writeKeyFile(source.dataDir, made.file);
    return { state: 'ready', key: made.key, kind: 'os' };
  }
  if (source.passphrase === undefined) return { state: 'locked', setup: true };
  // It is all that stands between a copied folder and every resident: the signing passphrase's check, not a length.
  try {
    checkPassphrase(source.passphrase, [], 'data_passphrase_weak');
  } catch (error) {
    if (error instanceof AppError) return failed(error);
    throw error;
  }
  const made = newPassphraseKey(source.passphrase, source.cost);
  writeKeyFile(source.dataDir, made.file);
  return { state: 'ready', key: made.key, kind: 'passphrase' };
}
