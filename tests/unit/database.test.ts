import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core';
import {
  makeCore,
  makeKeyFile,
  migrationsFolder,
  olderMigrations,
  openOlder as open,
  openData,
  profile,
  send,
  tempDir,
} from './helpers';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

describe('opening the data file', () => {
  it('creates a fresh file with every migration, in WAL mode with foreign keys on', () => {
    const dir = tempDir();
    const db = open(dir);
    const sqlite = db.$client;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(journal.entries.length);
    sqlite.close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('backs up an older file online before migrating it, and the backup is sound', async () => {
    const dir = tempDir();
    const old = open(dir, olderMigrations(1));
    old.$client.prepare("INSERT INTO app_setting (key, value) VALUES ('locale', 'en')").run();
    old.$client.close();

    const core = makeCore({ dataDir: dir });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'ready', locale: 'en' });
    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    const backup = openData(path.join(dir, 'backups', backups[0]!), dir);
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.prepare("SELECT value FROM app_setting WHERE key = 'locale'").pluck().get()).toBe('en');
    expect(backup.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(1);
    backup.close();
  });

  it('refuses a file from a newer version and leaves it untouched', async () => {
    const dir = tempDir();
    const db = open(dir);
    db.$client
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('f'.repeat(64), 4102444800000);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
    const before = sha(databaseFile(dir));

    const core = makeCore({ dataDir: dir });
    const status = await send(core, 'app:status', {});
    expect(status).toMatchObject({ state: 'failed', code: 'db_from_future' });
    expect(status.state === 'failed' && status.message).toContain('更新版本');
    const refused = await core.guard('meeting:list', {}, { trusted: true });
    expect(refused.ok === false && refused.error.code).toBe('db_unavailable');
    core.close();
    expect(sha(databaseFile(dir))).toBe(before);
  });

  it.each([
    ['random bytes', () => Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256))],
    ['a text file', () => Buffer.from('姓名,楼栋\n张三,3\n')],
  ])('refuses %s as a database and does not overwrite it', async (_name, bytes) => {
    const dir = tempDir();
    fs.writeFileSync(databaseFile(dir), bytes());
    const before = sha(databaseFile(dir));
    // Without a key file it might be encrypted data whose key file went missing: the screen says both.
    const core = makeCore({ dataDir: dir });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'failed', code: 'db_key_missing' });
    core.close();
    // With this folder's key file, the passphrase is known right: the file itself is damaged.
    makeKeyFile(dir);
    const keyed = makeCore({ dataDir: dir });
    expect(await send(keyed, 'app:status', {})).toMatchObject({ state: 'failed', code: 'db_corrupt' });
    expect(sha(databaseFile(dir))).toBe(before);
  });

  it('treats a 0-byte data file as damaged, never as a new install, and keeps its backups on offer', async () => {
    const dir = tempDir();
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    first.close();
    makeCore({ dataDir: dir }).close();
    fs.writeFileSync(databaseFile(dir), '');
    for (let start = 0; start < 11; start += 1) {
      const core = makeCore({ dataDir: dir });
      expect(await send(core, 'app:status', {})).toMatchObject({ state: 'failed', code: 'db_corrupt' });
      expect(await send(core, 'backup:list', {})).toHaveLength(1);
      core.close();
    }
    expect(fs.statSync(databaseFile(dir)).size).toBe(0);
  });

  it('opens another program’s SQLite database read-only and leaves it byte for byte as it was', async () => {
    const dir = tempDir();
    const foreign = new Database(databaseFile(dir));
    foreign.pragma('journal_mode = DELETE');
    foreign.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')");
    foreign.close();
    const before = sha(databaseFile(dir));
    const core = makeCore({ dataDir: dir });
    const status = await send(core, 'app:status', {});
    expect(status).toMatchObject({ state: 'failed', code: 'db_foreign' });
    expect(status.state === 'failed' && status.message).toContain('没有做任何修改');
    core.close();
    expect(sha(databaseFile(dir))).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['yishiting.sqlite']);
  });

  it('refuses a truncated file', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    core.db!.$client.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    const file = databaseFile(dir);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const reopened = makeCore({ dataDir: dir });
    expect(await send(reopened, 'app:status', {})).toMatchObject({ state: 'failed', code: 'db_corrupt' });
  });
});

describe('automatic backups', () => {
  it('backs up at every start of an existing file and when a meeting closes, keeping the newest ten', async () => {
    const dir = tempDir();
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    const { id } = await send(first, 'meeting:create', { title: '议事会' });
    await send(first, 'meeting:setStatus', { id, status: 'in_progress' });
    await send(first, 'meeting:setStatus', { id, status: 'closed' });
    const backups = () => fs.readdirSync(path.join(dir, 'backups')).sort();
    expect(backups()).toEqual([expect.stringMatching(/-meeting-1-closed\.sqlite$/)]);
    const closed = openData(path.join(dir, 'backups', backups()[0]!), dir);
    expect(closed.prepare('SELECT status FROM meeting').pluck().get()).toBe('closed');
    closed.close();
    first.close();
    for (let i = 0; i < 12; i += 1) makeCore({ dataDir: dir }).close();
    expect(backups()).toHaveLength(10);
    expect(backups().every((name) => name.endsWith('-start.sqlite'))).toBe(true);
  });

  it('keeps as many as the secretary chose, within 3–100', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    expect(await send(core, 'backup:getKeep', {})).toBe(10);
    for (const keep of [2, 101, 4.5]) {
      expect((await core.guard('backup:setKeep', { keep }, { trusted: true })).ok).toBe(false);
    }
    expect(await send(core, 'backup:setKeep', { keep: 3 })).toBe(3);
    core.close();
    for (let i = 0; i < 6; i += 1) makeCore({ dataDir: dir }).close();
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(3);
    const reopened = makeCore({ dataDir: dir });
    expect(await send(reopened, 'backup:getKeep', {})).toBe(3);
  });
});

describe('restoring a backup', () => {
  it('offers the backups of a damaged file, restores one and keeps the damaged file aside', async () => {
    const dir = tempDir();
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    await send(first, 'meeting:create', { title: '备份前的会议' });
    first.close();
    makeCore({ dataDir: dir }).close(); // a start: the file is backed up
    fs.writeFileSync(databaseFile(dir), Buffer.alloc(4096, 0xab)); // the laptop's disk mangles it
    const damaged = sha(databaseFile(dir));

    const core = makeCore({ dataDir: dir });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'failed', code: 'db_corrupt' });
    const [latest] = await send(core, 'backup:list', {});
    expect(latest).toMatchObject({ reason: 'start' });
    const traversal = await core.guard('backup:restore', { name: '../yishiting.sqlite' }, { trusted: true });
    expect(traversal.ok).toBe(false);

    await send(core, 'backup:restore', { name: latest!.name });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'ready', hasCommunity: true });
    expect((await send(core, 'meeting:list', {})).map((m) => m.title)).toEqual(['备份前的会议']);
    const [aside] = fs.readdirSync(path.join(dir, 'replaced'));
    expect(sha(path.join(dir, 'replaced', aside!, 'yishiting.sqlite'))).toBe(damaged);
  });
});
