import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Channel, Input, Output } from '../../shared/contract';
import { startCore, type Core, type CoreOptions } from '../../electron/core';
import { bundledFonts } from '../../electron/records/font-files';

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

/** A real core on a real SQLite file in a fresh folder. */
export function makeCore(options: Partial<CoreOptions> = {}): TestCore {
  const dataDir = options.dataDir ?? tempDir();
  const core = startCore({ dataDir, migrationsFolder, fonts, log: () => undefined, ...options });
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

export async function coreWithCommunity(overrides: Partial<typeof profile> = {}) {
  const core = makeCore();
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
