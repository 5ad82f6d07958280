// Build better-sqlite3 (or its SQLCipher fork installed under that name) for Electron's ABI into .electron-native/,
// leaving node_modules' Node build (used by tests and the browser host) untouched. Needs internet: it fetches
// Electron's headers. Where the result goes and how the shell finds it: electron/shell/native-binding.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  electronNativeDir,
  installElectronBuild,
  readStamp,
  sqlitePackage,
} from '../../electron/shell/native-binding.ts';

const root = process.cwd();
const stamp = {
  electron: JSON.parse(fs.readFileSync('node_modules/electron/package.json', 'utf8')).version,
  sqlite: sqlitePackage(root),
};
const current = readStamp(root);
if (current?.electron === stamp.electron && current.sqlite === stamp.sqlite) process.exit(0);

const work = path.join(root, electronNativeDir, 'package');
fs.rmSync(path.join(root, electronNativeDir), { recursive: true, force: true });
fs.cpSync('node_modules/better-sqlite3', work, {
  recursive: true,
  filter: (source) => !source.includes(`${path.sep}build${path.sep}`),
});
console.log(`Building ${stamp.sqlite} for Electron ${stamp.electron}…`);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
execFileSync(
  npx,
  [
    '--yes',
    'node-gyp',
    'rebuild',
    '--release',
    `--target=${stamp.electron}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' },
);
// better-sqlite3-multiple-ciphers keeps better-sqlite3's target name.
installElectronBuild(root, path.join(work, 'build', 'Release', 'better_sqlite3.node'), stamp);
