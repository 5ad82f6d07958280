import * as asn1js from 'asn1js';
import { createHash, randomBytes } from 'node:crypto';
import { content, DerError, readNode, time, type DerNode } from '../der';
import {
  bits,
  bool,
  der,
  explicit,
  int,
  objectId,
  octets,
  oids,
  parts,
  printable,
  raw,
  readBits,
  readInt,
  readOctets,
  readOid,
  readString,
  seq,
  set,
  unpem,
  utf8,
  whole,
  x509Time,
  type Node,
} from './asn1';
import type { Sm2Key } from './signer';
import { publicKeyInfo, readPublicKeyInfo, sm2Verify, sm3 } from './sm2';

/**
 * SM2-with-SM3 X.509 certificates (GB/T 20518), PKCS#10 requests and v2 CRLs, built and read here because
 * node-forge knows only RSA and Electron's X509Certificate (BoringSSL) cannot read an SM2 key. Everything is
 * checked by `openssl verify -vfyopt distid:1234567812345678` in the tests.
 */

export type NameKey = 'C' | 'L' | 'O' | 'OU' | 'CN' | 'UID';
/** A distinguished name in order, most significant first: [['C','CN'], ['O','某某街道'], ['CN','…']]. */
export type Name = [NameKey, string][];

const nameOids: Record<NameKey, string> = {
  C: oids.country,
  L: oids.locality,
  O: oids.organization,
  OU: oids.organizationalUnit,
  CN: oids.commonName,
  UID: oids.userId,
};
const nameKeys = new Map(Object.entries(nameOids).map(([key, id]) => [id, key as NameKey]));

/** Country codes are PrintableString; every other value UTF8String, so Chinese names read back as written. */
const encodeName = (name: Name) =>
  seq(...name.map(([key, value]) => set(seq(objectId(nameOids[key]), key === 'C' ? printable(value) : utf8(value)))));

function readName(buffer: Buffer, node: DerNode): Name {
  return parts(buffer, node).flatMap((rdn) =>
    parts(buffer, rdn, 0x31).map((attribute): [NameKey, string] => {
      const [type, value] = parts(buffer, attribute);
      const key = nameKeys.get(readOid(buffer, type));
      if (!key) throw new DerError('unknown name attribute');
      return [key, readString(buffer, value)];
    }),
  );
}

/** "CN=…, O=…" as people read a name: the most specific part first. */
export const readableName = (name: Name) =>
  [...name]
    .reverse()
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');

export const commonNameOf = (name: Name) => name.find(([key]) => key === 'CN')?.[1] ?? readableName(name);

const sm2WithSm3 = () => seq(objectId(oids.sm2WithSm3));

/** Sign a to-be-signed structure and wrap it as X.509 does: SEQUENCE { tbs, algorithm, BIT STRING }. */
async function signed(tbs: Node, key: Sm2Key, id?: string): Promise<Buffer> {
  const tbsDer = der(tbs);
  const signature = await key.sign(tbsDer, id);
  return der(seq(raw(tbsDer), sm2WithSm3(), bits(signature)));
}

export const keyUsages = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
] as const;
export type KeyUsage = (typeof keyUsages)[number];

/** keyUsage is a named BIT STRING: bit 0 is the top bit of the first byte, trailing zero bits dropped. */
function keyUsageBits(usages: readonly KeyUsage[]): Node {
  let value = 0;
  for (const usage of usages) value |= 0x80 >> keyUsages.indexOf(usage);
  let unused = 0;
  while (unused < 7 && !((value >> unused) & 1)) unused += 1;
  return new asn1js.BitString({ valueHex: new Uint8Array([value]), unusedBits: unused });
}

function readKeyUsage(bytes: Buffer): KeyUsage[] {
  const bitString = readNode(bytes);
  const value = content(bytes, bitString);
  const flags = value[1] ?? 0;
  return keyUsages.filter((_, i) => flags & (0x80 >> i));
}

