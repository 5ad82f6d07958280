// The browser host as a user starts it (npm run host), for the figures measured through HTTP.
import fs from 'node:fs';
import { spawnHost } from '../tests/spawn-host';

export type BenchHost = {
  /** The address a user opens (session token included), and the origin calls go to. */
  url: string;
  origin: string;
  post<T = unknown>(channel: string, input: unknown): Promise<{ ok: boolean; value: T; error?: { message: string } }>;
  /** The push stream the page and the projector listen to. */
  events(): Promise<Response>;
  /** Resident memory now, and the kernel's high-water mark since start (Linux), in MB. */
  memory(): { rssMb: number; peakMb: number };
  /** Start the high-water mark again from now (Linux): the start's scrypt holds 128 MiB for a moment. */
  resetPeak(): void;
  stop(): Promise<void>;
};

export async function startBenchHost(dataDir: string): Promise<BenchHost> {
  const host = await spawnHost(['--data', dataDir, '--port', '0']);
  const child = host.process;
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
  return {
    url: host.url,
    origin: host.origin,
    post: (channel, input) => host.call(channel, input) as never,
    events: () => fetch(`${host.origin}/api/events?t=${host.token}`),
    memory: () => ({ rssMb: kb('VmRSS'), peakMb: kb('VmHWM') }),
    resetPeak: () => fs.writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
