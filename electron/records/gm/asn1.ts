import * as asn1js from 'asn1js';
import { children, content, DerError, oid, readNode, type DerNode } from '../der';

/**
 * DER building on asn1js (it encodes UTF8String, OIDs, times and integers correctly, Chinese names included);
 * reading goes through our own `der.ts` walker, which keeps the exact bytes a signature was made over.
 */
export type Node = asn1js.AsnType;

export const oids = {
  ecPublicKey: '1.2.840.10045.2.1',
  sm2Curve: '1.2.156.10197.1.301',
  sm3: '1.2.156.10197.1.401',
  sm2WithSm3: '1.2.156.10197.1.501',
  /** GB/T 35275 SM2 cryptographic message syntax: data and signed data. */
  sm2Data: '1.2.156.10197.6.1.4.2.1',
  sm2SignedData: '1.2.156.10197.6.1.4.2.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  /** X.520 userid: the community's uid in its request and certificate, as in the RSA ones. */
  userId: '0.9.2342.19200300.100.1.1',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export const seq = (...value: Node[]) => new asn1js.Sequence({ value });
export const set = (...value: Node[]) => new asn1js.Set({ value });
export const objectId = (value: string) => new asn1js.ObjectIdentifier({ value });
export const utf8 = (value: string) => new asn1js.Utf8String({ value });
export const ia5 = (value: string) => new asn1js.IA5String({ value });
export const printable = (value: string) => new asn1js.PrintableString({ value });
export const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: bytes });
export const bits = (bytes: Uint8Array) => new asn1js.BitString({ valueHex: bytes });
export const bool = (value: boolean) => new asn1js.Boolean({ value });
export const nothing = () => new asn1js.Null();
/**
 * Bytes already encoded (a signed structure inside another) go in exactly as they are: asn1js would re-encode
 * a parsed value, and a signature is over the bytes, not the meaning.
 */
export function raw(encoded: Uint8Array): Node {
  const bytes = Uint8Array.from(encoded).buffer;
  const block = {
    toBER: (_sizeOnly?: boolean, writer?: { write(buffer: ArrayBuffer): void }) => {
      if (!writer) return bytes;
      writer.write(bytes);
      return new ArrayBuffer(0);
    },
  };
  return block as unknown as Node;
}

/** A non-negative INTEGER from a number or big-endian bytes (a leading zero is added when the top bit is set). */
export function int(value: number | Uint8Array): Node {
  if (typeof value === 'number') return new asn1js.Integer({ value });
  let bytes = Buffer.from(value);
  while (bytes.length > 1 && bytes[0] === 0 && !(bytes[1]! & 0x80)) bytes = bytes.subarray(1);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return new asn1js.Integer({ valueHex: bytes });
}

/** Whole seconds: DER (and RFC 5280) times carry no fraction. */
const seconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
export const utcTime = (date: Date) => new asn1js.UTCTime({ valueDate: seconds(date) });
export const generalizedTime = (date: Date) => new asn1js.GeneralizedTime({ valueDate: seconds(date) });
/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
export const x509Time = (date: Date) => (date.getUTCFullYear() < 2050 ? utcTime(date) : generalizedTime(date));

/** [n] EXPLICIT around one value. */
export const explicit = (tag: number, value: Node) =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: tag }, value: [value] });

export const der = (node: Node): Buffer => Buffer.from(node.toBER(false));

export function pem(label: string, bytes: Uint8Array): string {
  const body = Buffer.from(bytes)
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** The DER inside a PEM block with this label, or the bytes themselves when they are not PEM. */
export function unpem(data: Uint8Array | string, label: string): Buffer {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(text);
  if (match) return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  if (typeof data === 'string') throw new DerError(`no ${label}`);
  return Buffer.from(data);
}

/** Reading: a node's children, failing clearly when the structure is not what the standard says. */
export function parts(buffer: Buffer, node: DerNode, tag = 0x30): DerNode[] {
  if (node.tag !== tag) throw new DerError(`expected tag ${tag.toString(16)}, found ${node.tag.toString(16)}`);
  return children(buffer, node);
}

/** The one DER value that makes up the whole buffer: trailing bytes are a changed file, not padding. */
export function whole(buffer: Buffer): DerNode {
  const node = readNode(buffer);
  if (node.end !== buffer.length) throw new DerError('trailing bytes');
  return node;
}

export function expectTag(node: DerNode | undefined, tag: number): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected tag ${tag.toString(16)}`);
  return node;
}

export const readOid = (buffer: Buffer, node: DerNode | undefined) => oid(buffer, expectTag(node, 0x06));
export const readOctets = (buffer: Buffer, node: DerNode | undefined) => content(buffer, expectTag(node, 0x04));
export const readString = (buffer: Buffer, node: DerNode | undefined) => {
  if (!node || ![0x0c, 0x13, 0x16].includes(node.tag)) throw new DerError('expected a string');
  return content(buffer, node).toString(node.tag === 0x0c ? 'utf8' : 'latin1');
};
export const readInt = (buffer: Buffer, node: DerNode | undefined) => content(buffer, expectTag(node, 0x02));
export function readSmallInt(buffer: Buffer, node: DerNode | undefined): number {
  const bytes = readInt(buffer, node);
  if (bytes.length > 6) throw new DerError('integer too large');
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}
/** A BIT STRING's bytes (no unused bits allowed: every value we read is whole bytes). */
export function readBits(buffer: Buffer, node: DerNode | undefined): Buffer {
  const bytes = content(buffer, expectTag(node, 0x03));
  if (bytes[0] !== 0) throw new DerError('bit string with unused bits');
  return bytes.subarray(1);
}
