import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { Channel, Input, Output } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';

export type RunningHost = { url: string; dataDir: string; process: ChildProcess; stop(): Promise<void> };

/** Start the browser host exactly as a user does (npm run host), on its own data folder and a free port. */
export async function startHost(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-e2e-')),
  port = 0,
): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/host/cli.ts', '--data', dataDir, '--port', String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`host exited (${code}):\n${output}`)));
  });
  return {
    url,
    dataDir,
    process: child,
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

/** Call a channel as the page would (same origin) and return the envelope, refusals included. */
export async function envelopeOf<C extends Channel>(
  host: RunningHost,
  channel: C,
  input: Input<C>,
): Promise<Envelope<Output<C>>> {
  const origin = new URL(host.url).origin;
  const reply = await fetch(`${origin}/api/${channel}`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await reply.json()) as Envelope<Output<C>>;
}

/** Set the scene through the contract when a test is about a later step. */
export async function api<C extends Channel>(host: RunningHost, channel: C, input: Input<C>): Promise<Output<C>> {
  const envelope = await envelopeOf(host, channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}
