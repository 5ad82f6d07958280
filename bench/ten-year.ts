// The ten-year database of one busy community, generated once per run through the same guard the UI uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFile, startCore } from '../electron/core';
import { hostPassphrase } from '../tests/spawn-host';
import { repositoryResources } from '../electron/paths';
import { note, timed } from './figures';
import { generateTenYears } from './generate';

export async function tenYearDatabase(): Promise<{ dataDir: string; meetings: number; remove(): void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-'));
  const core = startCore({ dataDir, ...repositoryResources, passphrase: hostPassphrase });
  const [ms] = await timed(() => generateTenYears(core));
  const count = (table: string) => core.db!.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const meetings = count('meeting');
  note(
    `ten-year database: ${meetings} meetings, ${count('resident')} residents, ${count('attendance')} attendance rows, ` +
      `${count('audit_event')} audit events, ${(fs.statSync(databaseFile(dataDir)).size / 1024 / 1024).toFixed(1)} MB, ` +
      `generated in ${(ms / 1000).toFixed(1)} s`,
  );
  core.close();
  return { dataDir, meetings, remove: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
