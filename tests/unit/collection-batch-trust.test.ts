import { describe, expect, it } from 'vitest';
import { bundleFiles, type BundleManifest } from '../../shared/domain/bundle';
import { readZip, writeZip } from '../../electron/records/bundle';
import type { KeyAndCertificate } from '../../electron/records/identity';
import { signDetached } from '../../electron/records/sign';
import { copiedHash } from '../fixtures/pdf-increment';
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

/** An office whose clock `daysLater` moves on (the community keeps the real time). */
async function issuedWithClock() {
  let shift = 0;
  const pair = await issuedPair('东湖社区', { now: () => new Date(Date.now() + shift) });
  return { ...pair, daysLater: (n: number) => (shift = n * day) };
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

  it('a key revoked for compromise cannot sign itself into the past: bundles by arrival, PDFs by the copy the office saw', async () => {
    const { office, community, bundle, daysLater } = await issuedWithClock();
    const keys = await keysOf(community.core);
    const reportedPdf = readZip(Buffer.from(bundle.data, 'base64')).get(
      `meetings/${community.meeting.id}/minutes.pdf`,
    )!;
    // Reported while the key was good: the office holds this very file from today.
    await send(office, 'collection:import', { fileName: '上报包.zip', data: bundle.data });
    const [entry] = await send(office, 'ca:issued', {});
    const tomorrow = new Date(Date.now() + day).toISOString().slice(0, 10);
    await send(office, 'ca:revoke', { id: entry!.id, date: tomorrow, reason: 'key_compromise' });

    // Three days on, a thief with the key signs a report and a PDF dated today, before the revocation.
    daysLater(3);
    const [late] = await send(office, 'collection:importMany', {
      files: [{ fileName: '倒签.zip', data: await signedAt(Buffer.from(bundle.data, 'base64'), keys, 9, new Date()) }],
    });
    expect(late).toMatchObject({ verdict: 'rejected', reason: 'certificate_revoked' });
    const forged = await copiedHash('ab'.repeat(32), community.meeting.id, keys, new Date());
    const verify = (pdf: Buffer) => send(office, 'record:verify', { fileName: 'x.pdf', data: pdf.toString('base64') });
    expect(await verify(forged)).toMatchObject({ verdict: 'invalid_certificate', problem: { code: 'revoked' } });
    // The file the office itself collected before the revocation stays valid, saying when the revocation came.
    expect(await verify(reportedPdf)).toMatchObject({ verdict: 'valid', notes: [{ code: 'revoked_later' }] });
  }, 180_000);

  it('after a revocation that was no compromise, a signing time before it still counts for a PDF', async () => {
    const { office, community, daysLater } = await issuedWithClock();
    const keys = await keysOf(community.core);
    const [entry] = await send(office, 'ca:issued', {});
    const tomorrow = new Date(Date.now() + day).toISOString().slice(0, 10);
    await send(office, 'ca:revoke', { id: entry!.id, date: tomorrow, reason: 'affiliation_changed' });
    const earlier = await copiedHash('ab'.repeat(32), community.meeting.id, keys, new Date());
    daysLater(3);
    const verdict = await send(office, 'record:verify', { fileName: 'x.pdf', data: earlier.toString('base64') });
    expect(verdict).toMatchObject({ verdict: 'valid', notes: [{ code: 'revoked_later' }] });
  }, 180_000);
});