const extension = (id: string, critical: boolean, value: Node) =>
  seq(objectId(id), ...(critical ? [bool(true)] : []), octets(der(value)));

/** Key identifier: the first 20 bytes of SM3 over the public key (RFC 5280 §4.2.1.2 leaves the method open). */
export const keyIdentifier = (publicKey: string) => sm3(Buffer.from(publicKey, 'hex')).subarray(0, 20);

export const serialNumber = () => Buffer.concat([Buffer.from([0x01]), randomBytes(15)]);

export type CertificateFields = {
  serial: Buffer;
  subject: Name;
  issuer: Name;
  notBefore: Date;
  notAfter: Date;
  publicKey: string;
  /** A CA certificate signs certificates and CRLs; a holder's signs records and seals. */
  ca: boolean;
  /** The issuer's public key, for the authority key identifier (its own key when self-signed). */
  issuerPublicKey: string;
};

/** An SM2 certificate signed by `issuerKey` (the CA's key, or the holder's own when self-signed). */
export function issueSm2Certificate(fields: CertificateFields, issuerKey: Sm2Key): Promise<Buffer> {
  const usage: KeyUsage[] = fields.ca
    ? ['digitalSignature', 'keyCertSign', 'cRLSign']
    : ['digitalSignature', 'nonRepudiation'];
  const extensions = [
    extension(oids.basicConstraints, fields.ca, fields.ca ? seq(bool(true)) : seq()),
    extension(oids.keyUsage, true, keyUsageBits(usage)),
    extension(oids.subjectKeyIdentifier, false, octets(keyIdentifier(fields.publicKey))),
    extension(oids.authorityKeyIdentifier, false, seq(implicitOctets(0, keyIdentifier(fields.issuerPublicKey)))),
  ];
  const tbs = seq(
    explicit(0, int(2)),
    int(fields.serial),
    sm2WithSm3(),
    encodeName(fields.issuer),
    seq(x509Time(fields.notBefore), x509Time(fields.notAfter)),
    encodeName(fields.subject),
    publicKeyInfo(fields.publicKey),
    explicit(3, seq(...extensions)),
  );
  return signed(tbs, issuerKey);
}

const implicitOctets = (tag: number, bytes: Uint8Array) =>
  new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: tag }, valueHex: bytes });

export type Sm2Certificate = {
  der: Buffer;
  tbs: Buffer;
  signature: Buffer;
  serial: string;
  issuer: Name;
  subject: Name;
  notBefore: Date;
  notAfter: Date;
  publicKey: string;
  ca: boolean;
  keyUsage: KeyUsage[] | null;
  subjectKeyId: Buffer | null;
  authorityKeyId: Buffer | null;
  /** SHA-256 of the DER, "AB:CD:…", as certificate viewers (and the office's register) show it. */
  fingerprint: string;
};

const hexSerial = (bytes: Buffer) =>
  bytes
    .toString('hex')
    .toUpperCase()
    .replace(/^(00)+(?=.)/, '');
export const fingerprintOf = (certificateDer: Uint8Array) =>
  createHash('sha256')
    .update(certificateDer)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?=.)/g, '$1:');

