// Starting the app on the ten-year database: the services in a fresh process (module loading included), the
// page in Chromium until the meeting list shows, and the browser host's memory after serving it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { bundleDefaults, shellBundles } from '../build/shell-bundles';
import config from '../playwright.config';
import { projectRoot } from '../electron/paths';
import { figure, note } from './figures';
import { startBenchHost } from './host';

const samples = 5;

/** Runs in the page (this file is typed for Node, without the DOM's types). */
declare const document: { querySelectorAll(selector: string): { length: number } };

/** Our code bundled with the shell's own esbuild settings; node_modules load from the repository as in the app. */
async function bundleColdStart(): Promise<string> {
  const outfile = path.join(projectRoot, '.bench', 'cold-start.cjs');
  await build({
    ...bundleDefaults,
    packages: shellBundles.main.packages,
    entryPoints: [path.join(projectRoot, 'bench', 'cold-start.ts')],
    outfile,
  });
  return outfile;
}

type Started = { loaded: number; opened: number; listed: number; cpu: number; meetings: number };

/** Spawn to the meeting list answered, measured by the parent; the child's own marks say where the time went. */
function coldStart(script: string, dataDir: string): Promise<Started & { wall: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [script, dataDir, projectRoot], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve({ wall: performance.now() - t0, ...(JSON.parse(output) as Started) });
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`cold start exited ${code}: ${output}`)));
  });
}

export async function benchAppStart(dataDir: string, meetings: number): Promise<void> {
  const script = await bundleColdStart();
  const runs: (Started & { wall: number })[] = [];
  for (let i = 0; i < samples; i += 1) runs.push(await coldStart(script, dataDir));
  figure(
    `cold start in a fresh process, spawn → meeting list of ${runs[0]!.meetings} (module loading, open, start backup, checks)`,
    runs.map((r) => r.wall),
    'ms',
    { stat: 'median', below: 300 },
  );
  const median = (pick: (r: (typeof runs)[number]) => number) => runs.map(pick).sort((a, b) => a - b)[2]!;
  note(
    `of which, medians: node + module loading ${median((r) => r.loaded).toFixed(0)} ms, ` +
      `open ${median((r) => r.opened - r.loaded).toFixed(0)} ms, meeting list ${median((r) => r.listed - r.opened).toFixed(0)} ms; ` +
      `CPU time ${median((r) => r.cpu).toFixed(0)} ms (what a quiet machine would need, roughly)`,
  );

  const host = await startBenchHost(dataDir);
  const browser = await chromium.launch(config.use!.launchOptions);
  try {
    const interactive: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(host.url, { waitUntil: 'commit' });
      // Time from the page's own navigation start until the last meeting's row is on the page.
      const shown = await page.waitForFunction(
        (n) => document.querySelectorAll('table.table tbody tr').length >= n && performance.now(),
        meetings,
        { polling: 'raf', timeout: 60_000 },
      );
      interactive.push((await shown.jsonValue()) as number);
      await context.close();
    }
    figure(`time to interactive in Chromium, navigation → ${meetings} meetings listed`, interactive, 'ms', {
      stat: 'median',
      below: 1000,
    });
    const { rssMb, peakMb } = host.memory();
    figure(`browser host memory after serving the ten-year database to ${samples} page loads`, rssMb, 'MB', {
      stat: 'median',
      below: 150,
    });
    note(`browser host peak resident memory so far ${peakMb.toFixed(0)} MB`);
  } finally {
    await browser.close();
    await host.stop();
  }
}
