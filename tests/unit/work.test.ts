import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../electron/records/bundle';
import { threadWork } from '../../electron/work/work';
import { makeCore, profile, send } from './helpers';
import { finalizedWithIdentity } from './meetings';
import { issuedPair, replaced } from './office';

const workerFile = path.resolve('electron/work/thread.mjs');

/** Milliseconds each of `n` small calls took while `busy` ran. */
async function latencies(call: () => Promise<unknown>, busy: Promise<unknown>) {
  const times: number[] = [];
  let done = false;
  void busy.finally(() => (done = true));
  while (!done) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await busy;
  return times.sort((a, b) => a - b);
}

describe('heavy work in a worker thread', { timeout: 180_000 }, () => {
  it('draws signed records, notices and bundles while small calls keep flowing', async () => {
    const work = threadWork(workerFile);
    try {
      const office = makeCore({ work, log: (m, e) => console.error(m, e) });
      await send(office, 'community:save', profile);
      const { core, meeting } = await finalizedWithIdentity(office);
      const pdf = await send(core, 'record:export', { id: meeting.id, kind: 'minutes' });
      expect(Buffer.from(pdf.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      const png = await send(core, 'record:export', { id: meeting.id, kind: 'resolutions', format: 'png' });
      expect(Buffer.from(png.data, 'base64').subarray(1, 4).toString()).toBe('PNG');

      // The thread answering calls is free while the worker draws a bundle (three signed PDFs, zipped, signed).
      const started = performance.now();
      const times = await latencies(
        () => send(core, 'meeting:list', {}),
        send(core, 'bundle:export', { meetingId: meeting.id }),
      );
      const exporting = performance.now() - started;
      const slowest = times.at(-1)!;
      console.log(
        `meeting:list during bundle:export (${exporting.toFixed(0)} ms): ${times.length} calls, slowest ${slowest.toFixed(1)} ms`,
      );
      // Drawn on the serving thread, a call would wait for most of the export; how long that is depends on the
      // machine, so the slowest call is judged against the export itself (absolute figures are the bench's).
      expect(times.length).toBeGreaterThan(3);
      expect(slowest).toBeLessThan(exporting / 2);

      // A refusal from the worker crosses as the same translated message.
      const roster = await core.guard(
        'roster:preview',
        { fileName: '名册.xlsx', data: Buffer.from('not a spreadsheet').toString('base64') },
        { trusted: true },
      );
      expect(roster).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
    } finally {
      await work.close();
    }
  });
});

describe('bundle checks in the worker thread', { timeout: 180_000 }, () => {
  it('verifies uploads there: the trusted one counted and its signed PDF intact, a tampered one refused', async () => {
    const work = threadWork(workerFile);
    try {
      const { office, bundle } = await issuedPair('东湖社区', { work });
      const zip = Buffer.from(bundle.data, 'base64');
      const minutesPath = [...readZip(zip).keys()].find((p) => p.endsWith('/minutes.pdf'))!;
      const tampered = writeZip(replaced(zip, minutesPath, Buffer.from('%PDF-1.7 not the signed one'))).toString(
        'base64',
      );

      // Sent together, as a page does: checked in the worker in order, so the first is counted, the rest seen.
      const copies = Array.from({ length: 5 }, (_, i) => ({ fileName: `copy-${i}.zip`, data: bundle.data }));
      const importing = Promise.all(copies.map((copy) => send(office, 'collection:import', copy)));
      const rows = await importing;
      expect(rows.map((r) => r.verdict)).toEqual(['trusted', ...Array<string>(4).fill('rejected')]);
      expect(rows.slice(1).every((r) => r.reason === 'duplicate')).toBe(true);

      expect(await send(office, 'collection:import', { fileName: 't.zip', data: tampered })).toMatchObject({
        verdict: 'rejected',
        reason: 'file_hash',
        detail: minutesPath,
      });
      const [hit] = await send(office, 'collection:search', { query: '充电桩选址' });
      const pdf = Buffer.from(
        (await send(office, 'collection:file', { meetingRowId: hit!.meetingRowId })).data,
        'base64',
      );
      expect(pdf.equals(readZip(zip).get(minutesPath)!)).toBe(true);
    } finally {
      await work.close();
    }
  });
});
