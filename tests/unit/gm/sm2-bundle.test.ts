import { describe, expect, it } from 'vitest';
import { bundleFiles, bundleRejectionLabels, type BundleManifest } from '../../../shared/domain/bundle';
import { readZip, writeZip } from '../../../electron/records/bundle';
import { checkOfd } from '../../../electron/records/gm/ofd/verify';
import { readSm2Certificate } from '../../../electron/records/gm/x509';
import { send } from '../helpers';
import { issuedPair, keysOf, rebundle, relist, resignSm2, sm2Pair, sm2SignerOf } from '../office';
import { openssl, tempDir, write } from './tools';

const filesOf = (data: string) => readZip(Buffer.from(data, 'base64'));
const manifestOf = (files: Map<string, Buffer>) =>
  JSON.parse(files.get(bundleFiles.manifest)!.toString('utf8')) as BundleManifest;
const imported = (office: Parameters<typeof send>[0], data: string) =>
  send(office, 'collection:import', { fileName: '上报包.zip', data });

/** One line of `openssl asn1parse` output: offset, depth, header and content lengths, and what it shows. */
function asn1Lines(dir: string, file: string) {
  const parsed = openssl(['asn1parse', '-inform', 'DER', '-in', file], dir);
  expect(parsed.ok).toBe(true);
  return parsed.out
    .split('\n')
    .map((line) => /^\s*(\d+):d=(\d+)\s+hl=(\d+) l=\s*(\d+) (?:cons|prim): (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, offset, depth, header, length, what]) => ({
      offset: Number(offset),
      depth: Number(depth),
      size: Number(header) + Number(length),
      what: what!.trim(),
    }));
}

