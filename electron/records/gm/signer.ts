import { sm2Sign, type Sm2KeyPair } from './sm2';

/**
 * Whoever holds an SM2 private key. Today a software key; a certified UKey (GM/T 0016 SKF) or a signing
 * server (GM/T 0029) can stand in by implementing these two members — nothing else in the app sees the key.
 */
export interface Sm2Key {
  /** Uncompressed public point, hex. */
  readonly publicKey: string;
  /** SM2 with SM3 over the bytes, DER-encoded (GB/T 35276); Z from `id`, the standard's default unless given. */
  sign(data: Uint8Array, id?: string): Promise<Buffer>;
}

/** A key with the certificate that names its holder: what signs seals, certificates, CRLs and records. */
export interface Sm2Signer extends Sm2Key {
  /** DER of the holder's certificate. */
  readonly certificate: Buffer;
}

export function softwareKey(key: Sm2KeyPair): Sm2Key {
  return { publicKey: key.publicKey, sign: (data, id) => Promise.resolve(sm2Sign(data, key, { id })) };
}

export const softwareSigner = (key: Sm2KeyPair, certificate: Buffer): Sm2Signer => ({
  ...softwareKey(key),
  certificate,
});

/**
 * The key, certificate and seal a sealed record is made with — plain data, because records are drawn in a worker
 * and a signer object (its functions) cannot cross to it; the record code makes the software signer there.
 */
export type Sm2Sealer = { key: Sm2KeyPair; certificate: Buffer; seal: Buffer };
