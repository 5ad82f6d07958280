import { createHash } from 'node:crypto';
import { sm2, sm3 as sm3Hex } from 'sm-crypto-v2';
import { content, DerError, readNode } from '../der';
import {
  bits,
  der,
  explicit,
  int,
  objectId,
  octets,
  oids,
  parts,
  readBits,
  readOctets,
  readOid,
  seq,
  whole,
} from './asn1';

/**
 * SM2 (GB/T 32918) and SM3 (GB/T 32905) in pure JavaScript. Electron's crypto is BoringSSL, which has neither,
 * and Node's `crypto.sign` on an SM2-curve key is plain ECDSA, not SM2; so the app never asks node:crypto.
 */

/** GM/T 0009's default signer ID: what OpenSSL's `distid:1234567812345678` names. */
export const defaultSignerId = '1234567812345678';

/** Private key: 32 bytes hex. Public key: uncompressed point, "04" + x + y in hex. */
export type Sm2KeyPair = { privateKey: string; publicKey: string };

export const sm3 = (data: Uint8Array): Buffer => Buffer.from(sm3Hex(data), 'hex');

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export const publicKeyOf = (privateKey: string) => sm2.getPublicKeyFromPrivateKey(privateKey);

/** DER of a signature (SEQUENCE of r and s) from its 64 raw bytes. */
const signatureDer = (rs: Buffer) => der(seq(int(rs.subarray(0, 32)), int(rs.subarray(32))));

/**
 * r‖s from a DER signature, accepted only in its one canonical encoding: a signature with a changed length byte
 * or a padded integer is not the signature that was made.
 */
