import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derive, deriveSync, kdfParams, seal, unseal } from '../../electron/crypto/kdf';

// Each derivation costs ~0.6 s here, several seconds when the machine is shared.
describe('the passphrase KDF', () => {
  it('is scrypt as OpenSSL computes it, at a cost of 128 MiB', async () => {
    const salt = Buffer.from('SodiumChloride');
    const small = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 } as const;
    // RFC 7914's vector, and Node's own scrypt (OpenSSL) as an independent implementation.
    expect((await derive('pleaseletmein', salt, small)).toString('hex')).toBe(
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2',
    );
    const ours = deriveSync('签名 密码 2026', salt, kdfParams);
    const openssl = scryptSync('签名 密码 2026', salt, 32, { ...kdfParams, maxmem: 2 ** 28 });
    expect(ours.equals(openssl)).toBe(true);
    expect(128 * kdfParams.N * kdfParams.r).toBeGreaterThanOrEqual(128 * 1024 * 1024);
  }, 60_000);

  it('seals with AES-256-GCM, tells a wrong passphrase and a changed byte, and refuses absurd stored costs', async () => {
    const stored = await seal('-----BEGIN PRIVATE KEY-----…', '东湖 议事 亭 2026');
    expect(JSON.parse(stored)).toMatchObject({ cipher: 'aes-256-gcm', kdf: { name: 'scrypt', N: kdfParams.N } });
    expect(stored).not.toContain('PRIVATE KEY');
    expect(await unseal(stored, '东湖 议事 亭 2026')).toEqual({ secret: '-----BEGIN PRIVATE KEY-----…', stale: false });
    await expect(unseal(stored, '东湖 议事 亭 2025')).rejects.toMatchObject({ code: 'passphrase_wrong' });

    const parsed = JSON.parse(stored);
    const flipped = Buffer.from(parsed.data, 'base64');
    flipped[0]! ^= 1;
    const changed = JSON.stringify({ ...parsed, data: flipped.toString('base64') });
    await expect(unseal(changed, '东湖 议事 亭 2026')).rejects.toMatchObject({ code: 'passphrase_wrong' });
    const shortTag = JSON.stringify({
      ...parsed,
      tag: Buffer.from(parsed.tag, 'base64').subarray(0, 4).toString('base64'),
    });
    await expect(unseal(shortTag, '东湖 议事 亭 2026')).rejects.toMatchObject({ code: 'key_unreadable' });
    // A file edited to ask for 2^30 × 16 × 128 bytes must not make us try.
    const greedy = JSON.stringify({ ...parsed, kdf: { ...parsed.kdf, N: 2 ** 30, r: 16 } });
    await expect(unseal(greedy, '东湖 议事 亭 2026')).rejects.toMatchObject({ code: 'key_unreadable' });
    await expect(unseal('-----BEGIN ENCRYPTED PRIVATE KEY-----', 'x')).rejects.toMatchObject({
      code: 'key_unreadable',
    });
  }, 60_000);

  it('says when something was sealed at a lower cost than today’s', async () => {
    const parsed = JSON.parse(await seal('secret', 'p'));
    // Re-seal the same way at 2^15 to stand in for an older version of the app.
    const { createCipheriv } = await import('node:crypto');
    const old = { ...parsed.kdf, N: 2 ** 15 };
    const key = deriveSync('p', Buffer.from(old.salt, 'base64'), { name: 'scrypt', N: old.N, r: old.r, p: old.p });
    const iv = Buffer.alloc(12, 1);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update('secret'), cipher.final()]);
    const stored = JSON.stringify({
      ...parsed,
      kdf: old,
      iv: iv.toString('base64'),
      data: data.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    });
    expect(await unseal(stored, 'p')).toEqual({ secret: 'secret', stale: true });
  }, 60_000);
});
