// Every figure of `npm run bench` goes through figure(): one line with its samples' spread and its goal, and a
// closing summary of the goals met and missed. Figures are measured here, never asserted in tests.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export type Unit = 'ms' | 's' | 'MB' | 'KB' | '×' | '/s';
/** What a figure must stay under (or, for rates, above), judged on one statistic of its samples. */
export type Goal = {
  stat: 'median' | 'p95';
  below?: number;
  atMost?: number;
  above?: number;
  /** A cost that must be felt but not waited on: the KDF's time. */
  between?: [number, number];
};

type Verdict = { name: string; met: boolean | null };
const verdicts: Verdict[] = [];

export type Spread = { n: number; min: number; median: number; p95: number; max: number };

/** Nearest-rank statistics: with 5 samples the p95 is the largest, and the median the third. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return { n: sorted.length, min: sorted[0]!, median: rank(0.5), p95: rank(0.95), max: sorted.at(-1)! };
}

const digits = (unit: Unit, value: number) =>
  unit === 'ms' ? (value < 10 ? 2 : 1) : unit === 's' || unit === '×' ? 2 : value < 10 ? 1 : 0;
const show = (value: number, unit: Unit) =>
  `${value.toFixed(digits(unit, value))}${unit === '×' ? '×' : unit === '/s' ? '/s' : ` ${unit}`}`;
const goalText = (goal: Goal, unit: Unit) =>
  `${goal.stat} ${
    goal.between !== undefined
      ? `${show(goal.between[0], unit)}–${show(goal.between[1], unit)}`
      : goal.below !== undefined
        ? `< ${show(goal.below, unit)}`
        : goal.atMost !== undefined
          ? `≤ ${show(goal.atMost, unit)}`
          : `> ${show(goal.above!, unit)}`
  }`;
const meets = (goal: Goal, value: number) =>
  goal.between !== undefined
    ? value >= goal.between[0] && value <= goal.between[1]
    : goal.below !== undefined
      ? value < goal.below
      : goal.atMost !== undefined
        ? value <= goal.atMost
        : value > goal.above!;

/**
 * Print one figure: its median, sample count and spread, and its goal with met / MISSED. A figure without a goal
 * is a comparison or a context figure: printed, not counted.
 */
export function figure(name: string, samples: number | readonly number[], unit: Unit, goal?: Goal): Spread {
  const s = spread(typeof samples === 'number' ? [samples] : samples);
  const values =
    s.n === 1
      ? `${show(s.median, unit)} (n=1)`
      : `median ${show(s.median, unit)} (n=${s.n}, min ${show(s.min, unit)}, p95 ${show(s.p95, unit)})`;
  let judged = '';
  let met: boolean | null = null;
  if (goal) {
    met = meets(goal, s[goal.stat]);
    judged = ` — goal ${goalText(goal, unit)}: ${met ? 'met' : 'MISSED'}`;
  }
  verdicts.push({ name, met });
  console.log(`${name}: ${values}${judged}`);
  return s;
}

/** A line that is context, not a figure (what was generated, how long it took). */
export const note = (text: string) => console.log(`  · ${text}`);

/** Time one call, in ms. */
export async function timed<T>(work: () => T | Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
}

/** Time `n` calls of the same work, in ms each. */
export async function sampled(n: number, work: (i: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) samples.push((await timed(() => work(i)))[0]);
  return samples;
}

/**
 * How busy the machine is: the load average, and a fixed piece of CPU work (SHA-256 over 32 MiB, ~60 ms on an
 * idle core here) timed five times. On a shared machine the figures are noisy; this line says how noisy.
 */
export function machine(when: string): { load: number; calibrationMs: number } {
  const data = Buffer.alloc(32 * 1024 * 1024, 7);
  const runs = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    createHash('sha256').update(data).digest();
    return performance.now() - t0;
  });
  const cal = spread(runs);
  const [one, five] = os.loadavg();
  const cores = os.availableParallelism();
  const busy = one! > cores * 0.75 || cal.max > cal.min * 1.5;
  console.log(
    `machine ${when}: ${cores} cores, load average ${one!.toFixed(1)} (1 min) / ${five!.toFixed(1)} (5 min); ` +
      `calibration (SHA-256 of 32 MiB) median ${cal.median.toFixed(0)} ms, min ${cal.min.toFixed(0)}, max ${cal.max.toFixed(0)}` +
      (busy ? ' — the machine was BUSY: the timings are noisy and mostly too slow' : ' — quiet'),
  );
  return { load: one!, calibrationMs: cal.median };
}

/** The closing summary: how many goals were met, and the missed ones by name. */
export function summary(): void {
  const judged = verdicts.filter((v) => v.met !== null);
  const missed = judged.filter((v) => !v.met);
  console.log(
    `summary: ${judged.length - missed.length} of ${judged.length} goals met` +
      `${missed.length ? `; missed: ${missed.map((v) => v.name).join('; ')}` : ''}` +
      ` (${verdicts.length - judged.length} figures are comparisons or context without a goal)`,
  );
}
