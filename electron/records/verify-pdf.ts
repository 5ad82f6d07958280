import { createHash, verify, type X509Certificate } from 'node:crypto';
import { parseCertificate } from './certificates';
import { sealKeys, type PdfModification, type TamperReason } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { children, content, DerError, oid, readNode, time, type DerNode } from './der';
import { checkPdfSeal, sealSignatureAttributeDer, type PdfSealCheck } from './gm/pdf-seal';

export type PdfCheck =
  | { state: 'unsigned' }
  | {
      state: 'tampered';
      reason: TamperReason;
      certificate: X509Certificate | null;
      signedAt: string | null;
      modified: PdfModification | null;
    }
  | {
      state: 'intact';
      certificate: X509Certificate;
      chain: X509Certificate[];
      signedAt: string | null;
      /**
       * The SM2 seal signature the CMS carries as an unsigned attribute (gm/pdf-seal.ts), checked over the same
       * signed bytes; null when it carries none (an RSA-only record). Its trust is judged by the caller.
       */
      sm2: PdfSealCheck | null;
    };

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

/** One signature dictionary: the bytes it signs, the hex of its /Contents, and where its revision ends. */
type Located = { signed: Buffer; hex: string; end: number };

/**
 * Every signature dictionary's byte range, in file order. Each must start at 0 and leave out exactly its own
 * /Contents; a range we cannot read is a changed signature, never one to skip.
 */
function locateSignatures(pdf: Buffer): Located[] {
  const text = pdf.toString('latin1');
  const found: Located[] = [];
  for (let at = text.indexOf('/ByteRange'); at >= 0; at = text.indexOf('/ByteRange', at + 1)) {
    const match = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
    if (!match) throw new Tampered('byte_range');
    const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
    if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length || text[b] !== '<' || text[c - 1] !== '>') {
      throw new Tampered('byte_range');
    }
    found.push({
      signed: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]),
      hex: text.slice(b + 1, c - 1),
      end: c + d,
    });
  }
  return found.sort((x, y) => x.end - y.end);
}

/**
 * Revisions are the file's parts ending in %%EOF (the first, then one per incremental update); a signature covering
 * up to `signedEnd` signed those that ended before it. Bytes after it that no %%EOF ends (appended data) are one
 * revision more: counting markers alone said "第 2 版（共 1 版）".
 */
function revisionsOf(pdf: Buffer, signedEnd: number) {
  const ends: number[] = [];
  for (let at = pdf.indexOf('%%EOF'); at >= 0; at = pdf.indexOf('%%EOF', at + 1)) ends.push(at);
  const signed = Math.max(ends.filter((e) => e < signedEnd).length, 1);
  const later = ends.filter((e) => e >= signedEnd);
  const last = later.at(-1);
  const open = last === undefined || !/^(\r\n|\r|\n)?$/.test(pdf.subarray(last + 5).toString('latin1'));
  return { added: signed + 1, count: signed + later.length + (open ? 1 : 0) };
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
    .map((n) => parseCertificate(n.bytes));
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

  // Unsigned attributes [1] are outside the RSA signature: only ours is read, and checked on its own.
  const unsigned = parts.find((n) => n.tag === 0xa1);
  const sealSignatures = (unsigned ? children(cms, unsigned) : []).flatMap((attribute) => {
    const [kind, values] = children(cms, attribute) as [DerNode, DerNode];
    return kind.bytes.equals(sealSignatureAttributeDer) ? children(cms, values).map((v) => Buffer.from(v.bytes)) : [];
  });

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
  return { certificate, chain: certificates.filter((c) => c !== certificate), signedAt, sealSignatures };
}

/** The one SM2 seal signature a record's CMS may carry; two are one too many (which would be the record's?). */
function sealCheck(sealSignatures: Buffer[], signed: Buffer): PdfSealCheck | null {
  if (sealSignatures.length === 0) return null;
  if (sealSignatures.length > 1)
    return { state: 'tampered', reason: 'signature_unreadable', signer: null, signedAt: null };
  return checkPdfSeal(sealSignatures[0]!, signed);
}

export type DetachedCheck =
  | { state: 'tampered'; reason: TamperReason }
  | { state: 'intact'; certificate: X509Certificate; chain: X509Certificate[]; signedAt: string | null };

/** Check a detached CMS signature (a bundle's manifest.json.p7s) over the bytes it claims to sign. */
export function checkDetached(cms: Buffer, data: Buffer): DetachedCheck {
  try {
    const { sealSignatures: _, ...checked } = checkCms(Buffer.from(cms.subarray(0, readNode(cms).end)), data);
    return { state: 'intact', ...checked };
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

const commonNameOf = (certificate: X509Certificate) =>
  /^CN=(.*)$/m.exec(certificate.subject)?.[1] ?? certificate.subject;

/** Who signed an addition, as its certificate names them; whether that signature holds does not matter here. */
function laterSigner(located: Located): string {
  try {
    return commonNameOf(checkCms(readCms(located.hex), located.signed).certificate);
  } catch (error) {
    if (error instanceof Tampered && error.certificate) return commonNameOf(error.certificate);
    if (error instanceof Tampered || unreadable(error)) return '?';
    throw error;
  }
}

/**
 * Read and check every signature of a PDF. The first one is the record's own; each must verify over its byte
 * range, and the first must cover the whole file: anything added after it (an incremental update overlaying
 * text, a form filled in, another signature) is "modified after signing" with the revision, whoever signed it.
 */
export function checkPdf(pdf: Buffer, name: string): PdfCheck {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('not_pdf', { name });
  try {
    const located = locateSignatures(pdf);
    if (located.length === 0) return { state: 'unsigned' };
    const [own, ...later] = located as [Located, ...Located[]];
    const { sealSignatures, ...first } = checkCms(readCms(own.hex), own.signed);
    if (own.end !== pdf.length) {
      const revisions = revisionsOf(pdf, own.end);
      return {
        state: 'tampered',
        reason: 'not_whole_document',
        certificate: first.certificate,
        signedAt: first.signedAt,
        modified: {
          revision: revisions.added,
          revisions: revisions.count,
          signers: later.map(laterSigner),
        },
      };
    }
    return { state: 'intact', ...first, sm2: sealCheck(sealSignatures, own.signed) };
  } catch (error) {
    if (error instanceof Tampered) return { state: 'tampered', ...error, modified: null };
    // A CMS we cannot even walk was damaged (or never was one): either way the file is not as signed.
    if (!unreadable(error)) throw error;
    return { state: 'tampered', reason: 'signature_unreadable', certificate: null, signedAt: null, modified: null };
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
