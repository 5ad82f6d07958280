import { describe, expect, it } from 'vitest';
import { bundleFiles, type BundleManifest } from '../../shared/domain/bundle';
import { readZip, writeZip } from '../../electron/records/bundle';
import type { KeyAndCertificate } from '../../electron/records/identity';
import { signDetached } from '../../electron/records/sign';
import { send } from './helpers';
import { issuedPair, keysOf } from './office';

const day = 86_400_000;

/** The same report exported again (`n` minutes later, so it is a new report) with its manifest signed at `at`. */
async function signedAt(zip: Buffer, keys: KeyAndCertificate, n: number, at: Date): Promise<string> {
  const files = readZip(zip);
  const manifest = JSON.parse(files.get(bundleFiles.manifest)!.toString('utf8')) as BundleManifest;
  manifest.exportedAt = new Date(Date.parse(manifest.exportedAt) + n * 60_000).toISOString();
  const bytes = Buffer.from(JSON.stringify(manifest));
  files.set(bundleFiles.manifest, bytes);
  files.set(bundleFiles.signature, await signDetached(bytes, keys, at));
  return writeZip(files).toString('base64');
}

describe('one import batch judges every signature', () => {
  it('refuses what the same certificate signed after its revocation or expiry, after a good bundle used the remembered chain', async () => {
    const { office, community, bundle } = await issuedPair();
    const keys = await keysOf(community.core);
    const [entry] = await send(office, 'ca:issued', {});
    const revokedOn = new Date(Date.now() + 2 * day).toISOString().slice(0, 10);
    await send(office, 'ca:revoke', { id: entry!.id, date: revokedOn, reason: 'key_compromise' });
    const zip = Buffer.from(bundle.data, 'base64');
    const now = new Date();
    const afterRevocation = new Date(Date.now() + 3 * day);
    const afterExpiry = new Date(Date.parse(entry!.validTo) + day);

    const files = [
      { fileName: '1.zip', data: await signedAt(zip, keys, 1, now) },
      { fileName: '2.zip', data: await signedAt(zip, keys, 2, afterRevocation) },
      { fileName: '3.zip', data: await signedAt(zip, keys, 3, now) },
      { fileName: '4.zip', data: await signedAt(zip, keys, 4, afterExpiry) },
      { fileName: '5.zip', data: await signedAt(zip, keys, 5, now) },
    ];
    const rows = await send(office, 'collection:importMany', { files });
    expect(rows.map((r) => [r.fileName, r.verdict, r.reason])).toEqual([
      ['1.zip', 'trusted', null],
      ['2.zip', 'rejected', 'certificate_revoked'],
      ['3.zip', 'trusted', null],
      ['4.zip', 'rejected', 'certificate_expired'],
      ['5.zip', 'trusted', null],
    ]);
  }, 180_000);
});
