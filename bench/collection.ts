// The sub-district side: bundles from many communities, imported and verified as the office does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Channel, Input, Output } from '../shared/contract';
import { batchesOf, bundleBatch, bundleFiles, type BundleManifest } from '../shared/domain/bundle';
import { startCore, type Core } from '../electron/core';
import { hostPassphrase } from '../tests/spawn-host';
import { repositoryResources } from '../electron/paths';
import { readZip, writeZip } from '../electron/records/bundle';
import { fromP12 } from '../electron/records/identity';
import { signDetached } from '../electron/records/sign';
import { sm2SignDetached } from '../electron/records/gm/signed-data';
import { sm2SignerOf } from '../tests/unit/gm/pki';
import { threadWork, type Work } from '../electron/work/work';
import { figure, note } from './figures';

export async function send<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<Output<C>> {
  const envelope = await core.guard(channel, input, { trusted: true });
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as Output<C>;
}

const made: string[] = [];
process.once('exit', () => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A core on a fresh data folder (or a copy of `from`), removed when the bench ends; `dataDir` says where. */
export function tempCore({ from, work }: { from?: string; work?: Work } = {}): Core & { dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-collect-'));
  made.push(dataDir);
  if (from) fs.cpSync(from, dataDir, { recursive: true });
  return Object.assign(startCore({ dataDir, ...repositoryResources, passphrase: hostPassphrase, work }), {
    dataDir,
  });
}

/** Strong enough for the passphrase check (zxcvbn-ts), which refuses 'bench passphrase'. */
const communityPassphrase = 'm0ss 银杏 bench-community 渡口';

/**
 * A community with one finalized meeting, certified by the office (with `sm2`, also its SM2 certificate and
 * seal, so the bundle carries the sealed OFD and the SM2 signature); its bundle and its keys.
 */
async function certifiedBundle(office: Core, sm2 = false) {
  const community = tempCore();
  await send(community, 'community:save', {
    name: '东湖社区',
    subDistrict: '当湖街道',
    district: '平湖市',
    pavilionName: '东湖幸福议事亭',
    pavilionPlace: '文化长廊',
  });
  const people = [];
  for (let i = 0; i < 12; i += 1) {
    people.push(
      await send(community, 'resident:save', {
        name: `居民${i}`,
        gender: null,
        building: '1',
        unit: '1',
        room: `${101 + i}`,
        tags: ['居民代表'],
        area: 90,
      }),
    );
  }
  const meeting = await send(community, 'meeting:create', { title: '幸福议事亭议事会', place: '文化长廊' });
  const agenda = [];
  for (const title of ['东门划线停车方案', '垃圾分类点位调整', '楼道堆物清理']) {
    agenda.push(
      ...(await send(community, 'agenda:add', { meetingId: meeting.id, kind: 'custom', title, plannedMinutes: 15 })),
    );
  }
  await send(community, 'meeting:setStatus', { id: meeting.id, status: 'in_progress' });
  for (const person of people)
    await send(community, 'attendance:checkIn', { meetingId: meeting.id, residentId: person.id });
  for (const item of agenda.slice(-3)) {
    await send(community, 'vote:record', {
      agendaItemId: item.id,
      rule: 'simple_majority',
      question: `是否同意${item.title}？`,
      ballots: { method: 'hands', counts: { for: 10, against: 1, abstain: 1, invalid: 0 } },
    });
  }
  await send(community, 'meeting:setStatus', { id: meeting.id, status: 'closed' });
  await send(community, 'minutes:finalize', { id: meeting.id, by: '周敏' });
  await send(community, 'identity:create', { passphrase: communityPassphrase });
  const request = await send(community, 'identity:request', {});
  const issued = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
  await send(community, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
  if (sm2) {
    const sm2Request = await send(community, 'identity:requestSm2', {});
    const sm2Issued = await send(office, 'ca:issue', { fileName: sm2Request.fileName, data: sm2Request.data });
    await send(community, 'identity:installCertificate', { fileName: sm2Issued.fileName, data: sm2Issued.data });
  }
  const bundle = Buffer.from((await send(community, 'bundle:export', { meetingId: meeting.id })).data, 'base64');
  const p12 = await send(community, 'identity:exportP12', {
    passphrase: communityPassphrase,
    password: 'bench password',
  });
  const keys = fromP12(Buffer.from(p12.data, 'base64'), 'bench password');
  const sm2Signer = sm2 ? await sm2SignerOf(community, communityPassphrase) : null;
  community.close();
  return { bundle, keys, sm2Signer };
}

/**
 * `count` reports of one community whose certificate the office issued: one real bundle (signed PDFs) whose
 * manifest is given a later export time each time and signed again with the community's key, so every bundle
 * is a new report that verifies in full — zip, manifest signature, three PDF signatures, hashes, the register —
 * and is counted. (A bundle relabelled as another community is refused by the register, as it should be.)
 */
export async function bundlesFor(office: Core, count: number, sm2 = false): Promise<string[]> {
  const { bundle, keys, sm2Signer } = await certifiedBundle(office, sm2);
  const files = readZip(bundle);
  const manifest = JSON.parse(files.get(bundleFiles.manifest)!.toString('utf8')) as BundleManifest;
  const exported = Date.parse(manifest.exportedAt);
  const bundles: string[] = [];
  for (let i = 0; i < count; i += 1) {
    manifest.exportedAt = new Date(exported + (i + 1) * 1000).toISOString();
    const bytes = Buffer.from(JSON.stringify(manifest));
    files.set(bundleFiles.manifest, bytes);
    files.set(bundleFiles.signature, await signDetached(bytes, keys, new Date()));
    if (sm2Signer) files.set(bundleFiles.sm2Signature, await sm2SignDetached(bytes, sm2Signer, new Date()));
    bundles.push(writeZip(files).toString('base64'));
  }
  return bundles;
}

/** A sub-district office with its CA, ready to issue certificates and import bundles. */
export async function officeCore(): Promise<Core & { dataDir: string }> {
  const office = tempCore();
  await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  await send(office, 'identity:create', { passphrase: 'qu4rtz 灯笼 office-bench 夜航' });
  return office;
}

/** Import each bundle through the guard, as the collection page does: ms per bundle, and how many counted. */
export async function importAll(office: Core, bundles: string[]): Promise<{ ms: number[]; trusted: number }> {
  const ms: number[] = [];
  let trusted = 0;
  for (const [i, data] of bundles.entries()) {
    const t0 = performance.now();
    const row = await send(office, 'collection:import', { fileName: `上报包-${i}.zip`, data });
    ms.push(performance.now() - t0);
    if (row.verdict === 'trusted') trusted += 1;
  }
  return { ms, trusted };
}

/** Import the bundles as the collection page does with a folder: in batches, one command and one commit each. */
export async function importFolder(office: Core, bundles: string[]): Promise<{ trusted: number; batches: number }> {
  const batches = batchesOf(
    bundles.map((data, i) => ({ fileName: `上报包-${i}.zip`, data })),
    (file) => file.data.length,
  );
  let trusted = 0;
  for (const files of batches) {
    const rows = await send(office, 'collection:importMany', { files });
    trusted += rows.filter((row) => row.verdict === 'trusted').length;
  }
  return { trusted, batches: batches.length };
}

/**
 * 1,000 bundles (reports of a certified community) into an empty collection, three times: each time into a copy
 * of the same office, its checks in a worker thread as the browser host runs them.
 */
export async function benchBundleImport(count = 1000, runs = 3): Promise<void> {
  const office = await officeCore();
  const bundles = await bundlesFor(office, count);
  office.close();
  const seconds: number[] = [];
  let last = { trusted: 0, batches: 0 };
  for (let run = 0; run < runs; run += 1) {
    const work = threadWork(fileURLToPath(new URL('../electron/work/thread.mjs', import.meta.url)));
    const copy = tempCore({ from: office.dataDir, work });
    const started = performance.now();
    last = await importFolder(copy, bundles);
    seconds.push((performance.now() - started) / 1000);
    copy.close();
    await work.close();
  }
  figure(`import + verify ${count.toLocaleString('en')} bundles, in all`, seconds, 's', { stat: 'median', below: 5 });
  figure(
    'import + verify, each bundle',
    seconds.map((s) => (s * 1000) / count),
    'ms',
  );
  note(
    `${last.trusted} of ${count} trusted, in ${last.batches} commands of ≤ ${bundleBatch.pack / 1e6} MB; each bundle: zip, manifest signature, 3 PDF signatures, hashes (in the worker), then seen-before, trust and register, counted`,
  );
}

/**
 * SM2 bundles (the sealed OFD minutes and the SM2-signed manifest beside the RSA ones) into an empty collection,
 * as the collection page imports a folder (in batches, one command and one commit each) with the checks in a
 * worker thread as the browser host runs them: each verifies in full — everything above, then the SM2
 * signature, the OFD's seal signature, seal and package, and the SM2 certificate against the office's SM2 CA and
 * register.
 */
export async function benchSm2BundleImport(count: number): Promise<void> {
  const office = await officeCore();
  await send(office, 'ca:createSm2', {});
  const bundles = await bundlesFor(office, count, true);
  office.close();
  const work = threadWork(fileURLToPath(new URL('../electron/work/thread.mjs', import.meta.url)));
  const copy = tempCore({ from: office.dataDir, work });
  const started = performance.now();
  const { trusted, batches } = await importFolder(copy, bundles);
  const total = (performance.now() - started) / 1000;
  const sealed = (await send(copy, 'collection:list', {})).reduce((n, b) => n + b.sealed, 0);
  copy.close();
  await work.close();
  figure(`import + verify ${count.toLocaleString('en')} SM2 bundles, in all`, total, 's', {
    stat: 'median',
    below: (30 * count) / 1000,
  });
  figure('import + verify, each SM2 bundle', (total * 1000) / count, 'ms');
  note(`${trusted} of ${count} trusted, ${sealed} sealed OFDs verified, in ${batches} commands`);
}