/** Read an SM2 certificate (PEM or DER). Throws DerError for anything that is not one. */
export function readSm2Certificate(data: Uint8Array | string): Sm2Certificate {
  const bytes = unpem(data, 'CERTIFICATE');
  const [tbsNode, algorithm, signatureNode] = parts(bytes, whole(bytes));
  checkAlgorithm(bytes, algorithm);
  const tbs = parts(bytes, tbsNode!);
  const [version, serial, innerAlgorithm, issuer, validity, subject, spki, ...rest] = tbs;
  if (version?.tag !== 0xa0 || readInt(bytes, children1(bytes, version))[0] !== 2) throw new DerError('not v3');
  checkAlgorithm(bytes, innerAlgorithm);
  const [notBefore, notAfter] = parts(bytes, validity!);
  const certificate: Sm2Certificate = {
    der: bytes,
    tbs: tbsNode!.bytes,
    signature: readBits(bytes, signatureNode),
    serial: hexSerial(readInt(bytes, serial)),
    issuer: readName(bytes, issuer!),
    subject: readName(bytes, subject!),
    notBefore: new Date(time(bytes, notBefore!)),
    notAfter: new Date(time(bytes, notAfter!)),
    publicKey: readPublicKeyInfo(bytes, spki),
    ca: false,
    keyUsage: null,
    subjectKeyId: null,
    authorityKeyId: null,
    fingerprint: fingerprintOf(bytes),
  };
  const extensions = rest.find((n) => n.tag === 0xa3);
  for (const ext of extensions ? parts(bytes, children1(bytes, extensions)) : []) {
    const [id, ...more] = parts(bytes, ext);
    const value = readOctets(bytes, more.at(-1));
    switch (readOid(bytes, id)) {
      case oids.basicConstraints: {
        const [flag] = parts(value, whole(value));
        certificate.ca = flag?.tag === 0x01 && value[flag.contentStart] === 0xff;
        break;
      }
      case oids.keyUsage:
        certificate.keyUsage = readKeyUsage(value);
        break;
      case oids.subjectKeyIdentifier:
        certificate.subjectKeyId = readOctets(value, whole(value));
        break;
      case oids.authorityKeyIdentifier: {
        const keyId = parts(value, whole(value)).find((n) => n.tag === 0x80);
        certificate.authorityKeyId = keyId ? content(value, keyId) : null;
        break;
      }
    }
  }
  return certificate;
}

function children1(buffer: Buffer, node: DerNode): DerNode {
  const [only, ...rest] = parts(buffer, node, node.tag);
  if (!only || rest.length) throw new DerError('expected one value');
  return only;
}

function checkAlgorithm(buffer: Buffer, node: DerNode | undefined) {
  const [id, ...params] = parts(buffer, node!);
  if (readOid(buffer, id) !== oids.sm2WithSm3 || params.some((p) => p.tag !== 0x05)) {
    throw new DerError('not SM2 with SM3');
  }
}

/** Did the holder of `issuerPublicKey` sign this certificate (or CRL, or request)? */
export const signedBy = (signedThing: { tbs: Buffer; signature: Buffer }, issuerPublicKey: string) =>
  sm2Verify(signedThing.tbs, signedThing.signature, issuerPublicKey);

/** 证书申请 (PKCS#10): the names asked for and the public key, signed with that key to prove it is held. */
export function sm2CertificateRequest(subject: Name, key: Sm2Key): Promise<Buffer> {
  const attributes = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [] });
  return signed(seq(int(0), encodeName(subject), publicKeyInfo(key.publicKey), attributes), key);
}

export type Sm2Request = { subject: Name; publicKey: string; der: Buffer };

/** Read a request and check its signature: the key holder really asked for these names. */
export function readSm2Request(data: Uint8Array | string): Sm2Request {
  const bytes = unpem(data, 'CERTIFICATE REQUEST');
  const [infoNode, algorithm, signatureNode] = parts(bytes, whole(bytes));
  checkAlgorithm(bytes, algorithm);
  const [version, subject, spki] = parts(bytes, infoNode!);
  if (readInt(bytes, version)[0] !== 0) throw new DerError('not a v1 request');
  const request = { subject: readName(bytes, subject!), publicKey: readPublicKeyInfo(bytes, spki), der: bytes };
  if (!signedBy({ tbs: infoNode!.bytes, signature: readBits(bytes, signatureNode) }, request.publicKey)) {
    throw new DerError('request signature');
  }
  return request;
}

/** RFC 5280 §5.3.1 reason codes the office may give. */
export const revocationReasons = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
} as const;
export type RevocationReason = keyof typeof revocationReasons;

export type Revocation = { serial: string; revokedAt: Date; reason: RevocationReason };

export type CrlFields = {
  issuer: Name;
  issuerPublicKey: string;
  thisUpdate: Date;
  nextUpdate: Date;
  number: number;
  revoked: Revocation[];
};

