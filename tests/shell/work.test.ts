import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorBody } from '../../shared/errors';
import { profile, send, type TestCore } from '../unit/helpers';
import { finalizedWithIdentity } from '../unit/meetings';
import { shellsPerTest, type Bridge } from './load-shell';

const shells = shellsPerTest();

/** The page's bridge seen as a core, so the unit tests' meeting fixtures drive the built shell through IPC. */
const throughIpc = (bridge: Bridge) =>
  ({ guard: (channel: string, input: unknown) => bridge[channel]!(input) }) as unknown as TestCore;

const pdfText = (data: string, dir: string) => {
  const file = path.join(dir, 'minutes.pdf');
  fs.writeFileSync(file, Buffer.from(data, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

const auditEvents = async (core: TestCore) => (await send(core, 'audit:verify', {})).events;

describe('heavy work in Electron’s utilityProcess', () => {
  it('the built shell forks dist-electron/worker.cjs: the closing backup is taken and a signed minutes PDF drawn there', async () => {
    const { fake, bridge } = await shells.run();
    const core = throughIpc(bridge);
    await send(core, 'community:save', profile);
    // Nothing heavy asked for yet: no process started for nothing.
    expect(fake.utilityProcesses).toHaveLength(0);
    const { meeting } = await finalizedWithIdentity(core);
    const backups = fs.readdirSync(path.join(fake.userData, 'backups'));
    expect(backups).toEqual([expect.stringMatching(/-meeting-1-closed\.sqlite$/)]);

    const pdf = await send(core, 'record:export', { id: meeting.id, kind: 'minutes' });
    const text = pdfText(pdf.data, fake.userData);
    expect(text).toContain('11月幸福议事会');
    expect(text).toContain('在 5 号楼北侧建设充电桩');
    expect(Buffer.from(pdf.data, 'base64').includes('/ByteRange')).toBe(true);
    expect(fake.utilityProcesses.map((child) => child.modulePath)).toEqual([path.resolve('dist-electron/worker.cjs')]);
    const jobs = fake.utilityProcesses[0]!.received.map((message) => (message as { name: string }).name);
    expect(jobs).toEqual(['backupFile', 'minutesPdf']);
    expect(fake.log.indexOf('utilityProcess.fork worker.cjs')).toBeGreaterThan(fake.log.indexOf('app ready'));

    // Quitting the app ends the worker too.
    const exited = new Promise((resolve) => fake.utilityProcesses[0]!.once('exit', resolve));
    fake.electron.app.quit();
    await exited;
    expect(fake.utilityProcesses[0]!.pid).toBeUndefined();
  });

  it('a worker that crashes mid-export: that export answers a translated error, the next one gets a new worker', async () => {
    const { fake, bridge } = await shells.run();
    const core = throughIpc(bridge);
    await send(core, 'settings:setLocale', { locale: 'en' });
    await send(core, 'community:save', profile);
    const { meeting } = await finalizedWithIdentity(core);
    await send(core, 'record:export', { id: meeting.id, kind: 'minutes' });
    const before = await auditEvents(core);

    const [first] = fake.utilityProcesses;
    first!.crashOnNextMessage();
    const crashed = await bridge['record:export']!({ id: meeting.id, kind: 'sign_in' });
    expect(crashed).toEqual({ ok: false, error: errorBody('work_interrupted', 'en') });
    expect(errorBody('work_interrupted', 'en').message).toMatch(/stopped unexpectedly.*try again/);
    // Nothing was recorded for the export that did not happen.
    expect(await auditEvents(core)).toBe(before);

    const again = await send(core, 'record:export', { id: meeting.id, kind: 'minutes' });
    expect(pdfText(again.data, fake.userData)).toContain('11月幸福议事会');
    expect(fake.utilityProcesses).toHaveLength(2);
    expect(first!.pid).toBeUndefined();
    expect(await auditEvents(core)).toBe(before + 1);
  });
});
