import fs from 'node:fs';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core';
import { verifyAuditChain } from '../../electron/db/audit';
import { openKeyed } from '../../electron/db/cipher';
import { keyFromPassphrase, readKeyFile } from '../../electron/db/key-file';
import type { Db } from '../../electron/db/open';
import * as schema from '../../electron/db/schema';
import { random } from '../../bench/random';
import { hostPassphrase, spawnHost, type SpawnedHost } from '../spawn-host';
import { tempDir } from '../unit/helpers';

const startHost = (dataDir: string) => spawnHost(['--data', dataDir, '--port', '0']);

async function post(host: SpawnedHost, channel: string, input: unknown): Promise<boolean> {
  return (await host.call(channel, input)).ok;
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
      const exited = new Promise((resolve) => host.process.once('exit', resolve));
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
      setTimeout(() => host.process.kill('SIGKILL'), next() * 4);
      await inFlight;
      await exited;
    }
    expect(total).toBeGreaterThanOrEqual(writesWanted);

    // Encrypted at rest: read with the key the host's passphrase derives, as the app does.
    const keyFile = readKeyFile(dataDir);
    const key = keyFile?.kind === 'passphrase' ? keyFromPassphrase(keyFile, hostPassphrase) : null;
    expect(key).not.toBeNull();
    expect(fs.readFileSync(databaseFile(dataDir)).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    const sqlite = openKeyed(databaseFile(dataDir), key!);
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
