// Bundled as build-electron.mjs bundles the shell (build/shell-bundles.ts: CommonJS, our code in one file,
// node_modules beside it) and run in a fresh process: the services' start on an existing data folder until the
// meeting list is answered. Prints one JSON line; its times are from the process's own start (performance's time
// origin), so module loading is included. Resources are found as the shell finds them, not through paths.ts.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCore } from '../electron/core';
import { hostPassphrase } from '../tests/spawn-host';
import { bundledFonts } from '../electron/records/font-files';

async function main(dataDir: string, root: string) {
  const loaded = performance.now();
  const core = startCore({
    dataDir,
    migrationsFolder: path.join(root, 'drizzle'),
    fonts: bundledFonts(path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc')),
    // The data file is encrypted: this start includes deriving its key from the passphrase (scrypt).
    passphrase: hostPassphrase,
  });
  const opened = performance.now();
  const envelope = await core.guard('meeting:list', {}, { trusted: true });
  const listed = performance.now();
  if (!envelope.ok) throw new Error(envelope.error.message);
  const { user, system } = process.cpuUsage();
  const cpu = (user + system) / 1000;
  console.log(JSON.stringify({ loaded, opened, listed, cpu, meetings: (envelope.value as unknown[]).length }));
  core.close();
}

void main(process.argv[2]!, process.argv[3]!);