/**
 * OpenSSL 3.0 checks a CRL's SM2 signature with an empty signer ID (its `-vfyopt distid:` reaches certificates
 * only), so a CRL signed with GB/T 35276's default ID fails `openssl verify -crl_check` for every certificate.
 * Our CRLs are signed with the empty ID so that independent check works; `crlSignedBy` accepts either ID.
 */
export const crlSignerId = '';

/** A v2 CRL signed with SM2, as `openssl crl -verify` and `openssl verify -crl_check` read it. */
export function issueSm2Crl(fields: CrlFields, caKey: Sm2Key): Promise<Buffer> {
  const entries = fields.revoked.map((r) =>
    seq(
      int(Buffer.from(r.serial.length % 2 ? `0${r.serial}` : r.serial, 'hex')),
      x509Time(r.revokedAt),
      seq(extension(oids.crlReason, false, new asn1js.Enumerated({ value: revocationReasons[r.reason] }))),
    ),
  );
  const tbs = seq(
    int(1),
    sm2WithSm3(),
    encodeName(fields.issuer),
    x509Time(fields.thisUpdate),
    x509Time(fields.nextUpdate),
    ...(entries.length ? [seq(...entries)] : []),
    explicit(
      0,
      seq(
        extension(oids.authorityKeyIdentifier, false, seq(implicitOctets(0, keyIdentifier(fields.issuerPublicKey)))),
        extension(oids.crlNumber, false, int(fields.number)),
      ),
    ),
  );
  return signed(tbs, caKey, crlSignerId);
}

/** Did the CA with this key sign this CRL (with the ID OpenSSL uses, or the standard's default)? */
export const crlSignedBy = (crl: Sm2Crl, caPublicKey: string) =>
  sm2Verify(crl.tbs, crl.signature, caPublicKey, crlSignerId) || signedBy(crl, caPublicKey);

export type Sm2Crl = {
  der: Buffer;
  tbs: Buffer;
  signature: Buffer;
  issuer: Name;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: Revocation[];
};

const reasonNames = new Map<number, RevocationReason>(
  Object.entries(revocationReasons).map(([name, code]) => [code, name as RevocationReason]),
);

export function readSm2Crl(data: Uint8Array | string): Sm2Crl {
  const bytes = unpem(data, 'X509 CRL');
  const [tbsNode, algorithm, signatureNode] = parts(bytes, whole(bytes));
  checkAlgorithm(bytes, algorithm);
  const [version, innerAlgorithm, issuer, thisUpdate, ...rest] = parts(bytes, tbsNode!);
  if (readInt(bytes, version)[0] !== 1) throw new DerError('not a v2 CRL');
  checkAlgorithm(bytes, innerAlgorithm);
  const isTime = (n?: DerNode) => n?.tag === 0x17 || n?.tag === 0x18;
  const nextUpdate = isTime(rest[0]) ? rest.shift()! : null;
  const list = rest[0]?.tag === 0x30 ? parts(bytes, rest[0]) : [];
  return {
    der: bytes,
    tbs: tbsNode!.bytes,
    signature: readBits(bytes, signatureNode),
    issuer: readName(bytes, issuer!),
    thisUpdate: new Date(time(bytes, thisUpdate!)),
    nextUpdate: nextUpdate ? new Date(time(bytes, nextUpdate)) : null,
    revoked: list.map((entry) => {
      const [serial, date, extensions] = parts(bytes, entry);
      let reason: RevocationReason = 'unspecified';
      for (const ext of extensions ? parts(bytes, extensions) : []) {
        const [id, ...more] = parts(bytes, ext);
        if (readOid(bytes, id) !== oids.crlReason) continue;
        const value = readOctets(bytes, more.at(-1));
        reason = reasonNames.get(content(value, whole(value))[0] ?? 0) ?? 'unspecified';
      }
      return { serial: hexSerial(readInt(bytes, serial)), revokedAt: new Date(time(bytes, date!)), reason };
    }),
  };
}
