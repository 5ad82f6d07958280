import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { bundleRejectionLabels } from '../../shared/domain/bundle';
import type { KeyAndCertificate } from '../../electron/records/identity';
import { refusal, send, tempDir, testPassphrase, type TestCore } from './helpers';
import { issuedPair, issuedPairWith, keysOf, subDistrictCore, trustStore } from './office';

/** npm run verify reads the encrypted data folder's passphrase from the environment. */
const env = { ...process.env, YISHITING_PASSPHRASE: testPassphrase };

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** The office's CA key, as the passphrase its tests create it with unlocks it. */
const officeKeys = (office: TestCore) => keysOf(office, 'office passphrase');

/** A certificate the office's CA signs outside the app: for the community's key, with odd dates or usage. */
function oddCertificate(
  ca: KeyAndCertificate,
  community: KeyAndCertificate,
  { from, to, usage }: { from: Date; to: Date; usage: Record<string, boolean> },
): string {
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.certificateFromPem(community.certificatePem).publicKey;
  cert.serialNumber = '0a' + Date.now().toString(16);
  cert.validity.notBefore = from;
  cert.validity.notAfter = to;
  cert.setSubject([{ shortName: 'CN', value: 'Odd' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', ...usage },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const verifyMinutes = async (core: TestCore, meetingId: number) => {
  const pdf = await send(core, 'record:export', { id: meetingId, kind: 'minutes' });
  return send(core, 'record:verify', { fileName: 'm.pdf', data: pdf.data });
};

describe('certificates judged as an independent validator would', () => {
  it('refuses records signed by an expired, not yet valid or wrongly used certificate, saying which', async () => {
    const { office, community } = await issuedPair();
    const ca = await officeKeys(office);
    const keys = await keysOf(community.core);
    const day = 86_400_000;
    const cases = [
      [
        {
          from: new Date(Date.now() - 800 * day),
          to: new Date(Date.now() - 400 * day),
          usage: { digitalSignature: true },
        },
        'expired',
        '签名时证书已过期',
        'Certificate has Expired',
      ],
      [
        {
          from: new Date(Date.now() + 30 * day),
          to: new Date(Date.now() + 400 * day),
          usage: { digitalSignature: true },
        },
        'not_yet_valid',
        '签名时证书尚未生效',
        // NSS names a certificate outside its validity "expired" either way.
        'Certificate has Expired',
      ],
      [
        { from: new Date(Date.now() - day), to: new Date(Date.now() + 400 * day), usage: { keyEncipherment: true } },
        'key_usage',
        '证书的用途不包括电子签名',
        'Unknown issue with Certificate or corrupted data.',
      ],
    ] as const;
    const nss = trustStore(ca.certificatePem);
    for (const [shape, code, words, nssSays] of cases) {
      const pem = oddCertificate(ca, keys, shape) + ca.certificatePem;
      await send(community.core, 'identity:installCertificate', {
        fileName: 'odd.crt',
        data: Buffer.from(pem).toString('base64'),
      });
      const report = await verifyMinutes(community.core, community.meeting.id);
      expect(report, code).toMatchObject({
        verdict: 'invalid_certificate',
        problem: { code },
        match: { state: 'none' },
      });
      const files = await saved(community.core, community.meeting.id);
      const cli = spawnSync(
        'npx',
        ['tsx', 'electron/records/verify-cli.ts', '--data', community.core.dataDir, ...files],
        {
          encoding: 'utf8',
          env,
        },
      );
      // pdfsig, trusting the office's CA through NSS, refuses the same certificate on its own.
      const pdfsig = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, files[0]!], { encoding: 'utf8' }).stdout;
      expect(pdfsig, code).toContain('Signature is Valid.');
      expect(pdfsig, code).toContain(`Certificate Validation: ${nssSays}`);
      expect(cli.status, code).toBe(1);
      expect(cli.stdout, code).toContain(words);
    }
  }, 240_000);

  it('warns 60 days before a certificate ends and knows no CA of another office', async () => {
    const { office, community } = await issuedPair();
    expect(await send(community.core, 'trust:status', {})).toMatchObject({ own: null, crl: null });
    const ca = await officeKeys(office);
    const keys = await keysOf(community.core);
    const pem =
      oddCertificate(ca, keys, {
        from: new Date(Date.now() - 86_400_000),
        to: new Date(Date.now() + 20 * 86_400_000),
        usage: { digitalSignature: true, nonRepudiation: true },
      }) + ca.certificatePem;
    await send(community.core, 'identity:installCertificate', {
      fileName: 'c.crt',
      data: Buffer.from(pem).toString('base64'),
    });
    expect((await send(community.core, 'trust:status', {})).own).toMatchObject({ daysLeft: 19 });
    const report = await verifyMinutes(community.core, community.meeting.id);
    expect(report).toMatchObject({ verdict: 'valid', notes: [{ code: 'expires_soon' }] });

    // The same community certified by another office's CA is nobody this office knows.
    const other = await subDistrictCore();
    await send(other, 'identity:create', { passphrase: 'other office passphrase' });
    const pdf = await send(community.core, 'record:export', { id: community.meeting.id, kind: 'minutes' });
    expect(await send(other, 'record:verify', { fileName: 'm.pdf', data: pdf.data })).toMatchObject({
      verdict: 'unknown_signer',
    });
  }, 180_000);
});

async function saved(core: TestCore, meetingId: number): Promise<string[]> {
  const pdf = await send(core, 'record:export', { id: meetingId, kind: 'minutes' });
  const file = path.join(tempDir(), 'm.pdf');
  fs.writeFileSync(file, Buffer.from(pdf.data, 'base64'));
  return [file];
}

describe('revocation', () => {
  it('refuses what was signed after the revocation date, keeps what was signed before, and publishes a CRL OpenSSL accepts', async () => {
    const { office, community: east, bundle: eastBundle, issued } = await issuedPair('东湖社区');
    const west = await issuedPairWith(office, '西湖社区');
    const register = await send(office, 'ca:issued', {});
    const id = (unit: string) => register.find((e) => e.unit.includes(unit))!.id;
    await send(office, 'ca:revoke', { id: id('东湖'), date: tomorrow(), reason: 'key_compromise' });
    const revoked = await send(office, 'ca:revoke', { id: id('西湖'), date: today(), reason: 'cessation' });
    expect(revoked.find((e) => e.unit.includes('西湖'))).toMatchObject({
      status: 'revoked',
      revocationReason: 'cessation',
    });
    expect((await refusal(office, 'ca:revoke', { id: id('西湖'), date: today(), reason: 'cessation' })).message).toBe(
      '这张证书已经吊销过了。',
    );

    // Signed today, 东湖 before its revocation (tomorrow) and 西湖 after its (today, from midnight).
    expect(await send(office, 'collection:import', { fileName: 'e.zip', data: eastBundle.data })).toMatchObject({
      verdict: 'trusted',
    });
    const refused = await send(office, 'collection:import', { fileName: 'w.zip', data: west.bundle.data });
    expect(refused).toMatchObject({ verdict: 'rejected', reason: 'certificate_revoked' });
    expect(refused.detail).toMatch(/^证书已于 .+ 被签发单位吊销，此后的签名无效$/);
    expect(bundleRejectionLabels.certificate_revoked['zh-CN']).toContain('吊销');

    // The CRL: OpenSSL checks its signature and, with it, refuses 西湖's certificate and accepts a clean one.
    const crl = await send(office, 'ca:crl', {});
    const dir = tempDir();
    const chain = Buffer.from(issued.data, 'base64').toString();
    const caPem = chain.slice(chain.lastIndexOf('-----BEGIN CERTIFICATE-----'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), caPem);
    fs.writeFileSync(path.join(dir, 'office.crl'), Buffer.from(crl.data, 'base64'));
    const openssl = (...args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    const crlPem = openssl('crl', '-inform', 'DER', '-in', 'office.crl', '-out', 'office.crl.pem');
    expect(crlPem.status).toBe(0);
    const checked = openssl('crl', '-in', 'office.crl.pem', '-CAfile', 'ca.pem', '-noout', '-verify', '-text');
    expect(checked.stderr + checked.stdout).toContain('verify OK');
    expect(checked.stdout).toContain('Cessation Of Operation');
    const westCert = (await send(office, 'ca:issued', {})).find((e) => e.unit.includes('西湖'))!;
    fs.writeFileSync(path.join(dir, 'west.pem'), west.keys.certificatePem);
    const westCheck = openssl('verify', '-crl_check', '-CAfile', 'ca.pem', '-CRLfile', 'office.crl.pem', 'west.pem');
    expect(westCheck.stdout + westCheck.stderr).toContain('certificate revoked');
    expect(westCert.status).toBe('revoked');
    const third = await issuedPairWith(office, '南湖社区');
    fs.writeFileSync(path.join(dir, 'south.pem'), third.keys.certificatePem);
    // The CRL above predates 南湖's certificate and does not list it.
    expect(
      openssl('verify', '-crl_check', '-CAfile', 'ca.pem', '-CRLfile', 'office.crl.pem', 'south.pem').stdout,
    ).toContain('south.pem: OK');

    // 东湖 imports the CRL: its own record signed today stays valid with a note; after the date it would not.
    const imported = await send(east.core, 'trust:importCrl', { fileName: crl.fileName, data: crl.data });
    expect(imported).toMatchObject({ revoked: 2, issuer: '当湖街道办事处' });
    const report = await verifyMinutes(east.core, east.meeting.id);
    expect(report).toMatchObject({ verdict: 'valid', notes: [{ code: 'revoked_later' }] });
    expect((await send(east.core, 'trust:status', {})).crl).toMatchObject({ revoked: 2 });

    // A CRL changed by one byte, or signed by another office, is refused in words.
    const bad = Buffer.from(crl.data, 'base64');
    bad[bad.length - 5]! ^= 1;
    const badRefusal = await refusal(east.core, 'trust:importCrl', { fileName: 'x.crl', data: bad.toString('base64') });
    expect(badRefusal.message).toContain('不是本社区所属街道签发的证书吊销列表');
    const other = await subDistrictCore();
    await send(other, 'identity:create', { passphrase: 'other office passphrase' });
    const foreign = await send(other, 'ca:crl', {});
    expect((await refusal(east.core, 'trust:importCrl', { fileName: 'y.crl', data: foreign.data })).code).toBe(
      'crl_invalid',
    );
  }, 300_000);
});
