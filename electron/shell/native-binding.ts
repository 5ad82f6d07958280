import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 for Electron's ABI lives apart from the Node build in node_modules (which tests, the browser
 * host and benchmarks load): `npm run electron:native` writes it here and the shell passes it as `nativeBinding`.
 * Written and read through this one module, so the two cannot disagree about where or what it is.
 */
export const electronNativeDir = '.electron-native';
const bindingFile = 'better_sqlite3.node';
const stampFile = 'built-for.json';

/** What a build was made for: an Electron version and the exact SQLite package (better-sqlite3 or its SQLCipher fork). */
export type NativeStamp = { electron: string; sqlite: string };

/** `name@version` of what `require('better-sqlite3')` loads — an npm alias shows the real package here. */
export function sqlitePackage(root: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return `${manifest.name}@${manifest.version}`;
}

export function readStamp(root: string): NativeStamp | null {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(root, electronNativeDir, stampFile), 'utf8')) as NativeStamp;
    return typeof stamp.electron === 'string' && typeof stamp.sqlite === 'string' ? stamp : null;
  } catch {
    return null;
  }
}

/** Put a freshly built addon in place, the stamp last: a build cut short is never taken for a finished one. */
export function installElectronBuild(root: string, builtAddon: string, stamp: NativeStamp): void {
  const dir = path.join(root, electronNativeDir);
  fs.rmSync(path.join(dir, stampFile), { force: true });
  fs.copyFileSync(builtAddon, path.join(dir, bindingFile));
  fs.writeFileSync(path.join(dir, stampFile), JSON.stringify(stamp));
}

/**
 * The Electron build when it was made for this Electron and this SQLite package; otherwise undefined (and the
 * shell loads node_modules' build, which is Electron's own in an installed app). A stale build — Electron
 * upgraded, or better-sqlite3 swapped for its SQLCipher fork — would crash on load or open no encrypted file.
 */
export function electronBinding(root: string, electronVersion: string | undefined): string | undefined {
  const stamp = readStamp(root);
  if (!electronVersion || !stamp || stamp.electron !== electronVersion || stamp.sqlite !== sqlitePackage(root)) {
    return undefined;
  }
  const file = path.join(root, electronNativeDir, bindingFile);
  return fs.existsSync(file) ? file : undefined;
}
