import fs from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { pem } from '../../../electron/records/gm/asn1';
import {
  makeSeal,
  readSeal,
  readSealSignature,
  sealIntact,
  sealSignatureProblem,
  signWithSeal,
} from '../../../electron/records/gm/seal';
import { drawSealPicture, sealPictureFromUpload } from '../../../electron/records/gm/seal-picture';
import { sm3 } from '../../../electron/records/gm/sm2';
import { readSm2Certificate } from '../../../electron/records/gm/x509';
import { communitySeal, day, fonts, makeCommunity, makeOffice, openssl, pkeyutlVerify, tempDir, write } from './tools';

/** `openssl asn1parse` as lines of "depth type[:value]", and each element's offset and full length. */
function outline(dir: string, file: string) {
  const out = openssl(['asn1parse', '-inform', 'DER', '-in', file], dir).out;
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const match = /^\s*(\d+):d=(\d+)\s+hl=\s*(\d+)\s+l=\s*(\d+)\s+(?:prim|cons):\s+(.*?)\s*$/.exec(line);
      if (!match) throw new Error(`asn1parse: ${line}`);
      const [, offset, depth, header, length, rest] = match;
      const [, type, hexDump, value] = /^(.*?)\s*(?:(\[HEX DUMP\])?:(.*))?$/.exec(rest!)!;
      return {
        line: `${depth} ${type}${value !== undefined && !hexDump ? `:${value}` : ''}`,
        start: Number(offset),
        end: Number(offset) + Number(header) + Number(length),
      };
    });
}

/** Check an SM2 signature over bytes with OpenSSL, the key taken from a certificate by OpenSSL too. */
function opensslVerifies(dir: string, certificate: Buffer, data: Buffer, signature: Buffer) {
  write(dir, 'cert.pem', pem('CERTIFICATE', certificate));
  openssl(['x509', '-in', 'cert.pem', '-pubkey', '-noout', '-out', 'pub.pem'], dir);
  write(dir, 'signed.der', data);
  write(dir, 'sig.der', signature);
  return pkeyutlVerify(dir, 'pub.pem', 'signed.der', 'sig.der').includes('Signature Verified Successfully');
}

describe('GB/T 38540 electronic seal (SESeal v4), made by the office', () => {
  it("parses with openssl asn1parse as the standard's structure, and the maker's signature verifies with OpenSSL", async () => {
    const dir = tempDir();
    const office = await makeOffice();
    const { seal } = await communitySeal(office);
    write(dir, 'seal.esl', seal);
    const parsed = outline(dir, 'seal.esl');
    expect(parsed.map((p) => p.line)).toEqual([
      '0 SEQUENCE', // SESeal
      '1 SEQUENCE', //  eSealInfo
      '2 SEQUENCE', //   header
      '3 IA5STRING:ES',
      '3 INTEGER:04',
      '3 IA5STRING:Yishiting',
      '2 IA5STRING:DH-2026-0001', //   esID
      '2 SEQUENCE', //   property
      '3 INTEGER:01',
      '3 UTF8STRING:东湖社区居民委员会',
      '3 INTEGER:01', //    certListType: certificates
      '3 SEQUENCE',
      '4 OCTET STRING', //     the community's certificate
      '3 GENERALIZEDTIME:' + parsed[13]!.line.split(':')[1],
      '3 GENERALIZEDTIME:' + parsed[14]!.line.split(':')[1],
      '3 GENERALIZEDTIME:' + parsed[15]!.line.split(':')[1],
      '2 SEQUENCE', //   picture
      '3 IA5STRING:PNG',
      '3 OCTET STRING',
      '3 INTEGER:2A', //    42 mm
      '3 INTEGER:2A',
      '1 OCTET STRING', //  maker's (office's) certificate
      '1 OBJECT:SM2-with-SM3',
      '1 BIT STRING',
    ]);
    expect(parsed[13]!.line).toMatch(/^3 GENERALIZEDTIME:\d{14}Z$/);

    const read = readSeal(seal);
    expect(read.makerCertificate).toEqual(office.signer.certificate);
    expect(read.picture.data.subarray(1, 4).toString()).toBe('PNG');
    expect(sealIntact(read)).toBe(true);
    const info = seal.subarray(parsed[1]!.start, parsed[1]!.end);
    expect(opensslVerifies(dir, office.signer.certificate, info, read.signature)).toBe(true);
  });

  it('a seal whose name or picture was changed is no longer intact', async () => {
    const office = await makeOffice();
    const { seal } = await communitySeal(office);
    const renamed = Buffer.from(seal);
    const at = renamed.indexOf(Buffer.from('东湖'));
    renamed.set(Buffer.from('西湖'), at);
    expect(sealIntact(readSeal(renamed))).toBe(false);
    const repainted = Buffer.from(seal);
    repainted[readSeal(seal).der.indexOf(Buffer.from('IDAT')) + 40]! ^= 0xff;
    expect(sealIntact(readSeal(repainted))).toBe(false);
  });
});

