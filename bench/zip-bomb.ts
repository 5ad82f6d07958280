// Peak memory of the real browser host while a sub-district imports zip bombs (goal < 250 MB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fiveEntryBomb, gigabyteBomb, lyingBomb } from '../tests/fixtures/zip-craft';
import { figure, note } from './figures';
import { startBenchHost } from './host';

export type BombFigures = { startMb: number; peakMb: number; verdicts: string[]; zipKb: number[] };

/**
 * Start the browser host as a user does, make it a sub-district office, then import the bombs: five
 * entries of 59 MiB, one of 1 GiB, and the same gigabyte declared as 1 KB. Answers the host's peak resident
 * memory before and after, and each import's verdict.
 */
export async function zipBombPeak(): Promise<BombFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bomb-'));
  const host = await startBenchHost(dataDir);
  try {
    await host.post('subdistrict:save', { name: '当湖街道', district: '平湖市' });
    // The bombs' own cost: the peak from here on, over what the host holds before them — its check worker
    // already started by a file that is no zip at all.
    await host.post('collection:import', {
      fileName: 'warm-up.zip',
      data: Buffer.from('not a zip').toString('base64'),
    });
    host.resetPeak();
    const startMb = host.memory().rssMb;
    const bombs = [fiveEntryBomb(), gigabyteBomb(), lyingBomb()];
    const verdicts: string[] = [];
    for (const bomb of bombs) {
      const reply = await host.post<{ verdict: string; reason: string | null }>('collection:import', {
        fileName: 'bomb.zip',
        data: bomb.toString('base64'),
      });
      verdicts.push(reply.ok ? `${reply.value.verdict}/${reply.value.reason}` : 'error');
    }
    return { startMb, peakMb: host.memory().peakMb, verdicts, zipKb: bombs.map((b) => Math.round(b.length / 1024)) };
  } finally {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchZipBombs(): Promise<void> {
  const bombs = await zipBombPeak();
  figure('browser host peak memory importing zip bombs', bombs.peakMb, 'MB', { stat: 'median', below: 250 });
  note(
    `zip bombs: ${bombs.zipKb.join(' / ')} KB zips (5 × 59 MiB, 1 GiB, 1 GiB declared 1 KB): ${bombs.verdicts.join(', ')}; ` +
      `${bombs.startMb.toFixed(0)} MB before`,
  );
}
