// npm run bench: one line per figure with its sample count, spread and goal, then a summary of the goals met.
// Figures are measured here, never asserted in tests. Each section is its own file; `npm run bench -- records`
// runs only the sections named (start, day, records, gm, kdf, bundles, province, bombs, load).
import { performance } from 'node:perf_hooks';
import { benchAppStart } from './app-start';
import { benchBundleImport } from './collection';
import { machine, summary } from './figures';
import { benchGm } from './gm';
import { benchKdf } from './kdf';
import { benchMeetingDay } from './meeting-day';
import { benchProvince } from './province';
import { benchRecords } from './records';
import { tenYearDatabase } from './ten-year';
import { benchUnderLoad } from './under-load';
import { benchZipBombs } from './zip-bomb';

const sections: Record<string, () => Promise<void>> = {
  start: async () => {
    const tenYears = await tenYearDatabase();
    await benchAppStart(tenYears.dataDir, tenYears.meetings);
    tenYears.remove();
  },
  day: benchMeetingDay,
  records: benchRecords,
  gm: () => benchGm(),
  kdf: benchKdf,
  bundles: () => benchBundleImport(1000),
  province: benchProvince,
  bombs: benchZipBombs,
  load: benchUnderLoad,
};
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in sections));
if (unknown.length) throw new Error(`unknown bench section ${unknown.join(', ')}: ${Object.keys(sections).join(', ')}`);

const t0 = performance.now();
const before = machine('before');
for (const [name, run] of Object.entries(sections)) if (!chosen.length || chosen.includes(name)) await run();
const after = machine('after');
if (Math.max(before.load, after.load) > 1.5)
  console.log(
    'note: the machine was shared while this ran; the lead repeats the bench on a quiet machine before quoting it',
  );
summary();
console.log(`bench took ${((performance.now() - t0) / 60_000).toFixed(1)} min`);
