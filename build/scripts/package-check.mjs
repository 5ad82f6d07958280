// Check the installer configuration offline. Real packaging downloads Electron; here electron-builder packs the
// app around a stand-in Electron (a file carrying Electron's fuse wire), and we assert what the package holds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { parse } from 'yaml';
import { appFiles } from '../../shared/app-files.ts';

const electronVersion = JSON.parse(fs.readFileSync('node_modules/electron/package.json', 'utf8')).version;
const standIn = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-stand-in-'));
// Fuse wire v1 with 8 fuses, all at Electron's defaults (RunAsNode etc. on) so the build must flip them.
const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
fs.writeFileSync(
  path.join(standIn, 'electron'),
  Buffer.concat([Buffer.from('#!/bin/sh\n'), sentinel, Buffer.from([1, 8]), Buffer.from('11110011')]),
  { mode: 0o755 },
);
for (const file of ['LICENSE', 'LICENSES.chromium.html']) fs.writeFileSync(path.join(standIn, file), '');
fs.writeFileSync(path.join(standIn, 'version'), electronVersion);

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
run('npm', ['run', 'build:renderer']);
run('npm', ['run', 'build:electron']);
fs.rmSync('release', { recursive: true, force: true });
run('npx', [
  'electron-builder',
  '--linux',
  'dir',
  `-c.electronDist=${standIn}`,
  '-c.npmRebuild=false',
  `-c.electronVersion=${electronVersion}`,
]);

const unpacked = 'release/linux-unpacked';
const resources = path.join(unpacked, 'resources');
const files = asar.listPackage(path.join(resources, 'app.asar')).map((f) => f.split(path.sep).join('/'));
const failures = [];
const expect = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

for (const needed of [
  '/package.json',
  '/dist/renderer/index.html',
  '/dist-electron/main.cjs',
  '/dist-electron/preload.cjs',
  // The utilityProcess that does the heavy work; Electron's fork reads it from inside the asar like require does.
  '/dist-electron/worker.cjs',
  '/node_modules/drizzle-orm/package.json',
  '/node_modules/zod/package.json',
  // The OFD font subsetter (electron/records/gm/font-subset.ts) reads it from node_modules at run time.
  '/node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm',
]) {
  expect(files.includes(needed), `asar holds ${needed}`);
}
for (const [pattern, what] of [
  [/^\/(tests|bench|\.ci|electron|renderer|shared|build)\//, 'sources, tests, bench or CI files'],
  [/\.map$/, 'source maps'],
  [/^\/node_modules\/(vitest|@playwright|playwright|typescript|electron-builder|eslint|vite)\//, 'development tools'],
  [/^\/node_modules\/@expo-google-fonts\//, 'the font package (fonts ship once, as resources)'],
]) {
  const found = files.filter((f) => pattern.test(f));
  expect(found.length === 0, `asar holds no ${what}${found.length ? `: ${found.slice(0, 3).join(', ')}` : ''}`);
}
expect(
  fs.existsSync(
    path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
  ),
  'better-sqlite3 unpacked from the asar',
);
const addons = files.filter((f) => f.endsWith('.node'));
expect(
  addons.length > 0 && addons.every((f) => fs.existsSync(path.join(resources, 'app.asar.unpacked', f))),
  `every native addon (${addons.length}) unpacked`,
);
expect(fs.existsSync(path.join(resources, 'drizzle/meta/_journal.json')), 'migrations shipped as resources/drizzle');
expect(
  fs.existsSync(path.join(resources, 'fonts/400Regular/NotoSansSC_400Regular.ttf')),
  'Noto Sans SC shipped as resources/fonts',
);
expect(
  fs.existsSync(path.join(resources, 'fonts/700Bold/NotoSansSC_700Bold.ttf')),
  'Noto Sans SC Bold shipped as resources/fonts',
);

const wire = await getCurrentFuseWire(path.join(unpacked, 'yishiting'));
const state = (fuse) => String.fromCharCode(wire[fuse]);
expect(state(FuseV1Options.RunAsNode) === '0', 'fuse RunAsNode off');
expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable) === '0', 'fuse NODE_OPTIONS off');
expect(state(FuseV1Options.EnableNodeCliInspectArguments) === '0', 'fuse inspect arguments off');
expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation) === '1', 'fuse ASAR integrity on');
expect(state(FuseV1Options.OnlyLoadAppFromAsar) === '1', 'fuse load app from ASAR only');

// What goes into the installers (electron-builder has just validated this file against its schema).
const effective = parse(fs.readFileSync('electron-builder.yml', 'utf8'));
const associations = Object.values(appFiles)
  .filter((type) => type.associate)
  .map((type) => ({ ext: type.extensions[0], name: type.associate.name, mimeType: type.associate.mimeType }));
const declared = (effective.fileAssociations ?? []).map(({ ext, name, mimeType }) => ({ ext, name, mimeType }));
expect(
  JSON.stringify(declared) === JSON.stringify(associations),
  `file associations ${associations.map((a) => `.${a.ext}`).join(' ')} as in shared/app-files.ts`,
);
expect(
  (effective.fileAssociations ?? []).every((a) => a.description && ['Editor', 'Viewer'].includes(a.role)),
  'every association has a description and a role',
);
const nsis = effective.nsis ?? {};
expect(nsis.oneClick === true && nsis.perMachine === false, 'NSIS installs per user, without administrator rights');
expect(
  JSON.stringify(nsis.installerLanguages) === '["zh_CN"]' && String(nsis.language) === '2052',
  'NSIS installer in Chinese (zh_CN, LCID 2052)',
);
expect(nsis.deleteAppDataOnUninstall === false, 'uninstalling keeps the data folder');
expect(nsis.shortcutName === '议事亭', 'shortcut named 议事亭');

fs.rmSync(standIn, { recursive: true, force: true });
console.log(failures.length ? `package check: ${failures.length} failed` : 'package check: all passed');
process.exit(failures.length ? 1 : 0);
