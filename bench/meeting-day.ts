// The secretary's day over the browser host, as the page calls it: a 20,000-row roster imported, the residents
// page and the check-in box searched per keystroke (also right after the roster changed), and the projector
// following the secretary's actions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../electron/core';
import { hostPassphrase } from '../tests/spawn-host';
import { repositoryResources } from '../electron/paths';
import { figure, note, sampled, timed } from './figures';
import { startBenchHost, type BenchHost } from './host';
import { keystrokes, rosterCsv } from './roster';

const residents = 20_000;

/** Every keystroke of the usual queries, `limit` results a page (50 on the residents page, 6 in the check-in box). */
async function typing(host: BenchHost, limit: number): Promise<number[]> {
  await host.post('resident:search', { query: '', limit });
  const queries = keystrokes();
  return sampled(queries.length, (i) => host.post('resident:search', { query: queries[i], limit }));
}

export async function benchMeetingDay(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-day-'));
  const core = startCore({ dataDir, ...repositoryResources, passphrase: hostPassphrase });
  const call = async <T>(channel: string, input: unknown) => {
    const envelope = await core.guard(channel, input, { trusted: true });
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  await call('community:save', {
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '议事亭',
    pavilionPlace: '长廊',
  });
  const data = Buffer.from(rosterCsv(residents, 11)).toString('base64');
  const [importMs, imported] = await timed(() => call('roster:import', { fileName: '名册.csv', data }));
  figure('roster import, 20,000 rows', importMs, 'ms', { stat: 'median', below: 2000 });
  note(`roster import: ${JSON.stringify(imported)}`);
  const meeting = await call<{ id: number }>('meeting:create', { title: '议事会' });
  await call('agenda:add', { meetingId: meeting.id, kind: 'briefing', plannedMinutes: 10 });
  const agenda = await call<{ id: number }[]>('agenda:add', {
    meetingId: meeting.id,
    kind: 'other',
    plannedMinutes: 5,
  });
  core.close();

  const host = await startBenchHost(dataDir);
  try {
    const page = await typing(host, 50);
    figure(
      `residents page search per keystroke, ${residents.toLocaleString('en')} residents (HTTP, 50 a page)`,
      page,
      'ms',
      {
        stat: 'p95',
        below: 10,
      },
    );
    const checkIn = await typing(host, 6);
    figure(
      `check-in search per keystroke, ${residents.toLocaleString('en')} residents (HTTP, 6 a page)`,
      checkIn,
      'ms',
      { stat: 'p95', below: 5 },
    );

    // A walk-in is added to the roster, then the secretary types the next name: the first keystroke after it.
    const afterChange: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      await host.post('resident:save', {
        name: `新居民${i}`,
        gender: null,
        building: '61',
        unit: '1',
        room: `${101 + i}`,
        tags: [],
        area: null,
      });
      afterChange.push((await timed(() => host.post('resident:search', { query: 'wang', limit: 6 })))[0]);
    }
    figure('check-in search, first keystroke after a roster change', afterChange, 'ms', {
      stat: 'p95',
      below: 5,
    });

    // Action to projector: the secretary moves to the next item; the projector hears the push and reloads.
    const events = await host.events();
    const reader = events.body!.getReader();
    const latencies = await sampled(20, async (i) => {
      const pushed = (async () => {
        for (;;) {
          const { value } = await reader.read();
          if (new TextDecoder().decode(value).includes('meeting:changed')) return;
        }
      })();
      await host.post('run:goto', { meetingId: meeting.id, itemId: agenda[i % 2]!.id });
      await pushed;
      await host.post('run:state', { id: meeting.id });
    });
    await reader.cancel();
    figure('action → projector (POST, push, projector reload)', latencies, 'ms', { stat: 'p95', below: 100 });
  } finally {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
