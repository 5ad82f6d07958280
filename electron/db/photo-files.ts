import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { DatabaseKey } from './cipher';
import { privateFileMode, privateFolder } from './file-modes';

/**
 * Topic photos at rest: each file in the data folder's photos/ is `nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16)`
 * under a key derived from the data file's key (HKDF-SHA256, its own label), so the key SQLCipher uses as its page
 * key is never also a GCM key, and a change of passphrase (a new data key) changes this one too. The stored name
 * is the additional data: a file renamed over another photo's name does not open. Photos are not in backups (a
 * backup is one SQLite file); a restored backup's rows still find their pictures here, under the same key.
 */
export const photoFolder = (dataDir: string) => path.join(dataDir, 'photos');

const nonceBytes = 12;
const tagBytes = 16;
const temporary = '.tmp';

const photoKey = (key: DatabaseKey) =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'yishiting topic photo v1', 32));

export function sealPhoto(key: DatabaseKey, storedAs: string, bytes: Buffer): Buffer {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', photoKey(key), nonce);
  cipher.setAAD(Buffer.from(storedAs, 'utf8'));
  return Buffer.concat([nonce, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
}

/** The picture, or null when this is not a photo sealed under this key with this name (or it was changed). */
export function openPhoto(key: DatabaseKey, storedAs: string, sealed: Buffer): Buffer | null {
  if (sealed.length < nonceBytes + tagBytes) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', photoKey(key), sealed.subarray(0, nonceBytes));
    decipher.setAAD(Buffer.from(storedAs, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
    return Buffer.concat([decipher.update(sealed.subarray(nonceBytes, sealed.length - tagBytes)), decipher.final()]);
  } catch {
    return null;
  }
}

/** JPEG, PNG and WebP as topic:addPhoto accepts them: how a photo from before encryption starts. */
export function looksLikeImage(b: Buffer): boolean {
  return (
    (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
    b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])) ||
    (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
  );
}

/**
 * Written beside and renamed over (file and folder synced), owner-only: a crash leaves the old file or the new
 * one, never half of one. `exclusive`: refuse to replace a file of that name (a new photo).
 */
function writeAtomically(dir: string, name: string, bytes: Buffer, exclusive = false): void {
  privateFolder(dir);
  const target = path.join(dir, name);
  if (exclusive && fs.existsSync(target)) throw new Error(`photo ${name} exists`);
  const writing = `${target}${temporary}`;
  const fd = fs.openSync(writing, 'w', privateFileMode);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(writing, target);
  syncFolder(dir);
}

function syncFolder(dir: string): void {
  // A rename is durable once its folder is synced; Windows cannot open a folder for that (NTFS journals it).
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A new photo, sealed before a byte of it reaches the disk. */
export function writePhoto(dataDir: string, key: DatabaseKey, storedAs: string, bytes: Buffer): void {
  writeAtomically(photoFolder(dataDir), storedAs, sealPhoto(key, storedAs, bytes), true);
}

export const removePhoto = (dataDir: string, storedAs: string) =>
  fs.rmSync(path.join(photoFolder(dataDir), storedAs), { force: true });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A stored photo, checked against the digest its row recorded when it was added. One still in clear (put back
 * from a copy of an old folder after the start sealed the rest) is served only when it is that very picture;
 * the next start seals it (a read writes nothing).
 */
export function readPhoto(
  dataDir: string,
  key: DatabaseKey,
  row: { storedAs: string; fileName: string; sha256: string },
): Buffer {
  const unreadable = () => new AppError('photo_unreadable', { name: row.fileName });
  let stored: Buffer;
  try {
    stored = fs.readFileSync(path.join(photoFolder(dataDir), row.storedAs));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw unreadable();
    throw error;
  }
  const opened = openPhoto(key, row.storedAs, stored);
  if (opened) {
    if (sha256(opened) !== row.sha256) throw unreadable();
    return opened;
  }
  if (looksLikeImage(stored) && sha256(stored) === row.sha256) return stored;
  throw unreadable();
}

function storedPhotos(dataDir: string): string[] {
  const dir = photoFolder(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

/** The start's pass never keeps the app from starting: a folder it cannot list is tried again next time. */
function listedOrNone(dataDir: string): string[] {
  try {
    return storedPhotos(dataDir);
  } catch {
    return [];
  }
}

/**
 * At start, once the data file is open: photos written before encryption (clear JPEG/PNG/WebP) are sealed in
 * place, each checked to open again before it replaces the clear file, and what a crash left half-written
 * (`*.tmp`) is removed: a new photo's row is written only once its file is in place, and a re-sealed photo's
 * previous file is whole beside it. Only each file's first 12 bytes are read when nothing is left to do.
 * Returns how many were sealed.
 */
export function sealClearPhotos(dataDir: string, key: DatabaseKey): number {
  const dir = photoFolder(dataDir);
  let sealed = 0;
  for (const name of listedOrNone(dataDir)) {
    const file = path.join(dir, name);
    try {
      if (name.endsWith(temporary)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (!looksLikeImage(readHead(file))) continue;
      const bytes = fs.readFileSync(file);
      // A random nonce can begin like a JPEG (1 in 2^24): one that opens is sealed already.
      if (openPhoto(key, name, bytes)) continue;
      const sealedBytes = sealPhoto(key, name, bytes);
      if (!openPhoto(key, name, sealedBytes)?.equals(bytes)) continue;
      writeAtomically(dir, name, sealedBytes);
      sealed += 1;
    } catch {
      // Left as it was (still readable, clear): the app starts all the same, and the next start tries again.
    }
  }
  return sealed;
}

function readHead(file: string): Buffer {
  const head = Buffer.alloc(12);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head;
}

/**
 * A change of passphrase's step for photos (electron/db/passphrase-change.ts): each photo re-sealed under the new
 * key unless it already is (a step done before a crash), one file at a time, atomically; a clear one is sealed
 * under the new key; one that opens under neither key was damaged before and is left as it is.
 */
export function resealPhotos(dataDir: string, oldKey: DatabaseKey, newKey: DatabaseKey): void {
  const dir = photoFolder(dataDir);
  for (const name of storedPhotos(dataDir)) {
    if (name.endsWith(temporary)) continue;
    const bytes = fs.readFileSync(path.join(dir, name));
    if (openPhoto(newKey, name, bytes)) continue;
    const clear = openPhoto(oldKey, name, bytes) ?? (looksLikeImage(bytes) ? bytes : null);
    if (clear) writeAtomically(dir, name, sealPhoto(newKey, name, clear));
  }
}