function rawSignature(signature: Uint8Array): Buffer | null {
  try {
    const bytes = Buffer.from(signature);
    const [r, s, ...rest] = parts(bytes, whole(bytes));
    if (!r || !s || rest.length || r.tag !== 0x02 || s.tag !== 0x02) return null;
    const fixed = (n: Buffer) => (n.length > 33 ? null : Buffer.concat([Buffer.alloc(32), n]).subarray(-32));
    const rs = [fixed(content(bytes, r)), fixed(content(bytes, s))];
    if (!rs[0] || !rs[1]) return null;
    const raw = Buffer.concat(rs as Buffer[]);
    return signatureDer(raw).equals(bytes) ? raw : null;
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

/**
 * SM2 signature with SM3 over Z‖data (GB/T 35276: Z from the signer ID and public key), DER-encoded.
 * `k` fixes the ephemeral key for the standard's worked example only; never pass it otherwise.
 */
export function sm2Sign(data: Uint8Array, key: Sm2KeyPair, options: { id?: string; k?: bigint } = {}): Buffer {
  const pointPool = options.k === undefined ? undefined : [ephemeral(options.k)];
  const hex = sm2.doSignature(data, key.privateKey, {
    hash: true,
    der: false,
    publicKey: key.publicKey,
    userId: options.id ?? defaultSignerId,
    pointPool,
  });
  return signatureDer(Buffer.from(hex, 'hex'));
}

function ephemeral(k: bigint) {
  const point = publicKeyOf(k.toString(16).padStart(64, '0'));
  return { k, x1: BigInt(`0x${point.slice(2, 66)}`) };
}

/**
 * Signatures already checked, by SHA-256 of what was checked: an office importing a community's reports checks
 * the same certificate and seal signatures in every bundle, and a pure-JS SM2 verification costs ~5 ms where
 * the rest of an OFD's check costs less. Bounded; the answer for the same bytes is always the same.
 */
const checked = new Map<string, boolean>();
const remembered = 2000;

export function sm2Verify(data: Uint8Array, signature: Uint8Array, publicKey: string, id = defaultSignerId): boolean {
  const key = createHash('sha256')
    .update(`${publicKey}\n${id}\n${Buffer.from(signature).toString('hex')}\n`)
    .update(data)
    .digest('hex');
  const known = checked.get(key);
  if (known !== undefined) return known;
  if (checked.size >= remembered) checked.clear();
  const answer = verifyOnce(data, signature, publicKey, id);
  checked.set(key, answer);
  return answer;
}

type Point = ReturnType<typeof sm2.precomputePublicKey>;

/**
 * Public keys already validated, as curve points with a 4-bit window precomputed: an office checks the same
 * community's key on every bundle's manifest and OFD, and the office's own key on every certificate and seal.
 * A fresh point costs a table of 256 doublings in each verification (~4.3 ms here); a kept one ~0.8 ms, after
 * ~11 ms once (window 8 saves nothing more and costs 38 ms). null: not a point on the curve. 74 KB a key
 * (measured), so at most ~5 MB.
 */
const points = new Map<string, Point | null>();
const keptPoints = 64;

function pointOf(publicKey: string): Point | null {
  const kept = points.get(publicKey);
  if (kept !== undefined) return kept;
  if (points.size >= keptPoints) points.clear();
  let point: Point | null;
  try {
    point = sm2.verifyPublicKey(publicKey) ? sm2.precomputePublicKey(publicKey, 4) : null;
  } catch {
    point = null;
  }
  points.set(publicKey, point);
  return point;
}

function verifyOnce(data: Uint8Array, signature: Uint8Array, publicKey: string, id: string): boolean {
  const raw = rawSignature(signature);
  const point = raw && pointOf(publicKey);
  if (!raw || !point) return false;
  try {
    return sm2.doVerifySignature(data, raw.toString('hex'), point, { hash: true, der: false, userId: id });
  } catch {
    return false;
  }
}

const algorithm = () => seq(objectId(oids.ecPublicKey), objectId(oids.sm2Curve));

/** SubjectPublicKeyInfo: id-ecPublicKey with the SM2 curve, as OpenSSL and GB/T 20518 certificates carry it. */
export const publicKeyInfo = (publicKey: string) => seq(algorithm(), bits(Buffer.from(publicKey, 'hex')));

/** The public key (hex) in a SubjectPublicKeyInfo, refusing any key that is not on the SM2 curve. */
export function readPublicKeyInfo(buffer: Buffer, node = whole(buffer)): string {
  const [alg, key] = parts(buffer, node);
  const [kind, curve] = parts(buffer, alg!);
  if (readOid(buffer, kind) !== oids.ecPublicKey || readOid(buffer, curve) !== oids.sm2Curve) {
    throw new DerError('not an SM2 key');
  }
  const point = readBits(buffer, key).toString('hex');
  if (point.length !== 130 || !onCurve(point)) throw new DerError('not a point on the SM2 curve');
  return point;
}

/** noble throws on a malformed encoding (a flipped prefix byte, say) rather than answering false. */
function onCurve(point: string): boolean {
  try {
    return sm2.verifyPublicKey(point);
  } catch {
    return false;
  }
}

/** PKCS#8 with the RFC 5915 ECPrivateKey inside: what `openssl pkey` reads and `openssl genpkey` writes. */
export const privateKeyInfo = (key: Sm2KeyPair) =>
  der(
    seq(
      int(0),
      algorithm(),
      octets(der(seq(int(1), octets(Buffer.from(key.privateKey, 'hex')), explicitKey(key.publicKey)))),
    ),
  );

const explicitKey = (publicKey: string) => explicit(1, bits(Buffer.from(publicKey, 'hex')));

export function readPrivateKeyInfo(pkcs8: Buffer): Sm2KeyPair {
  const [, alg, wrapped] = parts(pkcs8, whole(pkcs8));
  const [kind, curve] = parts(pkcs8, alg!);
  if (readOid(pkcs8, kind) !== oids.ecPublicKey || readOid(pkcs8, curve) !== oids.sm2Curve) {
    throw new DerError('not an SM2 key');
  }
  const inner = readOctets(pkcs8, wrapped);
  const [, secret] = parts(inner, readNode(inner));
  const privateKey = readOctets(inner, secret).toString('hex').padStart(64, '0');
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}
