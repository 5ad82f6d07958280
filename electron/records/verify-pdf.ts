import { createHash, verify, X509Certificate } from 'node:crypto';
import { sealKeys, type TamperReason } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { children, content, DerError, oid, readNode, time, type DerNode } from './der';

export type PdfCheck =
  | { state: 'unsigned' }
  | { state: 'tampered'; reason: TamperReason; certificate: X509Certificate | null; signedAt: string | null }
  | { state: 'intact'; certificate: X509Certificate; chain: X509Certificate[]; signedAt: string | null };

export type PdfSeal = { contentHash: string | null; meetingId: number | null; kind: string | null };

const oids = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
};
const digests: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

class Tampered extends Error {
  constructor(
    readonly reason: TamperReason,
    readonly certificate: X509Certificate | null = null,
    readonly signedAt: string | null = null,
  ) {
    super(reason);
  }
}

/** The last signature dictionary's byte range and the hex of its /Contents. */
function locateSignature(pdf: Buffer) {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const match = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
  if (!match) throw new Tampered('byte_range');
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b + 1 || text[b] !== '<' || text[c - 1] !== '>') throw new Tampered('byte_range');
  // Anything after the signed ranges was added later: the signature no longer covers the whole file.
  if (c + d !== pdf.length) throw new Tampered('not_whole_document');
  return { signed: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]), hex: text.slice(b + 1, c - 1) };
}

/** The CMS in /Contents: DER followed only by zero padding; anything else is a changed signature. */
function readCms(hex: string): Buffer {
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) throw new Tampered('signature_unreadable');
  const bytes = Buffer.from(hex, 'hex');
  const root = readNode(bytes);
  if (bytes.subarray(root.end).some((byte) => byte !== 0)) throw new Tampered('signature_unreadable');
  return bytes.subarray(0, root.end);
}

/** Check a CMS detached signature over `signed`, returning its certificate and signing time. */
function checkCms(cms: Buffer, signed: Buffer) {
  const root = readNode(cms);
  const [type, wrapped] = children(cms, root);
  if (!type || !wrapped || oid(cms, type) !== oids.signedData) throw new Tampered('signature_unreadable');
  const signedData = children(cms, children(cms, wrapped)[0]!);
  const certificates = signedData
    .filter((n) => n.tag === 0xa0)
    .flatMap((n) => children(cms, n))
    .map((n) => new X509Certificate(n.bytes));
  const signerInfo = children(cms, signedData.at(-1)!)[0];
  if (!signerInfo) throw new Tampered('signature_unreadable');
  const parts = children(cms, signerInfo);
  const [, sid, digestAlgorithm] = parts;
  const serial = content(cms, children(cms, sid!)[1]!).toString('hex').replace(/^00/, '').toUpperCase();
  const certificate = certificates.find((c) => c.serialNumber.toUpperCase().replace(/^00/, '') === serial);
  if (!certificate) throw new Tampered('signature_unreadable');
  const hash = digests[oid(cms, children(cms, digestAlgorithm!)[0]!)];
  const attributes = parts.find((n) => n.tag === 0xa0);
  const signature = parts.find((n) => n.tag === 0x04);
  if (!hash || !attributes || !signature) throw new Tampered('signature_unreadable', certificate);

  let messageDigest: Buffer | null = null;
  let signedAt: string | null = null;
  for (const attribute of children(cms, attributes)) {
    const [kind, values] = children(cms, attribute) as [DerNode, DerNode];
    const value = children(cms, values)[0]!;
    if (oid(cms, kind) === oids.messageDigest) messageDigest = content(cms, value);
    if (oid(cms, kind) === oids.signingTime) signedAt = time(cms, value);
  }
  if (!messageDigest || !createHash(hash).update(signed).digest().equals(messageDigest)) {
    throw new Tampered('digest_mismatch', certificate, signedAt);
  }
  // The signature is over the attributes as a SET (tag 0x31), not as the [0] they are stored under.
  const signedAttributes = Buffer.from(attributes.bytes);
  signedAttributes[0] = 0x31;
  if (!verify(hash, signedAttributes, certificate.publicKey, content(cms, signature))) {
    throw new Tampered('signature_invalid', certificate, signedAt);
  }
  return { certificate, chain: certificates.filter((c) => c !== certificate), signedAt };
}

export type DetachedCheck =
  | { state: 'tampered'; reason: TamperReason }
  | { state: 'intact'; certificate: X509Certificate; chain: X509Certificate[]; signedAt: string | null };

/** Check a detached CMS signature (a bundle's manifest.json.p7s) over the bytes it claims to sign. */
export function checkDetached(cms: Buffer, data: Buffer): DetachedCheck {
  try {
    return { state: 'intact', ...checkCms(Buffer.from(cms.subarray(0, readNode(cms).end)), data) };
  } catch (error) {
    if (error instanceof Tampered) return { state: 'tampered', reason: error.reason };
    if (!unreadable(error)) throw error;
    return { state: 'tampered', reason: 'signature_unreadable' };
  }
}

/** Errors of reading a damaged CMS: our DER walker's, or Node's when it meets what is not a certificate or key. */
const unreadable = (error: unknown) =>
  error instanceof DerError ||
  error instanceof TypeError ||
  error instanceof RangeError ||
  Boolean((error as { code?: string }).code?.startsWith('ERR_'));

/** Read and check the signature of a PDF: unsigned, changed since signing, or intact (with its signer). */
export function checkPdf(pdf: Buffer, name: string): PdfCheck {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('not_pdf', { name });
  try {
    const located = locateSignature(pdf);
    if (!located) return { state: 'unsigned' };
    return { state: 'intact', ...checkCms(readCms(located.hex), located.signed) };
  } catch (error) {
    if (error instanceof Tampered) return { state: 'tampered', ...error };
    // A CMS we cannot even walk was damaged (or never was one): either way the file is not as signed.
    if (!unreadable(error)) throw error;
    return { state: 'tampered', reason: 'signature_unreadable', certificate: null, signedAt: null };
  }
}

/** The hash and meeting a record of ours carries in its document information (direct or as a reference). */
export function readSeal(pdf: Buffer): PdfSeal {
  const text = pdf.toString('latin1');
  const value = (key: string): string | null => {
    const match = new RegExp(`/${key}\\s*(?:\\(([^)]*)\\)|(\\d+) 0 R)`).exec(text);
    if (!match) return null;
    if (match[1] !== undefined) return match[1];
    const object = new RegExp(`(?:^|\\s)${match[2]} 0 obj\\s*\\(([^)]*)\\)`).exec(text);
    return object?.[1] ?? null;
  };
  const hash = value(sealKeys.hash);
  const meeting = value(sealKeys.meeting);
  return {
    contentHash: hash && /^[0-9a-f]{64}$/.test(hash) ? hash : null,
    meetingId: meeting && /^\d{1,15}$/.test(meeting) ? Number(meeting) : null,
    kind: value(sealKeys.kind),
  };
}