describe('bundles from a community with an SM2 identity', () => {
  it('carry each meeting’s sealed OFD minutes and an SM2 signed manifest (GB/T 35275) that OpenSSL alone verifies', async () => {
    const { community } = await sm2Pair();
    const bundle = await send(community.core, 'bundle:export', { meetingId: community.meeting.id });
    const files = filesOf(bundle.data);
    const id = community.meeting.id;
    expect([...files.keys()].sort()).toEqual([
      'manifest.json',
      'manifest.json.p7s',
      'manifest.json.sm2.p7s',
      `meetings/${id}/minutes.ofd`,
      `meetings/${id}/minutes.pdf`,
      `meetings/${id}/resolutions.pdf`,
      `meetings/${id}/sign-in.pdf`,
    ]);
    const manifest = manifestOf(files);
    expect(manifest.meetings[0]!.files.ofd).toBe(`meetings/${id}/minutes.ofd`);
    const ofd = checkOfd(files.get(`meetings/${id}/minutes.ofd`)!);
    expect(ofd).toMatchObject({ state: 'intact', seal: { name: '东湖社区居民委员会' } });
    const sm2Certificate = readSm2Certificate(manifest.signer.sm2!.certificate);
    expect(sm2Certificate.fingerprint).toBe(manifest.signer.sm2!.fingerprint);

    // The signed data's structure, as OpenSSL reads it: the GB/T 35275 OIDs, one signer, detached content.
    const dir = tempDir();
    write(dir, 'manifest.json', files.get('manifest.json')!);
    const signed = files.get('manifest.json.sm2.p7s')!;
    write(dir, 'sig.der', signed);
    const lines = asn1Lines(dir, 'sig.der');
    expect(lines[1]!.what).toBe('OBJECT            :1.2.156.10197.6.1.4.2.2');
    expect(lines.filter((l) => l.what.endsWith(':sm3'))).toHaveLength(2); // digestAlgorithms and the signer's
    expect(lines.some((l) => l.what.endsWith(':1.2.156.10197.6.1.4.2.1'))).toBe(true);
    expect(lines.filter((l) => l.depth === 6 && l.what.endsWith(':SM2-with-SM3'))).not.toHaveLength(0);

    // Its parts, cut out at the offsets OpenSSL printed: the certificate, the signed attributes, the signature.
    const certificate = lines.find((l) => l.depth === 3 && l.what === 'cont [ 0 ]' && l.offset > 40)!;
    const certLine = lines.find((l) => l.offset > certificate.offset && l.depth === 4)!;
    write(dir, 'cert.der', signed.subarray(certLine.offset, certLine.offset + certLine.size));
    const attributes = lines.find((l) => l.depth === 5 && l.what === 'cont [ 0 ]')!;
    // RFC 5652 §5.4 (GB/T 35275 §8.1.3): the signature is over the attributes as a SET, tag 0x31, not [0].
    const attrs = Buffer.from(signed.subarray(attributes.offset, attributes.offset + attributes.size));
    attrs[0] = 0x31;
    write(dir, 'attrs.der', attrs);
    const signatureLine = lines.filter((l) => l.depth === 5 && l.what.startsWith('OCTET STRING')).at(-1)!;
    expect(
      openssl(
        [
          'asn1parse',
          '-inform',
          'DER',
          '-in',
          'sig.der',
          '-strparse',
          String(signatureLine.offset),
          '-noout',
          '-out',
          'signature.der',
        ],
        dir,
      ).ok,
    ).toBe(true);

    expect(openssl(['x509', '-inform', 'DER', '-in', 'cert.der', '-pubkey', '-noout', '-out', 'pub.pem'], dir).ok).toBe(
      true,
    );
    const verified = openssl(
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        'distid:1234567812345678',
        '-in',
        'attrs.der',
        '-sigfile',
        'signature.der',
      ],
      dir,
    );
    expect(verified.out).toContain('Signature Verified Successfully');
    // The messageDigest attribute is OpenSSL's SM3 of the manifest; the certificate is the manifest's SM2 signer.
    const digest = openssl(['dgst', '-sm3', '-hex', 'manifest.json'], dir).out.trim().split(' ').at(-1)!;
    expect(lines.find((l) => l.what.includes('[HEX DUMP]') && l.depth === 8)!.what.toLowerCase()).toContain(digest);
    expect(
      openssl(['x509', '-inform', 'DER', '-in', 'cert.der', '-noout', '-fingerprint', '-sha256'], dir).out,
    ).toContain(manifest.signer.sm2!.fingerprint);
    // And a changed manifest no longer verifies there.
    write(dir, 'attrs.der', Buffer.concat([attrs.subarray(0, -1), Buffer.from([attrs.at(-1)! ^ 1])]));
    expect(
      openssl(
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          'pub.pem',
          '-rawin',
          '-digest',
          'sm3',
          '-pkeyopt',
          'distid:1234567812345678',
          '-in',
          'attrs.der',
          '-sigfile',
          'signature.der',
        ],
        dir,
      ).out,
    ).toContain('Signature Verification Failure');
  }, 240_000);

  it('the office verifies the SM2 signature and every OFD and counts them; a changed OFD or SM2 signature refuses the bundle, saying why', async () => {
    const { office, community } = await sm2Pair();
    const { core, meeting } = community;
    const bundle = await send(core, 'bundle:export', { meetingId: meeting.id });
    const zip = Buffer.from(bundle.data, 'base64');
    const ofdPath = `meetings/${meeting.id}/minutes.ofd`;
    const rsa = await keysOf(core);
    const sm2 = await sm2SignerOf(core);

    // The SM2 signature flipped, or left out: refused before anything is counted.
    const files = readZip(zip);
    const flipped = Buffer.from(files.get(bundleFiles.sm2Signature)!);
    flipped[flipped.length - 3]! ^= 0x01;
    files.set(bundleFiles.sm2Signature, flipped);
    expect(await imported(office, writeZip(files).toString('base64'))).toMatchObject({
      verdict: 'rejected',
      reason: 'sm2_signature',
      unit: '平湖市当湖街道东湖社区居民委员会',
    });
    files.delete(bundleFiles.sm2Signature);
    expect(await imported(office, writeZip(files).toString('base64'))).toMatchObject({ reason: 'sm2_signature' });

    // One byte of the OFD changed, listed anew and the manifest re-signed with RSA: the SM2 signature no longer
    // matches the manifest. Re-signed with the community's SM2 key too: the OFD's own seal signature refuses it.
    const changedOfd = await rebundle(
      zip,
      (f, m) => {
        const ofd = Buffer.from(f.get(ofdPath)!);
        ofd[40]! ^= 0x01;
        f.set(ofdPath, ofd);
        relist(f, m);
      },
      rsa,
    );
    expect(await imported(office, changedOfd)).toMatchObject({ reason: 'sm2_signature' });
    const resealed = await imported(office, await resignSm2(changedOfd, sm2));
    expect(resealed).toMatchObject({ verdict: 'rejected', reason: 'ofd_signature' });
    expect(resealed.detail).toContain(ofdPath);
    expect(bundleRejectionLabels.ofd_signature['zh-CN']).toContain('盖章后被改动');

    // The OFD left out of a manifest that still declares the SM2 signer: refused, not counted without it.
    const withoutOfd = await rebundle(
      zip,
      (f, m) => {
        f.delete(ofdPath);
        delete m.meetings[0]!.files.ofd;
        m.files = m.files.filter((file) => file.path !== ofdPath);
      },
      rsa,
    );
    expect(await imported(office, await resignSm2(withoutOfd, sm2))).toMatchObject({ reason: 'file_missing' });

    // Nothing so far was counted; the bundle as exported is, with its sealed OFD.
    expect((await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' })).totals.meetings).toBe(0);
    const accepted = await imported(office, bundle.data);
    expect(accepted).toMatchObject({ verdict: 'trusted', meetings: 1, sealed: 1, reason: null });
    const stats = await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' });
    expect(stats.communities.map((c) => c.name)).toEqual(['东湖社区']);
    expect(stats.totals.meetings).toBe(1);
    expect((await send(office, 'collection:list', {}))[0]).toMatchObject({ sealed: 1 });
  }, 300_000);

  it('refuses a bundle whose SM2 signer certificate holds a malformed point, and still imports the rest of its batch', async () => {
    const { office, community } = await sm2Pair();
    const good = await send(community.core, 'bundle:export', { meetingId: community.meeting.id });
    const files = readZip(Buffer.from(good.data, 'base64'));
    const signed = Buffer.from(files.get(bundleFiles.sm2Signature)!);
    // The certificate's public key as its BIT STRING carries it (00 04 x y); 04 → 05 is not an encoding noble reads.
    const point = Buffer.from(readSm2Certificate(manifestOf(files).signer.sm2!.certificate).publicKey, 'hex');
    const at = signed.indexOf(point);
    expect(at).toBeGreaterThan(0);
    signed[at]! ^= 0x01;
    files.set(bundleFiles.sm2Signature, signed);
    const poisoned = writeZip(files).toString('base64');

    expect(await imported(office, poisoned)).toMatchObject({ verdict: 'rejected', reason: 'sm2_signature' });
    const batch = await send(office, 'collection:importMany', {
      files: [
        { fileName: '坏.zip', data: poisoned },
        { fileName: '好.zip', data: good.data },
      ],
    });
    expect(batch.map((b) => [b.fileName, b.verdict])).toEqual([
      ['坏.zip', 'rejected'],
      ['好.zip', 'trusted'],
    ]);

    // The same point inside the sealed OFD's signature: a tampered file, not a crash.
    const ofd = Buffer.from(files.get(`meetings/${community.meeting.id}/minutes.ofd`)!);
    const inOfd = ofd.lastIndexOf(point);
    expect(inOfd).toBeGreaterThan(0);
    ofd[inOfd]! ^= 0x01;
    expect(checkOfd(ofd)).toMatchObject({ state: 'tampered' });
  }, 300_000);

  it('judges the SM2 certificate as it judges the RSA one: revoked, or issued by another office', async () => {
    const { office, community } = await sm2Pair();
    const { core, meeting } = community;

    // The office revokes the SM2 certificate (the RSA one stands): bundles signed from that day are refused.
    const register = await send(office, 'ca:issued', {});
    const sm2Entry = register.find((e) => e.algorithm === 'sm2')!;
    await send(office, 'ca:revoke', {
      id: sm2Entry.id,
      date: new Date().toISOString().slice(0, 10),
      reason: 'key_compromise',
    });
    const afterRevoke = await send(core, 'bundle:export', { meetingId: meeting.id });
    const revoked = await imported(office, afterRevoke.data);
    expect(revoked).toMatchObject({ verdict: 'rejected', reason: 'certificate_revoked' });
    expect(revoked.detail).toContain('国密证书');

    // A second office's SM2 CA issues 东湖 a certificate and seal: its bundles are not this office's to count.
    const other = await issuedPair('西湖社区');
    await send(other.office, 'ca:createSm2', {});
    const request = await send(core, 'identity:requestSm2', {});
    const foreign = await send(other.office, 'ca:issue', { fileName: request.fileName, data: request.data });
    await send(core, 'identity:installCertificate', { fileName: foreign.fileName, data: foreign.data });
    const foreignBundle = await send(core, 'bundle:export', { meetingId: meeting.id });
    expect(await imported(office, foreignBundle.data)).toMatchObject({ verdict: 'rejected', reason: 'seal_untrusted' });
    expect(bundleRejectionLabels.seal_untrusted.en).toContain('not issued by this office');
  }, 300_000);
});
