import { spawn, type ChildProcess } from 'node:child_process';
import type { Envelope } from '../shared/envelope';

/** What the browser host prints once it serves: its origin and this start's session token. */
const running = /(http:\/\/127\.0\.0\.1:\d+)\/\?t=([\w-]+)/;

export type SpawnedHost = {
  /** The address to open, token included. */
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** POST /api/<channel> as our own page does: our Origin and the bearer token. */
  call(channel: string, input: unknown): Promise<Envelope<unknown>>;
};

/** The headers our page's calls carry. */
export const pageHeaders = (host: { origin: string; token: string }) => ({
  Origin: host.origin,
  Authorization: `Bearer ${host.token}`,
  'Content-Type': 'application/json',
});

/**
 * The data passphrase test hosts start with (YISHITING_PASSPHRASE), so every spec but the one about the
 * passphrase screen finds the app open. The e2e spec for that screen passes `passphrase: null`.
 */
export const hostPassphrase = 'e2e 测试数据密码';

/** Start the browser host as a user does (electron/host/cli.ts), and wait for the address it prints. */
export function spawnHost(
  args: readonly string[],
  { passphrase = hostPassphrase }: { passphrase?: string | null } = {},
): Promise<SpawnedHost> {
  const env = { ...process.env };
  if (passphrase === null) delete env.YISHITING_PASSPHRASE;
  else env.YISHITING_PASSPHRASE = passphrase;
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      const before = output;
      output += chunk.toString();
      const match = running.exec(output);
      if (!match || running.test(before)) return;
      clearTimeout(timer);
      const [url, origin, token] = match as unknown as [string, string, string];
      resolve({
        url,
        origin,
        token,
        process: child,
        output: () => output,
        call: async (channel, input) => {
          const reply = await fetch(`${origin}/api/${channel}`, {
            method: 'POST',
            headers: pageHeaders({ origin, token }),
            body: JSON.stringify(input),
          });
          return (await reply.json()) as Envelope<unknown>;
        },
      });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code}):\n${output}`));
    });
  });
}
