import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkOfd } from '../../../electron/records/gm/ofd/verify';
import { readOfdZip } from '../../../electron/records/gm/ofd/zip';
import { unpem } from '../../../electron/records/gm/asn1';
import { readSeal } from '../../../electron/records/gm/seal';
import { readSm2Certificate } from '../../../electron/records/gm/x509';
import { sealPemLabel } from '../../../electron/services/sm2-identity';
import { refusal, send } from '../helpers';
import { issuedPair, sm2Pair } from '../office';
import { openssl, tempDir, write } from './tools';

describe('SM2 identities issued by the office', () => {
  it('an RSA office adds an SM2 CA; a community requests, the office inspects and issues a certificate and a seal; both sit in the register beside the RSA one', async () => {
    const { office, community, sm2Request, sm2Issued } = await sm2Pair();
    const status = await send(office, 'identity:get', {});
    expect(status.sm2).toMatchObject({ state: 'installed', ca: true, name: '当湖街道办事处' });

    const inspected = await send(office, 'ca:inspect', { fileName: 'x.csr', data: sm2Request.data });
    expect(inspected).toMatchObject({ algorithm: 'sm2', name: '东湖社区', unit: '平湖市当湖街道东湖社区居民委员会' });
    // The community's uid travels in the SM2 request as in the RSA one.
    const rsaRequest = await send(community.core, 'identity:request', {});
    const uid = (await send(office, 'ca:inspect', { fileName: 'r.csr', data: rsaRequest.data })).communityUid;
    expect(inspected.communityUid).toBe(uid);

    const register = await send(office, 'ca:issued', {});
    expect(register.map((e) => [e.algorithm, e.status])).toEqual([
      ['sm2', 'active'],
      ['rsa', 'active'],
    ]);

    // The file: the community's certificate, the CA's, and the seal; OpenSSL verifies the chain.
    const file = Buffer.from(sm2Issued.data, 'base64').toString('latin1');
    const pems = file.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g)!;
    const dir = tempDir();
    write(dir, 'cert.pem', pems[0]!);
    write(dir, 'ca.pem', pems[1]!);
    const verified = openssl(['verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', 'ca.pem', 'cert.pem'], dir);
    expect(verified.out).toContain('cert.pem: OK');
    const seal = readSeal(unpem(file, sealPemLabel));
    expect(seal.name).toBe('东湖社区居民委员会');
    expect(seal.signerCertificates[0]!.equals(readSm2Certificate(pems[0]!).der)).toBe(true);
    expect(seal.makerCertificate.equals(readSm2Certificate(pems[1]!).der)).toBe(true);
    expect(seal.picture.type).toBe('PNG');

    const mine = await send(community.core, 'identity:get', {});
    expect(mine.current?.issuer).toContain('当湖街道办事处'); // the RSA identity is still there
    expect(mine.sm2).toMatchObject({
      state: 'installed',
      ca: false,
      name: '东湖社区居民委员会',
      seal: { name: '东湖社区居民委员会' },
    });
  }, 120_000);

  it('refuses plainly: an SM2 request before the office has an SM2 CA; a second SM2 CA; the office’s file without its seal', async () => {
    const { office, community } = await issuedPair();
    const request = await send(community.core, 'identity:requestSm2', {});
    expect(await refusal(office, 'ca:issue', { fileName: 'x.csr', data: request.data })).toMatchObject({
      code: 'sm2_ca_required',
    });
    await send(office, 'ca:createSm2', {});
    expect(await refusal(office, 'ca:createSm2', {})).toMatchObject({ code: 'sm2_ca_exists' });

    // The office's file without the seal in it is refused as a whole.
    const issued = await send(office, 'ca:issue', { fileName: 'x.csr', data: request.data });
    const refused = await refusal(community.core, 'identity:installCertificate', {
      fileName: 'x.crt',
      data: Buffer.from(
        Buffer.from(issued.data, 'base64')
          .toString('latin1')
          .replace(/-----BEGIN SES SEAL-----[\s\S]+?-----END SES SEAL-----\n?/, ''),
      ).toString('base64'),
    });
    expect(refused.code).toBe('seal_missing');
    expect(refused.message).toContain('电子印章');
  }, 120_000);
});

describe('sealed records', () => {
  it('the community’s OFD is sealed with its SES_Signature: valid here and at the office, the seal at the slot; the PDF shows the seal picture and pdfsig still says valid', async () => {
    const { office, community } = await sm2Pair();
    const { core, meeting } = community;
    const dir = tempDir();
    const ofdFile = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'ofd' });
    const ofd = Buffer.from(ofdFile.data, 'base64');
    const check = checkOfd(ofd);
    expect(check.state).toBe('intact');
    if (check.state !== 'intact') return;
    expect(check.seal.name).toBe('东湖社区居民委员会');
    const here = await send(core, 'record:verify', { fileName: 'm.ofd', data: ofdFile.data });
    expect(here).toMatchObject({
      verdict: 'valid',
      signer: { name: '东湖社区居民委员会' },
      match: { state: 'current' },
    });
    const there = await send(office, 'record:verify', { fileName: 'm.ofd', data: ofdFile.data });
    expect(there.verdict).toBe('valid');
    // Another office's SM2 CA does not vouch for it.
    const stranger = await issuedPair('西湖社区');
    await send(stranger.office, 'ca:createSm2', {});
    expect((await send(stranger.office, 'record:verify', { fileName: 'm.ofd', data: ofdFile.data })).verdict).toBe(
      'unknown_signer',
    );

    // The stamp annotation sits on the page and at the place of the 落款's seal slot.
    const signature = readOfdZip(ofd)
      .find((e) => e.name.endsWith('Signature.xml'))!
      .data.toString();
    expect(signature).toMatch(/<ofd:StampAnnot ID="1" PageRef="\d+" Boundary="[\d.]+ [\d.]+ 41.98\d* 41.98\d*"/);

    const pdf = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'pdf' });
    write(dir, 'minutes.pdf', Buffer.from(pdf.data, 'base64'));
    const sig = spawnSync('pdfsig', ['minutes.pdf'], { cwd: dir, encoding: 'utf8' }).stdout;
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(spawnSync('qpdf', ['--check', 'minutes.pdf'], { cwd: dir, encoding: 'utf8' }).stdout).toContain(
      'No syntax or stream encoding errors',
    );
    const images = spawnSync('pdfimages', ['-list', 'minutes.pdf'], { cwd: dir, encoding: 'utf8' }).stdout;
    expect(images.split('\n').filter((l) => /^\s+\d+\s+\d+\s+image/.test(l)).length).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
