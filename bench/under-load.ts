// The projector while heavy work runs: a check-in at the door and the projector's run:state read that shows it,
// measured over the browser host while that host draws a 30-page signed minutes export (again and again) in its
// worker thread, and 100 bundles are imported. A data file is a community's or a sub-district's, never both, so
// the import runs in an office host beside it on the same machine.
import { performance } from 'node:perf_hooks';
import type { Channel, Input, Output } from '../shared/contract';
import type { RunState } from '../shared/domain/run';
import { bundlesFor, officeCore, send, tempCore } from './collection';
import { figure, note } from './figures';
import { startBenchHost, type BenchHost } from './host';
import { longMinutes } from './minutes-content';
import { rosterCsv } from './roster';

const pages = 30;
const bundleCount = 100;

async function post<C extends Channel>(host: BenchHost, channel: C, input: Input<C>): Promise<Output<C>> {
  const answer = await host.post<Output<C>>(channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`);
  return answer.value;
}

/** One check-in, then the projector's read; the ms until the projector's answer shows the new 实到. */
async function checkInSeen(host: BenchHost, meetingId: number, residentId: number): Promise<number> {
  const t0 = performance.now();
  const list = await post(host, 'attendance:checkIn', { meetingId, residentId });
  const state = (await post(host, 'run:state', { id: meetingId })) as RunState;
  const ms = performance.now() - t0;
  if (state.figures.attended.residents !== list.filter((a) => a.residentId !== null).length)
    throw new Error('the projector did not show the check-in');
  return ms;
}

export async function benchUnderLoad(): Promise<void> {
  const office = await officeCore();
  const bundles = await bundlesFor(office, bundleCount);
  office.close();
  const community = tempCore();
  await send(community, 'community:save', {
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '东湖幸福议事亭',
    pavilionPlace: '文化长廊',
  });
  const signing = 'm0ss 银杏 bench-load 渡口';
  await send(community, 'identity:create', { passphrase: signing });
  const roster = Buffer.from(rosterCsv(400, 5)).toString('base64');
  await send(community, 'roster:import', { fileName: '名册.csv', data: roster });
  const residents = (await send(community, 'resident:search', { query: '', limit: 200 })).items;
  const more = (await send(community, 'resident:search', { query: '', limit: 200, offset: 200 })).items;
  const finished = await send(community, 'meeting:create', { title: '11月幸福议事会', place: '文化长廊' });
  // 26 items, each discussion written out twice, set 30 pages (checked in the note below).
  const long = longMinutes(pages, 26);
  for (const item of long.items) {
    await send(community, 'agenda:add', {
      meetingId: finished.id,
      kind: 'custom',
      title: item.title,
      plannedMinutes: 5,
    });
  }
  await send(community, 'meeting:setStatus', { id: finished.id, status: 'in_progress' });
  await send(community, 'meeting:setStatus', { id: finished.id, status: 'closed' });
  const { content } = await send(community, 'minutes:get', { id: finished.id });
  content.items = content.items.map((item, i) => {
    const { discussion } = long.items[i]!;
    return { ...item, discussion: `${discussion}\n${discussion}` };
  });
  await send(community, 'minutes:save', { id: finished.id, content });
  await send(community, 'minutes:finalize', { id: finished.id, by: '周敏' });
  const meeting = await send(community, 'meeting:create', { title: '12月幸福议事会', place: '文化长廊' });
  await send(community, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  community.close();

  const officeHost = await startBenchHost(office.dataDir);
  const host = await startBenchHost(community.dataDir);
  try {
    const people = [...residents, ...more].map((r) => r.id);
    await post(host, 'identity:unlock', { passphrase: signing });
    // Quiet first: the same figure with nothing else running, to compare.
    const quiet: number[] = [];
    for (const id of people.splice(0, 40)) quiet.push(await checkInSeen(host, meeting.id, id));
    const first = Buffer.from((await post(host, 'record:export', { id: finished.id, kind: 'minutes' })).data, 'base64');
    const pagesSet = first.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

    let exports = 0;
    let imported = 0;
    let busy = true;
    const exporting = (async () => {
      while (busy) {
        await post(host, 'record:export', { id: finished.id, kind: 'minutes' });
        exports += 1;
      }
    })();
    const importing = (async () => {
      for (const [i, data] of bundles.entries()) {
        await post(officeHost, 'collection:import', { fileName: `上报包-${i}.zip`, data });
        imported += 1;
      }
    })();
    const loaded: number[] = [];
    const t0 = performance.now();
    while (imported < bundleCount && people.length) {
      loaded.push(await checkInSeen(host, meeting.id, people.shift()!));
    }
    const sampledFor = performance.now() - t0;
    await importing;
    busy = false;
    await exporting;

    figure('check-in → projector run:state, quiet host (HTTP)', quiet, 'ms');
    figure(
      `check-in → projector run:state while a ${pages}-page signed minutes export repeats and ${bundleCount} bundles import`,
      loaded,
      'ms',
      { stat: 'p95', below: 100 },
    );
    note(
      `during ${(sampledFor / 1000).toFixed(1)} s of sampling: ${exports} signed minutes exports ` +
        `(${pagesSet} pages, ${Math.round(first.length / 1024)} KB each) and ${imported} bundle imports; ` +
        'the export in the community host’s worker thread, the import in the office host beside it',
    );
    if (!people.length) note('ran out of residents to check in before the import ended');
  } finally {
    await host.stop();
    await officeHost.stop();
  }
}
