// Build better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules' Node build
// (used by tests and the browser host) untouched. Needs internet: it fetches Electron's headers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const electronVersion = JSON.parse(fs.readFileSync('node_modules/electron/package.json', 'utf8')).version;
const target = path.resolve('.electron-native');
const work = path.join(target, 'better-sqlite3');
const marker = path.join(target, 'electron-version');

if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === electronVersion) process.exit(0);
fs.rmSync(target, { recursive: true, force: true });
fs.cpSync('node_modules/better-sqlite3', work, {
  recursive: true,
  filter: (source) => !source.includes(`${path.sep}build${path.sep}`),
});
console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
execFileSync(
  npx,
  [
    '--yes',
    'node-gyp',
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' },
);
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(target, 'better_sqlite3.node'));
fs.writeFileSync(marker, electronVersion);
