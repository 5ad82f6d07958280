import { describe, expect, it } from 'vitest';
import { pem } from '../../../electron/records/gm/asn1';
import { softwareKey } from '../../../electron/records/gm/signer';
import { generateSm2KeyPair } from '../../../electron/records/gm/sm2';
import {
  commonNameOf,
  crlSignedBy,
  issueSm2Crl,
  readSm2Certificate,
  readSm2Crl,
  readSm2Request,
  readableName,
  signedBy,
  sm2CertificateRequest,
} from '../../../electron/records/gm/x509';
import {
  certificatePem,
  communityName,
  day,
  distid,
  makeCommunity,
  makeOffice,
  openssl,
  tempDir,
  write,
} from './tools';

const verify = (dir: string, ...extra: string[]) =>
  openssl(['verify', '-vfyopt', distid, '-CAfile', 'ca.pem', ...extra, 'leaf.pem'], dir);

describe('SM2 certificates issued by the office, checked by openssl verify', () => {
  it('a community certificate issued from its request chains to the office CA, with Chinese names intact', async () => {
    const dir = tempDir();
    const office = await makeOffice();
    const community = await makeCommunity(office, '𠇔东湖社区');
    write(dir, 'ca.pem', certificatePem(office.signer));
    write(dir, 'leaf.pem', certificatePem(community.signer));
    expect(verify(dir).out).toContain('leaf.pem: OK');
    const text = openssl(['x509', '-in', 'leaf.pem', '-noout', '-text', '-nameopt', 'utf8'], dir).out;
    expect(text).toContain('Signature Algorithm: SM2-with-SM3');
    expect(text).toContain('Subject: C=CN, L=平湖市, O=当湖街道, CN=𠇔东湖社区居民委员会');
    expect(text).toContain('Issuer: C=CN, L=平湖市, O=当湖街道, CN=当湖街道办事处');
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toContain('CA:FALSE');

    const cert = readSm2Certificate(community.signer.certificate);
    expect(commonNameOf(cert.subject)).toBe('𠇔东湖社区居民委员会');
    expect(readableName(cert.issuer)).toBe('CN=当湖街道办事处, O=当湖街道, L=平湖市, C=CN');
    expect(cert.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(cert.ca).toBe(false);
    expect(signedBy(cert, office.pair.publicKey)).toBe(true);
    expect(cert.authorityKeyId).toEqual(readSm2Certificate(office.signer.certificate).subjectKeyId);
    const ca = readSm2Certificate(office.signer.certificate);
    expect(ca.ca).toBe(true);
    expect(ca.keyUsage).toEqual(['digitalSignature', 'keyCertSign', 'cRLSign']);
  });

  it('a certificate from another office does not chain: openssl and our check both refuse it', async () => {
    const dir = tempDir();
    const office = await makeOffice();
    const other = await makeOffice(new Date(), office.name); // same name, another key
    const community = await makeCommunity(other);
    write(dir, 'ca.pem', certificatePem(office.signer));
    write(dir, 'leaf.pem', certificatePem(community.signer));
    expect(verify(dir).ok).toBe(false);
    expect(signedBy(readSm2Certificate(community.signer.certificate), office.pair.publicKey)).toBe(false);
  });

  it('an expired certificate is refused by openssl; its dates read back as issued', async () => {
    const dir = tempDir();
    const office = await makeOffice();
    const to = new Date(Date.now() - 400 * day);
    const community = await makeCommunity(office, '东湖社区', { from: new Date(Date.now() - 800 * day), to });
    write(dir, 'ca.pem', certificatePem(office.signer));
    write(dir, 'leaf.pem', certificatePem(community.signer));
    expect(verify(dir).out).toContain('certificate has expired');
    expect(readSm2Certificate(community.signer.certificate).notAfter.getTime()).toBe(
      Math.floor(to.getTime() / 1000) * 1000,
    );
  });

  it('reads a certificate OpenSSL made for an SM2 key', () => {
    const dir = tempDir();
    openssl(['genpkey', '-algorithm', 'SM2', '-out', 'key.pem'], dir);
    const made = openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        'key.pem',
        '-sm3',
        '-sigopt',
        distid,
        '-utf8',
        '-subj',
        '/C=CN/O=当湖街道/CN=当湖街道办事处',
        '-days',
        '30',
        '-out',
        'ca.pem',
      ],
      dir,
    );
    expect(made.ok, made.out).toBe(true);
    const cert = readSm2Certificate(openssl(['x509', '-in', 'ca.pem'], dir).out);
    expect(commonNameOf(cert.subject)).toBe('当湖街道办事处');
    expect(signedBy(cert, cert.publicKey)).toBe(true);
  });
});

