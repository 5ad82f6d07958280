import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { Channel, Input, Output } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';
import { spawnHost, type SpawnedHost } from '../spawn-host';

export type RunningHost = SpawnedHost & { dataDir: string; stop(): Promise<void> };

/** Start the browser host exactly as a user does (npm run host), on its own data folder and a free port. */
export async function startHost(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-e2e-')),
  port = 0,
  options: { passphrase?: string | null } = {},
): Promise<RunningHost> {
  const host = await spawnHost(['--data', dataDir, '--port', String(port)], options);
  const child = host.process;
  return {
    ...host,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

export const screenshotDir = path.join('tests', 'e2e', 'screenshots');

/** A fresh host per test, stopped afterwards. */
export const test = base.extend<{ host: RunningHost }>({
  // A tab asks before a reload drops a change still on its way (tests/e2e/saving.spec.ts); elsewhere a spec
  // that reloads right after a change waits for 已保存 when the change matters, and the reload goes ahead.
  page: async ({ page }, use) => {
    page.on('dialog', (dialog) => void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()));
    await use(page);
  },
  // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
    fs.rmSync(host.dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/** Call a channel as the page would (same origin, session token) and return the envelope, refusals included. */
export async function envelopeOf<C extends Channel>(
  host: RunningHost,
  channel: C,
  input: Input<C>,
): Promise<Envelope<Output<C>>> {
  return (await host.call(channel, input)) as Envelope<Output<C>>;
}

/** Set the scene through the contract when a test is about a later step. */
export async function api<C extends Channel>(host: RunningHost, channel: C, input: Input<C>): Promise<Output<C>> {
  const envelope = await envelopeOf(host, channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}
