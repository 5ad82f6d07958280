// The signed 30-page minutes, first and warm, each renderer in fresh processes so the first render is a first;
// and the same content through @react-pdf/renderer at the same page count and the same fonts.
import { execFileSync } from 'node:child_process';
import { figure, note, type Goal } from './figures';

type Renders = {
  firstMs: number;
  firstCpuMs: number;
  warmMs: number[];
  warmCpuMs: number[];
  bytes: number;
  pages: number;
  peakMb: number;
};

const render = (script: string, ...args: (number | string)[]) =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', script, ...args.map(String)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!,
  ) as Renders;

const runs = (n: number, script: string, ...args: (number | string)[]) =>
  Array.from({ length: n }, () => render(script, ...args));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1]!;

export async function benchRecords(pages = 30): Promise<void> {
  // In the app the first export follows opening the finalized minutes, which warms the renderer in the
  // background (electron/services/minutes.ts); a process that has not yet done that pays for it in the export.
  const cold = runs(3, 'bench/minutes-pdf.ts', pages, 'cold');
  const ours = runs(5, 'bench/minutes-pdf.ts', pages, 'warmed');
  const { bytes, pages: set } = ours[0]!;
  const what = `signed minutes PDF, ${set} pages`;
  figure(
    `${what}, first export in a fresh process that has loaded nothing for it (renderer import included)`,
    cold.map((r) => r.firstMs),
    'ms',
  );
  const first = figure(
    `${what}, first export in a fresh process, after the warm-up opening finalized minutes starts`,
    ours.map((r) => r.firstMs),
    'ms',
    { stat: 'median', below: 300 },
  );
  const warm = figure(
    `${what}, warm`,
    ours.flatMap((r) => r.warmMs),
    'ms',
    { stat: 'median', below: 100 },
  );
  note(
    `CPU time, medians (what a quiet machine would need, roughly): first ${median(cold.map((r) => r.firstCpuMs)).toFixed(0)} ms ` +
      `with nothing loaded, ${median(ours.map((r) => r.firstCpuMs)).toFixed(0)} ms after the warm-up, ` +
      `warm ${median(ours.flatMap((r) => r.warmCpuMs)).toFixed(0)} ms`,
  );
  figure('signed minutes PDF size', bytes / 1024, 'KB', { stat: 'median', below: 300 });
  figure(
    'signed minutes PDF peak memory (the whole process, tsx loader included)',
    ours.map((r) => r.peakMb),
    'MB',
    { stat: 'p95', below: 250 },
  );

  // @react-pdf fits more on a page: find how many agenda items fill the same number of pages, then measure that.
  let items = Math.round(pages * 1.2);
  let probe = render('bench/react-pdf.ts', pages, items);
  for (let tries = 0; probe.pages !== set && tries < 3; tries += 1) {
    items = Math.round((items * set) / probe.pages);
    probe = render('bench/react-pdf.ts', pages, items);
  }
  const theirs = [probe, ...runs(2, 'bench/react-pdf.ts', pages, items)];
  const theirPages = theirs[0]!.pages;
  const about = `${theirPages} pages, same fonts, unsigned`;
  const theirFirst = figure(
    `@react-pdf/renderer, ${about}, first in a fresh process`,
    theirs.map((r) => r.firstMs),
    'ms',
  );
  const theirWarm = figure(
    `@react-pdf/renderer, ${about}, warm`,
    theirs.flatMap((r) => r.warmMs),
    'ms',
  );
  if (theirPages !== set)
    note(`@react-pdf set ${theirPages} pages, not ${set}: the per-page figures below compare unequal pages`);
  // The goal is for the warm figure, where both renderers do only the work of the document.
  const perPage = (which: string, ours: number, theirs: number, goal?: Goal) => {
    const [a, b] = [ours / set, theirs / theirPages];
    note(`per page, ${which}: ours ${a.toFixed(1)} ms, @react-pdf ${b.toFixed(1)} ms`);
    figure(`per page, ${which}: ours ÷ @react-pdf`, a / b, '×', goal);
  };
  perPage('warm', warm.median, theirWarm.median, { stat: 'median', atMost: 0.1 });
  perPage('first', first.median, theirFirst.median);
}
