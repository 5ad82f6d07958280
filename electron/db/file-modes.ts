import fs from 'node:fs';
import path from 'node:path';

/**
 * Who may read the data folder: its owner only (0700 folders, 0600 files). The files are encrypted anyway; the
 * modes keep other accounts on a shared machine from copying them to guess the passphrase offline. Windows has no
 * POSIX modes (the user profile's ACL already keeps other users out), so there this is a no-op.
 */
const posix = process.platform !== 'win32';
export const privateFileMode = 0o600;
export const privateFolderMode = 0o700;

/** A folder of ours, made (or corrected) owner-only. */
export function privateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: privateFolderMode });
  restrict(dir, privateFolderMode);
}

/**
 * An empty file made owner-only before SQLite writes it: SQLite creates a new database file 0644 (less the umask),
 * and gives its -wal, -shm and -journal the mode of the database file, so a 0600 file keeps all of them 0600.
 * VACUUM INTO accepts an empty file as its target.
 */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'w', privateFileMode));
  restrict(file, privateFileMode);
}

/** What is ours in the data folder: Electron's own files (caches, local storage) beside them are left alone. */
const ourFiles = /^yishiting\.(sqlite|key)/;
const ourFolders = ['backups', 'replaced', 'photos'];

/**
 * Correct the modes of a data folder made by an older version (folder 0755, files 0644): the folder, the data
 * file with its -wal and -shm, the key files, and everything under backups/, replaced/ and photos/.
 */
export function restrictDataFolder(dataDir: string): void {
  if (!posix || !fs.existsSync(dataDir)) return;
  restrict(dataDir, privateFolderMode);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    const at = path.join(dataDir, entry.name);
    if (entry.isFile() && ourFiles.test(entry.name)) restrict(at, privateFileMode);
    if (entry.isDirectory() && ourFolders.includes(entry.name)) restrictTree(at);
  }
}

function restrictTree(dir: string): void {
  restrict(dir, privateFolderMode);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const at = path.join(entry.parentPath, entry.name);
    // Symbolic links are not followed: chmod would change whatever they point at.
    if (entry.isDirectory()) restrict(at, privateFolderMode);
    else if (entry.isFile()) restrict(at, privateFileMode);
  }
}

/**
 * Best effort: a folder on a FAT or exFAT stick, a network share or a file another account owns refuses chmod
 * (EPERM, ENOTSUP, EROFS), and the modes are a second wall behind the encryption, never a reason not to start.
 */
function restrict(file: string, mode: number): void {
  if (!posix) return;
  try {
    if ((fs.lstatSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
  } catch {
    // gone meanwhile (a backup pruned), or a file system without POSIX modes
  }
}
