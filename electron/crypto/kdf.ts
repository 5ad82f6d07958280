import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

/**
 * Turning a passphrase into a key, for everything this app keeps under one: the signing key, the database key.
 *
 * scrypt from @noble/hashes, pure JS, so Electron's BoringSSL (whose scrypt and memory limits differ from
 * Node's OpenSSL) never decides whether a key opens. N = 2^17, r = 8, p = 1 is OWASP's minimum for scrypt: 128 MiB
 * and, measured here (Node 20, 2 cores, 2026-12), 0.64 s median with the machine lightly shared (load 2.5;
 * 2^16 took 0.35 s, 2^15 0.15 s) and 1.7 s with it crowded (load 11). Someone holding the file gets about
 * 1.5 guesses per second per core, where PBKDF2-2048 gave ~1,000. `npm run bench` re-measures it.
 */
export const kdfParams: KdfParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };

/**
 * The cost of a derivation, stored beside what it protects so it can grow: something sealed with less than
 * `kdfParams` is sealed again on the next successful open. Bounded, because the numbers come from a file
 * someone may have edited: N up to 2^20 (1 GiB) and no more.
 */
export const KdfParams = z.strictObject({
  name: z.literal('scrypt'),
  N: z
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N is a power of two'),
  r: z.int().min(1).max(16),
  p: z.int().min(1).max(4),
});
export type KdfParams = z.infer<typeof KdfParams>;

/** The stored form of a derivation's inputs besides the passphrase: its cost and its salt (base64). */
export const StoredKdf = KdfParams.extend({ salt: z.base64().min(16).max(64) });
export type StoredKdf = z.infer<typeof StoredKdf>;

/** Today's cost with a fresh 16-byte salt: what to store beside a new key. */
export const newKdf = (): StoredKdf => ({ ...kdfParams, salt: randomBytes(16).toString('base64') });

// NFC: the same passphrase typed through different input methods gives the same bytes.
const options = (params: KdfParams) => ({ N: params.N, r: params.r, p: params.p, dkLen: 32, maxmem: 2 ** 31 });
const text = (passphrase: string) => passphrase.normalize('NFC');

/** A 32-byte key from a passphrase. Yields to the event loop every 10 ms, so windows stay answered meanwhile. */
export async function derive(passphrase: string, salt: Uint8Array, params: KdfParams): Promise<Buffer> {
  return Buffer.from(await scryptAsync(text(passphrase), salt, options(KdfParams.parse(params))));
}

/** The same, blocking: for a start-up that cannot wait on a promise. */
export function deriveSync(passphrase: string, salt: Uint8Array, params: KdfParams): Buffer {
  return Buffer.from(scrypt(text(passphrase), salt, options(KdfParams.parse(params))));
}

/** Is this cost below what we would choose today? */
export const weakerThanNow = (params: KdfParams) =>
  params.N * params.r * params.p < kdfParams.N * kdfParams.r * kdfParams.p;

/**
 * What is stored: a JSON text with the KDF, its salt, and AES-256-GCM's nonce, ciphertext and tag (base64).
 * GCM's tag tells a wrong passphrase from a right one without any plaintext check of our own.
 */
const Sealed = z.strictObject({
  sealed: z.literal(1),
  kdf: StoredKdf,
  cipher: z.literal('aes-256-gcm'),
  iv: z.base64().length(16),
  data: z.base64(),
  tag: z.base64().length(24),
});

/** Is this stored text ours (and not, say, an older PEM)? */
export const isSealed = (stored: string) => {
  try {
    return Sealed.safeParse(JSON.parse(stored)).success;
  } catch {
    return false;
  }
};

/** Seal a secret under a passphrase, with today's cost and a fresh salt. */
export async function seal(secret: string, passphrase: string): Promise<string> {
  const kdf = newKdf();
  const key = await derive(passphrase, Buffer.from(kdf.salt, 'base64'), kdfParams);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return JSON.stringify({
    sealed: 1,
    kdf,
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    data: data.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  } satisfies z.infer<typeof Sealed>);
}

/**
 * Open what `seal` made. A wrong passphrase (or a changed byte) is `passphrase_wrong`; text that is not a sealed
 * secret at all, or asks for an absurd cost, is `key_unreadable`. `stale` says it should be sealed again.
 */
export async function unseal(stored: string, passphrase: string): Promise<{ secret: string; stale: boolean }> {
  let parsed: z.infer<typeof Sealed>;
  try {
    parsed = Sealed.parse(JSON.parse(stored));
  } catch {
    throw new AppError('key_unreadable');
  }
  const { salt, ...params } = parsed.kdf;
  const key = await derive(passphrase, Buffer.from(salt, 'base64'), params);
  try {
    // A 16-byte tag only: GCM would otherwise accept a forged short one.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.iv, 'base64'), { authTagLength: 16 });
    decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
    const secret = Buffer.concat([decipher.update(Buffer.from(parsed.data, 'base64')), decipher.final()]);
    return { secret: secret.toString('utf8'), stale: weakerThanNow(params) };
  } catch {
    throw new AppError('passphrase_wrong');
  }
}
