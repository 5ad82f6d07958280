import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core';
import { verifyAuditChain } from '../../electron/db/audit';
import type { Db } from '../../electron/db/open';
import * as schema from '../../electron/db/schema';
import { random } from '../../bench/random';
import { tempDir } from '../unit/helpers';

type Host = { child: ChildProcess; origin: string };

function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve({ child, origin: match[1]! });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${output}`)));
  });
}

async function post(host: Host, channel: string, input: unknown): Promise<boolean> {
  const reply = await fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { Origin: host.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return ((await reply.json()) as { ok: boolean }).ok;
}

const rounds = 20;
const writesWanted = 1000;

/**
 * The laptop dies mid-meeting: scripted writes through the browser host, SIGKILL at a random moment, 20 times.
 * Every write the host acknowledged must be there afterwards, the file must pass integrity_check, and the audit
 * chain must verify.
 */
describe('crash safety', () => {
  it('keeps every acknowledged write through 20 SIGKILLs', async () => {
    const dataDir = tempDir();
    const next = random(4242);
    const acknowledged = { meeting: new Set<string>(), topic: new Set<string>(), resident: new Set<string>() };
    let total = 0;

    for (let round = 0; round < rounds; round += 1) {
      const host = await startHost(dataDir);
      if (round === 0) {
        await post(host, 'community:save', {
          name: '东湖社区',
          subDistrict: '当湖街道',
          district: '平湖市',
          pavilionName: '议事亭',
          pavilionPlace: '长廊',
        });
      }
      const exited = new Promise((resolve) => host.child.once('exit', resolve));
      // This round's share of the writes, then one more that is cut off by SIGKILL while in flight.
      const share = round === rounds - 1 ? writesWanted - total : Math.round((writesWanted / rounds) * (0.5 + next()));
      const write = (n: number) => {
        const name = `r${round}-w${n}`;
        const kind = (['meeting', 'topic', 'resident'] as const)[n % 3]!;
        const request =
          kind === 'meeting'
            ? post(host, 'meeting:create', { title: `崩溃测试 ${name}` })
            : kind === 'topic'
              ? post(host, 'topic:create', {
                  title: name,
                  description: '',
                  source: 'patrol',
                  raisedBy: '',
                  raisedOn: '2026-11-23',
                  category: '其他',
                  level: 'small',
                  building: '',
                  lane: '',
                })
              : post(host, 'resident:save', { name, gender: null, building: '9', unit: '1', room: name, tags: [] });
        return request.then((ok) => {
          if (ok) {
            acknowledged[kind].add(name);
            total += 1;
          }
        });
      };
      for (let n = 0; n < share; n += 1) await write(n);
      const inFlight = write(share).catch(() => undefined); // the connection dies with the process
      setTimeout(() => host.child.kill('SIGKILL'), next() * 4);
      await inFlight;
      await exited;
    }
    expect(total).toBeGreaterThanOrEqual(writesWanted);

    const sqlite = new Database(databaseFile(dataDir));
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const db = drizzle(sqlite, { schema }) as unknown as Db;
      expect(verifyAuditChain(db)).toMatchObject({ ok: true });
      const titles = new Set(sqlite.prepare('SELECT title FROM meeting').pluck().all() as string[]);
      const topics = new Set(sqlite.prepare('SELECT title FROM topic').pluck().all() as string[]);
      const residents = new Set(sqlite.prepare('SELECT name FROM resident').pluck().all() as string[]);
      for (const name of acknowledged.meeting) expect(titles.has(`崩溃测试 ${name}`), name).toBe(true);
      for (const name of acknowledged.topic) expect(topics.has(name), name).toBe(true);
      for (const name of acknowledged.resident) expect(residents.has(name), name).toBe(true);
    } finally {
      sqlite.close();
    }
    console.log(`crash test: ${total} acknowledged writes across ${rounds} SIGKILLs, all present`);
  }, 180_000);
});
