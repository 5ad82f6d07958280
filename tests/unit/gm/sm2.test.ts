import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { der, pem, unpem } from '../../../electron/records/gm/asn1';
import { softwareSigner } from '../../../electron/records/gm/signer';
import {
  generateSm2KeyPair,
  privateKeyInfo,
  publicKeyInfo,
  publicKeyOf,
  readPrivateKeyInfo,
  readPublicKeyInfo,
  sm2Sign,
  sm2Verify,
  sm3,
} from '../../../electron/records/gm/sm2';
import { distid, openssl, pkeyutlVerify, tempDir, write } from './tools';

const text = (value: string) => Buffer.from(value, 'utf8');
const readFile = (dir: string, name: string) => fs.readFileSync(path.join(dir, name));

describe('SM3 (GB/T 32905, GM/T 0004 examples)', () => {
  it("hashes the standard's two example messages to the published values", () => {
    expect(sm3(text('abc')).toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3(text('abcd'.repeat(16))).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('SM2 signature (GB/T 32918, GM/T 0003.5 example on the recommended curve)', () => {
  const d = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
  const k = BigInt('0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21');
  const key = { privateKey: d, publicKey: publicKeyOf(d) };

  it('derives the example public key and reproduces r and s exactly', () => {
    expect(key.publicKey).toBe(
      '04' +
        '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
        'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
    );
    const signature = sm2Sign(text('message digest'), key, { k });
    const [r, s] = [signature.subarray(5, 37), signature.subarray(40, 72)];
    expect(r.toString('hex')).toBe('f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3');
    expect(s.toString('hex')).toBe('b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa');
    expect(sm2Verify(text('message digest'), signature, key.publicKey)).toBe(true);
  });

  it('refuses a changed message, another ID, another key, a changed or re-encoded signature', () => {
    const signature = sm2Sign(text('message digest'), key);
    expect(sm2Verify(text('message digesT'), signature, key.publicKey)).toBe(false);
    expect(sm2Verify(text('message digest'), signature, key.publicKey, 'ALICE123@YAHOO.COM')).toBe(false);
    expect(sm2Verify(text('message digest'), signature, generateSm2KeyPair().publicKey)).toBe(false);
    for (let at = 0; at < signature.length; at += 1) {
      const changed = Buffer.from(signature);
      changed[at]! ^= 0x01;
      expect(sm2Verify(text('message digest'), changed, key.publicKey), `byte ${at}`).toBe(false);
    }
    // The same r and s with a long-form length: valid BER, not the DER that was signed.
    const longForm = Buffer.concat([Buffer.from([0x30, 0x81, signature[1]!]), signature.subarray(2)]);
    expect(sm2Verify(text('message digest'), longForm, key.publicKey)).toBe(false);
    expect(sm2Verify(text('message digest'), Buffer.concat([signature, Buffer.from([0])]), key.publicKey)).toBe(false);
  });
});

describe('SM2 against the OpenSSL 3.0 command line, both directions', () => {
  it('our signature verifies with openssl pkeyutl (SM3, distid 1234567812345678); a changed file does not', () => {
    const dir = tempDir();
    const pair = generateSm2KeyPair();
    const data = text('东湖社区 2026 年第 3 次议事会纪要');
    write(dir, 'data', data);
    write(dir, 'changed', text('东湖社区 2026 年第 4 次议事会纪要'));
    write(dir, 'pub.pem', pem('PUBLIC KEY', der(publicKeyInfo(pair.publicKey))));
    write(dir, 'sig', sm2Sign(data, pair));
    const verify = (file: string) => pkeyutlVerify(dir, 'pub.pem', file, 'sig');
    expect(verify('data')).toContain('Signature Verified Successfully');
    expect(verify('changed')).toContain('Signature Verification Failure');
  });

  it('a signature made by openssl pkeyutl -sign with an openssl key verifies with ours', () => {
    const dir = tempDir();
    expect(openssl(['genpkey', '-algorithm', 'SM2', '-out', 'key.pem'], dir).ok).toBe(true);
    expect(openssl(['pkey', '-in', 'key.pem', '-pubout', '-out', 'pub.pem'], dir).ok).toBe(true);
    const data = text('议定事项：同意在 5 号楼北侧建设充电桩。');
    write(dir, 'data', data);
    const signed = openssl(
      [
        'pkeyutl',
        '-sign',
        '-inkey',
        'key.pem',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        distid,
        '-in',
        'data',
        '-out',
        'sig',
      ],
      dir,
    );
    expect(signed.ok, signed.out).toBe(true);
    const publicKey = readPublicKeyInfo(unpem(readFile(dir, 'pub.pem'), 'PUBLIC KEY'));
    expect(sm2Verify(data, readFile(dir, 'sig'), publicKey)).toBe(true);
    expect(sm2Verify(text('议定事项：不同意。'), readFile(dir, 'sig'), publicKey)).toBe(false);
    // OpenSSL's PKCS#8 key reads as the same key pair, and signs for OpenSSL again.
    const pair = readPrivateKeyInfo(unpem(readFile(dir, 'key.pem'), 'PRIVATE KEY'));
    expect(pair.publicKey).toBe(publicKey);
    write(dir, 'sig2', sm2Sign(data, pair));
    const back = pkeyutlVerify(dir, 'pub.pem', 'data', 'sig2');
    expect(back).toContain('Signature Verified Successfully');
  });

  it('our PKCS#8 key is read by openssl as an SM2 key with the same public point', () => {
    const dir = tempDir();
    const pair = generateSm2KeyPair();
    write(dir, 'key.pem', pem('PRIVATE KEY', privateKeyInfo(pair)));
    const shown = openssl(['pkey', '-in', 'key.pem', '-text', '-noout'], dir).out.replace(/[\s:]/g, '');
    expect(shown).toContain('ASN1OIDSM2');
    expect(shown).toContain(pair.publicKey);
  });

  it('the software signer signs through the one signer interface', async () => {
    const pair = generateSm2KeyPair();
    const signer = softwareSigner(pair, Buffer.alloc(0));
    const signature = await signer.sign(text('x'));
    expect(sm2Verify(text('x'), signature, signer.publicKey)).toBe(true);
  });
});
