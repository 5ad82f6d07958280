import { DerError, objectId, octets, derTime, sequence, setOf, tlv, time, type DerNode } from '../der';
import { oids, parts, readOctets, readOid, readSmallInt, whole } from './asn1';
import type { Sm2Signer } from './signer';
import { sm2Verify, sm3 } from './sm2';
import { readSm2Certificate, type Sm2Certificate } from './x509';

/**
 * GB/T 35275 SM2 signed data, detached: the PKCS#7 v1.5 SignedData shape with the SM OIDs — contentType
 * 1.2.156.10197.6.1.4.2.2, content type of what was signed 1.2.156.10197.6.1.4.2.1 (data), digest SM3
 * (1.2.156.10197.1.401), signature SM2 with SM3 (1.2.156.10197.1.501) over the DER of the signed attributes
 * (contentType, signingTime, messageDigest) with the standard's signer ID. Built and read here because
 * OpenSSL 3.0's `cms -sign` cannot do SM2 and Electron's BoringSSL knows neither SM2 nor SM3.
 */

const algorithm = (id: string) => sequence(objectId(id));
const attribute = (id: string, value: Buffer) => sequence(objectId(id), setOf(0x31, [value]));

/** The issuer name and serial INTEGER of a certificate, byte for byte as it carries them. */
function issuerAndSerial(certificate: Buffer): Buffer {
  const [tbs] = parts(certificate, whole(certificate));
  const [, serial, , issuer] = parts(certificate, tbs!);
  return sequence(issuer!.bytes, serial!.bytes);
}

/** Sign `data` (detached) with the signer's SM2 key: the DER of a ContentInfo holding SignedData. */
export async function sm2SignDetached(data: Uint8Array, signer: Sm2Signer, signedAt: Date): Promise<Buffer> {
  const certificate = Buffer.from(signer.certificate);
  const attributes = [
    attribute(oids.contentType, objectId(oids.sm2Data)),
    attribute(oids.signingTime, derTime(signedAt)),
    attribute(oids.messageDigest, octets(sm3(data))),
  ];
  const signedAttributes = setOf(0x31, attributes);
  const signature = await signer.sign(signedAttributes);
  const signerInfo = sequence(
    tlv(0x02, Buffer.from([1])),
    issuerAndSerial(certificate),
    algorithm(oids.sm3),
    // The same SET, tagged [0] IMPLICIT where it sits (RFC 2315 §9.2; GB/T 35275 §8.1.3).
    Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]),
    algorithm(oids.sm2WithSm3),
    octets(signature),
  );
  const signedData = sequence(
    tlv(0x02, Buffer.from([1])),
    setOf(0x31, [algorithm(oids.sm3)]),
    sequence(objectId(oids.sm2Data)),
    tlv(0xa0, certificate),
    setOf(0x31, [signerInfo]),
  );
  return sequence(objectId(oids.sm2SignedData), tlv(0xa0, signedData));
}

export type Sm2SignedCheck =
  | { state: 'intact'; certificate: Sm2Certificate; signedAt: string }
  | { state: 'invalid'; reason: 'signature_unreadable' | 'digest_mismatch' | 'signature_invalid' };

/** The attributes of a SignerInfo, by OID: each must appear once with one value. */
function readAttributes(buffer: Buffer, node: DerNode) {
  const found = new Map<string, DerNode>();
  for (const attr of parts(buffer, node, 0xa0)) {
    const [type, values, ...rest] = parts(buffer, attr);
    const id = readOid(buffer, type);
    const [value, ...more] = parts(buffer, values!, 0x31);
    if (rest.length || more.length || !value || found.has(id)) throw new DerError('attribute');
    found.set(id, value);
  }
  return found;
}

function readSigned(signed: Buffer, data: Uint8Array): Sm2SignedCheck {
  const [type, wrapped, ...trailing] = parts(signed, whole(signed));
  if (trailing.length || readOid(signed, type) !== oids.sm2SignedData) throw new DerError('not SM2 signed data');
  const [signedData, ...extra] = parts(signed, wrapped!, 0xa0);
  if (extra.length) throw new DerError('content');
  const [version, digests, contentInfo, ...rest] = parts(signed, signedData!);
  if (readSmallInt(signed, version) !== 1) throw new DerError('version');
  const digestIds = parts(signed, digests!, 0x31).map((d) => readOid(signed, parts(signed, d)[0]));
  if (digestIds.length !== 1 || digestIds[0] !== oids.sm3) throw new DerError('digest algorithm');
  const [contentType, detached] = parts(signed, contentInfo!);
  // Detached: what was signed travels beside it (the manifest), never inside.
  if (readOid(signed, contentType) !== oids.sm2Data || detached) throw new DerError('content info');
  const certificates = rest[0]?.tag === 0xa0 ? parts(signed, rest.shift()!, 0xa0) : [];
  if (rest[0]?.tag === 0xa1) rest.shift(); // CRLs: revocation is the office's register, not the sender's word
  const [signerInfos, ...after] = rest;
  const [info, ...others] = parts(signed, signerInfos!, 0x31);
  if (after.length || others.length || !info) throw new DerError('one signer');

  const [infoVersion, sid, digest, attributes, signatureAlgorithm, signatureNode, ...unsigned] = parts(signed, info);
  if (readSmallInt(signed, infoVersion) !== 1 || unsigned.some((n) => n.tag !== 0xa1)) throw new DerError('signer');
  if (readOid(signed, parts(signed, digest!)[0]) !== oids.sm3) throw new DerError('digest algorithm');
  if (readOid(signed, parts(signed, signatureAlgorithm!)[0]) !== oids.sm2WithSm3) throw new DerError('signature');
  const holder = certificates.find((c) => issuerAndSerial(c.bytes).equals(sid!.bytes));
  if (!holder) throw new DerError('signer certificate');
  const certificate = readSm2Certificate(holder.bytes);

  const found = readAttributes(signed, attributes!);
  const [contentTypeAttr, signingTime, messageDigest] = [oids.contentType, oids.signingTime, oids.messageDigest].map(
    (id) => found.get(id),
  );
  if (!contentTypeAttr || readOid(signed, contentTypeAttr) !== oids.sm2Data || !signingTime || !messageDigest) {
    throw new DerError('attributes');
  }
  if (signingTime.tag !== 0x17 && signingTime.tag !== 0x18) throw new DerError('signing time');
  const signedAt = time(signed, signingTime);
  if (!readOctets(signed, messageDigest).equals(sm3(data))) return { state: 'invalid', reason: 'digest_mismatch' };
  const signedAttributes = Buffer.concat([Buffer.from([0x31]), attributes!.bytes.subarray(1)]);
  if (!sm2Verify(signedAttributes, readOctets(signed, signatureNode), certificate.publicKey)) {
    return { state: 'invalid', reason: 'signature_invalid' };
  }
  return { state: 'intact', certificate, signedAt };
}

/** Check a detached SM2 signed data over `data`: who signed it and when, or why it does not stand. */
export function checkSm2Detached(signed: Uint8Array, data: Uint8Array): Sm2SignedCheck {
  try {
    return readSigned(Buffer.from(signed), data);
  } catch (error) {
    if (error instanceof DerError) return { state: 'invalid', reason: 'signature_unreadable' };
    throw error;
  }
}
