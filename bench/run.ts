// npm run bench: one line per figure, with its goal. Figures are measured here, never asserted in tests.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCore } from '../electron/core';
import { migrationsFolder } from '../electron/paths';
import { generateTenYears } from './generate';

function report(name: string, value: number, unit: string, goal: string): void {
  console.log(`${name}: ${value.toFixed(unit === 'ms' ? 1 : 0)} ${unit} (goal ${goal})`);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-'));
const tsx = ['--import', 'tsx'];

// 1. The ten-year database.
const started = performance.now();
const core = startCore({ dataDir, migrationsFolder });
await generateTenYears(core);
const counts = core
  .db!.$client.prepare(
    'SELECT (SELECT count(*) FROM meeting) AS meetings, (SELECT count(*) FROM audit_event) AS events',
  )
  .get() as { meetings: number; events: number };
core.close();
console.log(
  `ten-year database: ${counts.meetings} meetings, ${counts.events} audit events, ` +
    `${(fs.statSync(path.join(dataDir, 'yishiting.sqlite')).size / 1024 / 1024).toFixed(1)} MB, ` +
    `generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// 2. Cold start: open, migration check, meeting list — best of five fresh processes.
const runs = Array.from({ length: 5 }, () => {
  const out = execFileSync(process.execPath, [...tsx, 'bench/cold-start.ts', dataDir], { encoding: 'utf8' });
  return (JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number }).ms;
});
report('services cold start (open + migration check + meeting list)', Math.min(...runs), 'ms', '< 300 ms');

// 3. The browser host's resident memory after it served the meeting list.
const host = spawn(process.execPath, [...tsx, 'electron/host/cli.ts', '--data', dataDir, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let output = '';
  host.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
    if (match) resolve(match[1]!);
  });
  host.once('exit', () => reject(new Error(`host exited: ${output}`)));
});
const reply = await fetch(`${url}/api/meeting:list`, {
  method: 'POST',
  headers: { Origin: url, 'Content-Type': 'application/json' },
  body: '{}',
});
const listed = ((await reply.json()) as { value: unknown[] }).value.length;
// /proc is Linux's; `ps` gives the same figure on macOS.
const rssKb =
  process.platform === 'linux'
    ? Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${host.pid}/status`, 'utf8'))![1])
    : Number(execFileSync('ps', ['-o', 'rss=', '-p', String(host.pid)], { encoding: 'utf8' }).trim());
report(`browser host resident memory after listing ${listed} meetings`, rssKb / 1024, 'MB', '< 200 MB');
host.kill('SIGTERM');
fs.rmSync(dataDir, { recursive: true, force: true });