describe('GB/T 38540 seal signature (SES_Signature v4), made by the community', () => {
  it('parses with openssl asn1parse as TBS_Sign + certificate + algorithm + signature; OpenSSL verifies it', async () => {
    const dir = tempDir();
    const office = await makeOffice();
    const { community, seal } = await communitySeal(office);
    const dataHash = sm3(Buffer.from('<ofd:Signature/>'));
    const signedAt = new Date();
    const signature = await signWithSeal(
      { seal, dataHash, propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml', signedAt },
      community.signer,
    );
    write(dir, 'SignedValue.dat', signature);
    const parsed = outline(dir, 'SignedValue.dat');
    const top = parsed.filter((p) => Number(p.line[0]) <= 2).map((p) => p.line);
    expect(top).toEqual([
      '0 SEQUENCE', // SES_Signature
      '1 SEQUENCE', //  toSign (TBS_Sign)
      '2 INTEGER:04', //   version
      '2 SEQUENCE', //   eseal: the seal exactly as the office made it
      top[4],
      '2 BIT STRING', //   dataHash
      '2 IA5STRING:/Doc_0/Signs/Sign_0/Signature.xml',
      '1 OCTET STRING', //  signer's certificate
      '1 OBJECT:SM2-with-SM3',
      '1 BIT STRING',
    ]);
    expect(top[4]).toMatch(/^2 GENERALIZEDTIME:\d{14}Z$/);
    const sealNode = parsed.find((p) => p.line === '2 SEQUENCE')!;
    expect(signature.subarray(sealNode.start, sealNode.end)).toEqual(seal);

    const read = readSealSignature(signature);
    expect(read.dataHash).toEqual(dataHash);
    expect(read.signerCertificate).toEqual(community.signer.certificate);
    expect(sealSignatureProblem(read)).toBeNull();
    const tbs = signature.subarray(parsed[1]!.start, parsed[1]!.end);
    expect(opensslVerifies(dir, community.signer.certificate, tbs, read.signature)).toBe(true);
  });

  it('says which step fails: another key signing with the seal, a changed seal, a seal out of date', async () => {
    const office = await makeOffice();
    const { community, seal } = await communitySeal(office);
    const input = { seal, dataHash: sm3(Buffer.from('x')), propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml' };
    // 西湖 holds a certificate from the same office, but the seal does not name it.
    const stranger = await makeCommunity(office, '西湖社区');
    const borrowed = await signWithSeal({ ...input, signedAt: new Date() }, stranger.signer);
    expect(sealSignatureProblem(readSealSignature(borrowed))).toBe('signature_invalid');

    const changed = Buffer.from(await signWithSeal({ ...input, signedAt: new Date() }, community.signer));
    changed[changed.indexOf(Buffer.from('Sign_0'))]! ^= 0x01;
    expect(sealSignatureProblem(readSealSignature(changed))).toBe('signature_invalid');

    const late = await signWithSeal({ ...input, signedAt: new Date(Date.now() + 4 * 365 * day) }, community.signer);
    expect(sealSignatureProblem(readSealSignature(late))).toBe('seal_expired');

    // The same seal re-made by another office is intact as a structure: whether its maker is trusted is the
    // verifier's question (see the OFD verifier's "untrusted").
    const forger = await makeOffice();
    const copied = await makeSeal(readSeal(seal), forger.signer);
    const read = readSealSignature(
      await signWithSeal({ ...input, seal: copied, signedAt: new Date() }, community.signer),
    );
    expect(sealSignatureProblem(read)).toBeNull();
    expect(readSm2Certificate(read.seal.makerCertificate).publicKey).toBe(forger.pair.publicKey);
  });
});

describe('the seal picture', () => {
  it('is drawn in the round form: red ring, star, name on the arc, 42 mm', async () => {
    const picture = drawSealPicture('东湖社区居民委员会', fonts);
    expect(picture).toMatchObject({ type: 'PNG', widthMm: 42, heightMm: 42 });
    const image = await loadImage(picture.data);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixel = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
    const c = image.width / 2;
    expect(pixel(c, Math.round(c * 0.025))).toEqual([215, 38, 30, 255]); // the ring at the top
    expect(pixel(c, c)).toEqual([215, 38, 30, 255]); // the star's centre
    expect(pixel(2, 2)[3]).toBe(0); // transparent outside the ring
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/seal-picture.png', picture.data);
  });

  it('an uploaded image is kept as PNG scaled to the seal size; a file that is not an image is refused', async () => {
    const canvas = createCanvas(2000, 1000);
    canvas.getContext('2d').fillRect(0, 0, 2000, 1000);
    const picture = await sealPictureFromUpload(canvas.toBuffer('image/jpeg'));
    expect(picture).toMatchObject({ type: 'PNG', widthMm: 42, heightMm: 21 });
    expect((await loadImage(picture!.data)).width).toBe(1000);
    expect(await sealPictureFromUpload(Buffer.from('not an image'))).toBeNull();
  });
});
