// Run in a fresh process: the services' cold start on an existing data folder, as the app does at launch.
import { performance } from 'node:perf_hooks';
import { startCore } from '../electron/core';
import { repositoryResources } from '../electron/paths';

const dataDir = process.argv[2]!;
const started = performance.now();
const core = startCore({ dataDir, ...repositoryResources });
const envelope = await core.guard('meeting:list', {}, { trusted: true });
const elapsed = performance.now() - started;
if (!envelope.ok) throw new Error(envelope.error.message);
console.log(JSON.stringify({ ms: elapsed, meetings: (envelope.value as unknown[]).length }));
core.close();
