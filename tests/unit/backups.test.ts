import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupRequest } from '../../electron/db/backups';
import { sniff } from '../../electron/db/cipher';
import { AppError } from '../../shared/errors';
import { inThread, threadWork, type Work } from '../../electron/work/work';
import { makeCore, openData, profile, send, type TestCore } from './helpers';

const workerFile = path.resolve('electron/work/thread.mjs');

async function meetingUnderWay(core: TestCore) {
  await send(core, 'community:save', profile);
  const { id } = await send(core, 'meeting:create', { title: '12月幸福议事会' });
  await send(core, 'meeting:setStatus', { id, status: 'in_progress' });
  return id;
}

const backupFiles = (core: TestCore) => fs.readdirSync(path.join(core.dataDir, 'backups')).sort();

describe('the backup taken when a meeting closes', { timeout: 120_000 }, () => {
  it('runs in the worker: the serving thread answers call after call while it copies and checks', async () => {
    const work = threadWork(workerFile);
    try {
      const core = makeCore({ work });
      const id = await meetingUnderWay(core);
      // Sixteen MiB of ballast, so the copy and its integrity check take a while on any machine.
      const sqlite = core.db!.$client;
      sqlite.exec('CREATE TABLE ballast (b BLOB)');
      const insert = sqlite.prepare('INSERT INTO ballast VALUES (randomblob(1048576))');
      for (let i = 0; i < 16; i += 1) insert.run();

      let closed = false;
      const started = performance.now();
      const closing = send(core, 'meeting:setStatus', { id, status: 'closed' }).finally(() => (closed = true));
      const answered: number[] = [];
      while (!closed) {
        const start = performance.now();
        await send(core, 'meeting:get', { id });
        answered.push(performance.now() - start);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const result = await closing;
      const took = performance.now() - started;
      const slowest = Math.max(...answered);
      console.log(`closing backup ${took.toFixed(0)} ms; ${answered.length} calls, slowest ${slowest.toFixed(1)} ms`);
      expect(result.status).toBe('closed');
      expect(result.backupFailed).toBeUndefined();
      // Had the copy run on this thread, every call would have waited for all of it.
      expect(answered.length).toBeGreaterThan(10);
      expect(slowest).toBeLessThan(took / 2);
      expect(backupFiles(core)).toEqual([expect.stringMatching(/-meeting-1-closed\.sqlite$/)]);
    } finally {
      await work.close();
    }
  });

  it('is encrypted with the data file’s key, passes integrity_check and holds the closed meeting with its draft', async () => {
    const core = makeCore();
    const id = await meetingUnderWay(core);
    await send(core, 'resident:save', {
      name: '王秀英',
      gender: null,
      building: '3',
      unit: '1',
      room: '101',
      tags: [],
      area: 88,
      phone: '13912345678',
    });
    await send(core, 'meeting:setStatus', { id, status: 'closed' });
    const [name] = backupFiles(core);
    const file = path.join(core.dataDir, 'backups', name!);
    expect(sniff(file)).toBe('encrypted');
    expect(fs.readFileSync(file).includes(Buffer.from('13912345678'))).toBe(false);
    // Without the key, sqlite3 sees no database at all.
    expect(() => execFileSync('sqlite3', [file, 'SELECT count(*) FROM meeting'], { stdio: 'pipe' })).toThrow();
    const backup = openData(file, core.dataDir);
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.prepare('SELECT status FROM meeting WHERE id = ?').pluck().get(id)).toBe('closed');
    expect(backup.prepare('SELECT count(*) FROM minutes WHERE meeting_id = ?').pluck().get(id)).toBe(1);
    backup.close();
    const [listed] = await send(core, 'backup:list', {});
    expect(listed).toMatchObject({ name, usable: true, reason: 'meeting-1-closed' });
  });

  it('that could not be made is told to the secretary in both languages; the meeting is closed all the same', async () => {
    const core = makeCore();
    const id = await meetingUnderWay(core);
    // Something in the way where the backups folder goes (a file of that name): no backup can be written.
    fs.rmSync(path.join(core.dataDir, 'backups'), { recursive: true, force: true });
    fs.writeFileSync(path.join(core.dataDir, 'backups'), 'not a folder');
    const result = await send(core, 'meeting:setStatus', { id, status: 'closed' });
    expect(result.status).toBe('closed');
    expect(result.backupFailed?.['zh-CN']).toMatch(
      /^会议已结束并已保存，但结束时的自动备份没有成功（备份没有通过检查）/,
    );
    expect(result.backupFailed?.en).toMatch(/^The meeting is closed and saved, but the automatic backup/);
    expect((await send(core, 'meeting:get', { id })).status).toBe('closed');
  });

  it('cut short (the worker died mid-copy) leaves nothing that is listed or offered', async () => {
    let cut: string | null = null;
    // The real backup, stopped the way a crash stops it: part of the copy written under its working name.
    const cutShort = async (request: BackupRequest): Promise<never> => {
      fs.mkdirSync(request.backupDir, { recursive: true });
      cut = path.join(request.backupDir, 'yishiting-2026-12-02T06-00-00-000Z-meeting-1-closed.sqlite.partial');
      fs.writeFileSync(cut, fs.readFileSync(request.file).subarray(0, 8192));
      throw new AppError('work_interrupted');
    };
    const dying: Work = {
      run: (name, ...args) =>
        name === 'backupFile' ? cutShort(args[0] as BackupRequest) : inThread.run(name, ...args),
      close: async () => undefined,
    };
    const core = makeCore({ work: dying });
    const id = await meetingUnderWay(core);
    const result = await send(core, 'meeting:setStatus', { id, status: 'closed' });
    expect(result.backupFailed?.['zh-CN']).toContain('没有成功');
    expect(fs.existsSync(cut!)).toBe(true);
    expect(await send(core, 'backup:list', {})).toEqual([]);
    core.close();
    // The next start's backup (on this thread, before serving) is listed; the cut-short copy still is not.
    const reopened = makeCore({ dataDir: core.dataDir });
    expect((await send(reopened, 'backup:list', {})).map((b) => b.reason)).toEqual(['start']);
  });
});
