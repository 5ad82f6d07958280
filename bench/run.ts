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
// CI gives the bench what is left of its 30 minutes; a section that starts past it is named, not run.
const budgetMs = Number(process.env.BENCH_BUDGET_S ?? Infinity) * 1000;
const skipped: string[] = [];
for (const [name, run] of Object.entries(sections)) {
  if (chosen.length && !chosen.includes(name)) continue;
  if (performance.now() - t0 > budgetMs * 0.85) skipped.push(name);
  else await run();
}
if (skipped.length) console.log(`not measured (CI time budget): ${skipped.join(', ')}`);
const after = machine('after');
if (Math.max(before.load, after.load) > 1.5)
  console.log(
    'note: the machine was shared while this ran; figures from a busy machine are slower — repeat on a quiet one before quoting them',
  );
summary();
console.log(`bench took ${((performance.now() - t0) / 60_000).toFixed(1)} min`);
