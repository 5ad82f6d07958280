import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleFiles, type BundleManifest } from '../../shared/domain/bundle';
import { readZip, writeZip } from '../../electron/records/bundle';
import { sha256 } from '../../electron/records/hash';
import { fromP12, type KeyAndCertificate } from '../../electron/records/identity';
import { signDetached } from '../../electron/records/sign';
import { sm2SignDetached } from '../../electron/records/gm/signed-data';
import type { Sm2Signer } from '../../electron/records/gm/signer';
import { sm2SignerOf as pkiSm2SignerOf } from './gm/pki';
import { coreWithCommunity, makeCore, send, tempDir, type TestCore } from './helpers';
import { finalizedWithIdentity } from './meetings';

/** A sub-district office and the communities it certifies, as the collection and trust tests need them. */
export const subDistrictCore = async (options: Parameters<typeof makeCore>[0] = {}) => {
  const core = makeCore(options);
  await send(core, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  return core;
};

/** The community's key and certificate, as an attacker who holds them (or a test) would. */
export async function keysOf(core: TestCore, passphrase = 'correct horse 1'): Promise<KeyAndCertificate> {
  const p12 = await send(core, 'identity:exportP12', { passphrase, password: 'p12-password' });
  return fromP12(Buffer.from(p12.data, 'base64'), 'p12-password');
}

/** Unpack a bundle, change it, and pack it again — re-signing the manifest with `signer` when given. */
export async function rebundle(
  zip: Buffer,
  edit: (files: Map<string, Buffer>, manifest: BundleManifest) => void,
  signer?: KeyAndCertificate,
): Promise<string> {
  const files = readZip(zip);
  const manifest = JSON.parse(files.get(bundleFiles.manifest)!.toString('utf8')) as BundleManifest;
  edit(files, manifest);
  const bytes = Buffer.from(JSON.stringify(manifest));
  files.set(bundleFiles.manifest, bytes);
  if (signer) files.set(bundleFiles.signature, await signDetached(bytes, signer, new Date()));
  return writeZip(files).toString('base64');
}

/** The bundle's files with one replaced (or left out), and nothing re-signed. */
export const replaced = (zip: Buffer, name: string, data: Buffer | null) => {
  const files = readZip(zip);
  if (data) files.set(name, data);
  else files.delete(name);
  return files;
};

export const relist = (files: Map<string, Buffer>, manifest: BundleManifest) => {
  manifest.files = manifest.files.map((f) => ({
    ...f,
    sha256: sha256(files.get(f.path)!),
    bytes: files.get(f.path)!.length,
  }));
};

/** A community with a finalized meeting whose first item is done, and its bundle. */
export async function communityWithBundle(overrides: { name?: string } = {}) {
  const fixture = await finalizedWithIdentity(await coreWithCommunity(overrides));
  const { core, meeting } = fixture;
  const [first] = await send(core, 'followup:list', {});
  await send(core, 'followup:update', {
    id: first!.id,
    owner: '物业公司',
    deadline: '2026-12-31',
    status: 'done',
    satisfaction: 'satisfied',
  });
  const bundle = await send(core, 'bundle:export', { meetingId: meeting.id });
  return { ...fixture, bundle };
}

/** A sub-district with its CA, and a community holding a certificate it issued. */
export async function issuedPair(name = '东湖社区', options: Parameters<typeof makeCore>[0] = {}) {
  const office = await subDistrictCore(options);
  await send(office, 'identity:create', { passphrase: 'office passphrase' });
  const community = await communityWithBundle({ name });
  const request = await send(community.core, 'identity:request', {});
  const issued = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
  await send(community.core, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
  const bundle = await send(community.core, 'bundle:export', { meetingId: community.meeting.id });
  return { office, community, issued, bundle };
}

/** A second community issued by the same office. */
export async function issuedPairWith(office: TestCore, name: string) {
  const community = await communityWithBundle({ name });
  const request = await send(community.core, 'identity:request', {});
  const issued = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
  await send(community.core, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
  return {
    bundle: await send(community.core, 'bundle:export', { meetingId: community.meeting.id }),
    keys: await keysOf(community.core),
  };
}

/** An office with RSA and SM2 CAs, and a community holding an RSA and an SM2 certificate with its seal. */
export async function sm2Pair(name = '东湖社区') {
  const pair = await issuedPair(name);
  const { office, community } = pair;
  await send(office, 'ca:createSm2', {});
  const request = await send(community.core, 'identity:requestSm2', {});
  const issued = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
  await send(community.core, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
  return { ...pair, sm2Request: request, sm2Issued: issued };
}

/** The community's SM2 signer (key, certificate), as an attacker who holds its keys would have it. */
export const sm2SignerOf = (core: TestCore, passphrase = 'correct horse 1') => pkiSm2SignerOf(core, passphrase);

/** Sign the (edited) manifest again with SM2, as `rebundle` does with RSA. */
export async function resignSm2(zip: string, signer: Sm2Signer): Promise<string> {
  const files = readZip(Buffer.from(zip, 'base64'));
  const manifest = files.get(bundleFiles.manifest)!;
  files.set(bundleFiles.sm2Signature, await sm2SignDetached(manifest, signer, new Date()));
  return writeZip(files).toString('base64');
}

/** An NSS store trusting the office's CA (the last certificate of what the office issued). */
export function trustStore(issuedPem: string): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'ca.pem'), issuedPem.slice(issuedPem.lastIndexOf('-----BEGIN CERTIFICATE-----')));
  spawnSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  spawnSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'ca', '-t', 'CT,C,C', '-i', path.join(dir, 'ca.pem')]);
  return dir;
}
