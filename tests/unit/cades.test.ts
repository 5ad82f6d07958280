import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFiles } from '../../shared/domain/bundle';
import { readZip } from '../../electron/records/bundle';
import { coreWithCommunity, makeCore, send, tempDir } from './helpers';
import { finalizedWithIdentity } from './meetings';

const run = (command: string, args: string[], cwd?: string) => {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
};

/** The bytes a PDF signature covers, from its /ByteRange (independently of the app's verifier). */
function signedBytes(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const [a, b, c, d] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/
    .exec(text.slice(text.lastIndexOf('/ByteRange')))!
    .slice(1)
    .map(Number) as [number, number, number, number];
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}

/** A community whose certificate the office issued, with every kind of record it signs. */
async function issuedRecords() {
  const office = makeCore();
  await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  await send(office, 'identity:create', { passphrase: 'office passphrase' });
  const { core, meeting } = await finalizedWithIdentity(await coreWithCommunity());
  const request = await send(core, 'identity:request', {});
  const issued = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
  await send(core, 'identity:installCertificate', { fileName: issued.fileName, data: issued.data });
  const [first] = await send(core, 'followup:list', {});
  await send(core, 'followup:update', { id: first!.id, owner: '物业', deadline: '2026-12-31', status: 'done' });

  const dir = tempDir();
  const issuedPem = Buffer.from(issued.data, 'base64').toString();
  const caPem = issuedPem.slice(issuedPem.lastIndexOf('-----BEGIN CERTIFICATE-----'));
  fs.writeFileSync(path.join(dir, 'ca.pem'), caPem);
  run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'ca', '-t', 'CT,C,C', '-i', path.join(dir, 'ca.pem')]);

  const pdfs = new Map<string, Buffer>();
  for (const kind of ['minutes', 'sign_in', 'resolutions'] as const) {
    pdfs.set(kind, Buffer.from((await send(core, 'record:export', { id: meeting.id, kind })).data, 'base64'));
  }
  pdfs.set('results', Buffer.from((await send(core, 'followup:notice', { format: 'pdf' })).data, 'base64'));
  const bundle = readZip(Buffer.from((await send(core, 'bundle:export', { meetingId: meeting.id })).data, 'base64'));
  const info = (await send(core, 'identity:get', {})).current!;
  const certificate = new X509Certificate(
    JSON.parse(bundle.get(bundleFiles.manifest)!.toString()).signer.certificate as string,
  );
  const signer = { fingerprint: info.fingerprint, serialNumber: certificate.serialNumber.toUpperCase() };
  return { dir, pdfs, bundle, signer };
}

/**
 * The ESS signing-certificate-v2 attribute as `openssl asn1parse` prints it: the certificate hash and the
 * issuer serial that follow the attribute's OID. (OpenSSL 3.0's `cms -verify` does not compare them with the
 * signer, so the test does.)
 */
function essOf(parsed: string) {
  const after = parsed.slice(parsed.search(/:id-smime-aa-signingCertificateV2|:1\.2\.840\.113549\.1\.9\.16\.2\.47/));
  expect(after.length).toBeLessThan(parsed.length);
  return {
    certHash: /OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/.exec(after)?.[1],
    serial: /INTEGER\s+:([0-9A-F]+)/.exec(after)?.[1],
  };
}

/** What OpenSSL says of a detached CMS over `content`, trusting only the office's CA. */
function opensslVerify(dir: string, cms: Buffer, content: Buffer) {
  fs.writeFileSync(path.join(dir, 'sig.der'), cms);
  fs.writeFileSync(path.join(dir, 'content.bin'), content);
  const verify = run('openssl', [
    'cms',
    '-verify',
    '-inform',
    'DER',
    '-in',
    path.join(dir, 'sig.der'),
    '-binary',
    '-content',
    path.join(dir, 'content.bin'),
    '-CAfile',
    path.join(dir, 'ca.pem'),
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
  const parsed = run('openssl', ['asn1parse', '-inform', 'DER', '-in', path.join(dir, 'sig.der')]);
  return { verify, parsed: parsed.out };
}

describe('CAdES baseline signatures (ESS signing-certificate-v2)', () => {
  it('on every record: pdfsig and OpenSSL agree it is valid, whole-file, trusted, and names its certificate', async () => {
    const { dir, pdfs, signer } = await issuedRecords();
    const fingerprint = signer.fingerprint.replace(/:/g, '');
    for (const [kind, pdf] of pdfs) {
      const file = path.join(dir, `${kind}.pdf`);
      fs.writeFileSync(file, pdf);
      const sig = run('pdfsig', ['-nssdir', `sql:${dir}`, file]).out;
      expect(sig, kind).toContain('Signature is Valid.');
      expect(sig, kind).toContain('Total document signed');
      expect(sig, kind).toContain('Certificate is Trusted.');
      expect(sig, kind).toContain('ETSI.CAdES.detached');

      // pdfsig's own extraction of the CMS, checked by OpenSSL over the signed byte ranges.
      run('pdfsig', ['-dump', file], dir);
      const cms = fs.readFileSync(path.join(dir, `${kind}.pdf.sig0`));
      const { verify, parsed } = opensslVerify(dir, cms, signedBytes(pdf));
      expect(verify, kind).toMatchObject({ status: 0, out: expect.stringContaining('Verification successful') });
      // The signed attributes name the signer certificate: its SHA-256 and its issuer's serial for it.
      expect(essOf(parsed), kind).toEqual({ certHash: fingerprint, serial: signer.serialNumber });

      // One byte changed: both tools say so.
      const changed = Buffer.from(pdf);
      changed[changed.indexOf('/Type /Page') + 3]! ^= 1;
      fs.writeFileSync(file, changed);
      expect(run('pdfsig', ['-nssdir', `sql:${dir}`, file]).out, kind).toContain('Digest Mismatch.');
      expect(opensslVerify(dir, cms, signedBytes(changed)).verify.status, kind).not.toBe(0);
    }
  }, 180_000);

  it('on the bundle manifest’s detached signature, with the same certificate hash', async () => {
    const { dir, bundle, signer } = await issuedRecords();
    const manifest = bundle.get(bundleFiles.manifest)!;
    const { verify, parsed } = opensslVerify(dir, bundle.get(bundleFiles.signature)!, manifest);
    expect(verify).toMatchObject({ status: 0, out: expect.stringContaining('Verification successful') });
    const certificate = new X509Certificate(JSON.parse(manifest.toString()).signer.certificate as string);
    expect(certificate.fingerprint256).toBe(signer.fingerprint);
    expect(essOf(parsed)).toEqual({
      certHash: createHash('sha256').update(certificate.raw).digest('hex').toUpperCase(),
      serial: certificate.serialNumber.toUpperCase(),
    });
    const edited = Buffer.from(manifest.toString().replace(/"attendees": \d+/, '"attendees": 300'));
    expect(edited.equals(manifest)).toBe(false);
    expect(opensslVerify(dir, bundle.get(bundleFiles.signature)!, edited).verify.status).not.toBe(0);
  }, 180_000);
});