describe('SM2 certificate requests (PKCS#10)', () => {
  it("ours passes openssl req -verify; OpenSSL's passes ours; a changed request is refused", async () => {
    const dir = tempDir();
    const pair = generateSm2KeyPair();
    const request = await sm2CertificateRequest(communityName('西湖社区'), softwareKey(pair));
    write(dir, 'ours.csr', pem('CERTIFICATE REQUEST', request));
    expect(openssl(['req', '-in', 'ours.csr', '-verify', '-vfyopt', distid, '-noout'], dir).out).toContain('verify OK');
    expect(readSm2Request(request).publicKey).toBe(pair.publicKey);

    openssl(['genpkey', '-algorithm', 'SM2', '-out', 'key.pem'], dir);
    const made = openssl(
      [
        'req',
        '-new',
        '-key',
        'key.pem',
        '-sm3',
        '-sigopt',
        distid,
        '-utf8',
        '-subj',
        '/C=CN/O=当湖街道/CN=南湖社区居民委员会',
        '-out',
        'theirs.csr',
      ],
      dir,
    );
    expect(made.ok, made.out).toBe(true);
    const theirs = readSm2Request(openssl(['req', '-in', 'theirs.csr'], dir).out);
    expect(commonNameOf(theirs.subject)).toBe('南湖社区居民委员会');

    const changed = Buffer.from(request);
    changed[changed.indexOf(Buffer.from('西湖'))]! ^= 0x01;
    expect(() => readSm2Request(changed)).toThrow();
  });
});

describe('SM2 CRLs, checked by openssl crl and openssl verify -crl_check', () => {
  it('the revoked certificate is refused, the others still pass, and the CRL reads back', async () => {
    const dir = tempDir();
    const office = await makeOffice();
    const revoked = await makeCommunity(office, '东湖社区');
    const kept = await makeCommunity(office, '西湖社区');
    const now = new Date();
    const crl = await issueSm2Crl(
      {
        issuer: office.name,
        issuerPublicKey: office.pair.publicKey,
        thisUpdate: new Date(now.getTime() - 60_000),
        nextUpdate: new Date(now.getTime() + 30 * day),
        number: 7,
        revoked: [{ serial: revoked.serial, revokedAt: now, reason: 'keyCompromise' }],
      },
      office.signer,
    );
    write(dir, 'ca.pem', certificatePem(office.signer));
    write(dir, 'office.crl', pem('X509 CRL', crl));
    expect(openssl(['crl', '-in', 'office.crl', '-CAfile', 'ca.pem', '-noout'], dir).out).toContain('verify OK');

    write(dir, 'leaf.pem', certificatePem(revoked.signer));
    const refused = verify(dir, '-crl_check', '-CRLfile', 'office.crl');
    expect(refused.ok).toBe(false);
    expect(refused.out).toContain('certificate revoked');
    write(dir, 'leaf.pem', certificatePem(kept.signer));
    expect(verify(dir, '-crl_check', '-CRLfile', 'office.crl').out).toContain('leaf.pem: OK');

    const read = readSm2Crl(crl);
    expect(read.revoked).toEqual([
      { serial: revoked.serial, revokedAt: new Date(Math.floor(now.getTime() / 1000) * 1000), reason: 'keyCompromise' },
    ]);
    expect(crlSignedBy(read, office.pair.publicKey)).toBe(true);
    expect(crlSignedBy(read, (await makeOffice()).pair.publicKey)).toBe(false);
    const text = openssl(['crl', '-in', 'office.crl', '-noout', '-text'], dir).out;
    expect(text).toMatch(/CRL Number:\s+7/);
    expect(text).toContain('Key Compromise');
  });
});
