import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Channel, Input, Output } from '../../shared/contract';
import { databaseFile, startCore, type Core, type CoreOptions } from '../../electron/core';
import { bundledFonts } from '../../electron/records/font-files';
import { openKeyed } from '../../electron/db/cipher';
import { keyFromPassphrase, newPassphraseKey, readKeyFile, writeKeyFile } from '../../electron/db/key-file';
import { openDatabase } from '../../electron/db/open';

export const migrationsFolder = path.resolve('drizzle');
const fonts = bundledFonts(path.resolve('node_modules/@expo-google-fonts/noto-sans-sc'));
const cleanups: (() => void)[] = [];

afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-unit-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export type TestCore = Core & { dataDir: string };

/** The data passphrase of every test core, with a cheap scrypt cost (the real one is measured in key-file.ts). */
export const testPassphrase = '议事亭测试密码 2026';
export const testCost = { name: 'scrypt', N: 2 ** 14, r: 1, p: 1 } as const;

/** A real core on a real (encrypted) SQLite file in a fresh folder. */
export function makeCore(options: Partial<CoreOptions> = {}): TestCore {
  const dataDir = options.dataDir ?? tempDir();
  const core = startCore({
    dataDir,
    migrationsFolder,
    fonts,
    log: () => undefined,
    passphrase: testPassphrase,
    passphraseCost: testCost,
    ...options,
  });
  cleanups.unshift(() => core.close());
  return Object.assign(core, { dataDir });
}

export const trusted = { trusted: true };

/** Call a channel as our own page would, and unwrap the value (failing the test on an error envelope). */
export async function send<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<Output<C>> {
  const envelope = await core.guard(channel, input, trusted);
  if (!envelope.ok) throw new Error(`${channel} refused: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as Output<C>;
}

export const profile = {
  name: '东湖社区',
  subDistrict: '当湖街道',
  district: '平湖市',
  pavilionName: '东湖幸福议事亭',
  pavilionPlace: '3 号楼南侧文化长廊',
};

export async function coreWithCommunity(overrides: Partial<typeof profile> = {}, dataDir?: string) {
  const core = makeCore(dataDir ? { dataDir } : {});
  await send(core, 'community:save', { ...profile, ...overrides });
  return core;
}

export function auditCount(core: Core): number {
  return core.db!.$client.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
}

/** Call a channel expecting a refusal; answer the error envelope (failing the test if it went through). */
export async function refusal<C extends Channel>(core: Core, channel: C, input: Input<C>) {
  const envelope = await core.guard(channel, input, trusted);
  if (envelope.ok) throw new Error(`${channel} was expected to refuse`);
  return envelope.error;
}

/** The key of a test data folder, from its key file and the test passphrase. */
export function dataKey(dataDir: string, passphrase = testPassphrase): Buffer {
  const file = readKeyFile(dataDir);
  if (file?.kind !== 'passphrase') throw new Error('no passphrase key file');
  const key = keyFromPassphrase(file, passphrase);
  if (!key) throw new Error('wrong test passphrase');
  return key;
}

/** A connection to a test core's data file (or a backup of it), with its key, as the app opens it. */
export function openData(file: string, dataDir: string, readonly = true) {
  return openKeyed(file, dataKey(dataDir), { readonly });
}

/** Opened as an older app would: with the key the test cores then find in the folder's key file. */
export function openOlder(dir: string, folder = migrationsFolder) {
  const key = makeKeyFile(dir);
  return openDatabase({ file: databaseFile(dir), migrationsFolder: folder, backupDir: path.join(dir, 'backups'), key });
}

export function makeKeyFile(dir: string): Buffer {
  const made = newPassphraseKey(testPassphrase, testCost);
  writeKeyFile(dir, made.file);
  return made.key;
}

/** A migrations folder holding only the first `count` migrations: an older version of the app. */
export function olderMigrations(count: number): string {
  const folder = tempDir();
  fs.mkdirSync(path.join(folder, 'meta'));
  const full = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const entries = full.entries.slice(0, count);
  for (const { tag } of entries)
    fs.copyFileSync(path.join(migrationsFolder, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...full, entries }));
  return folder;
}
