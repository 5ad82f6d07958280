import { AppError } from '../../../../shared/errors';
import { DerError } from '../../der';
import { oids } from '../asn1';
import { readSealSignature, sealIntact, type Seal, type SealSignature } from '../seal';
import { sm2Verify, sm3 } from '../sm2';
import { readSm2Certificate, signedBy, type Sm2Certificate } from '../x509';
import { paths } from './package';
import { signaturesXml, signPaths } from './seal-ofd';
import { parseXml, type XmlNode } from './xml';
import { readOfdZip, ZipDamaged, type ReadEntry } from './zip';

/**
 * Check a sealed OFD as the PDF verifier checks a PDF: unsigned, tampered (with the reason), or intact with its
 * signer, seal and signing time. The reasons are the PDF's where they mean the same thing — a signed file that
 * changed is `digest_mismatch`, a file added after signing is `not_whole_document` — plus `package_damaged` for
 * the ZIP around the files (a header, checksum or the signature list that is not as written).
 */
export type OfdTamperReason =
  'digest_mismatch' | 'signature_invalid' | 'signature_unreadable' | 'not_whole_document' | 'package_damaged';

export type OfdCheck =
  | { state: 'unsigned' }
  | { state: 'tampered'; reason: OfdTamperReason; signer: Sm2Certificate | null; signedAt: Date | null }
  | {
      state: 'intact';
      signer: Sm2Certificate;
      seal: Seal;
      maker: Sm2Certificate;
      signedAt: Date;
      /** DocInfo's CustomDatas: our content hash, meeting and record kind. */
      custom: Record<string, string>;
    };

class Tampered extends Error {
  constructor(
    readonly reason: OfdTamperReason,
    readonly signed: SealSignature | null = null,
  ) {
    super(reason);
  }
}

const exempt = new Set([paths.signatures, signPaths.signature, signPaths.signedValue]);
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function readSigned(entries: Map<string, ReadEntry>): SealSignature {
  const value = entries.get(signPaths.signedValue);
  if (!value) throw new Tampered('package_damaged');
  try {
    return readSealSignature(value.data);
  } catch (error) {
    if (error instanceof DerError) throw new Tampered('signature_unreadable');
    throw error;
  }
}

function certificate(der: Buffer, signed: SealSignature): Sm2Certificate {
  try {
    return readSm2Certificate(der);
  } catch (error) {
    if (error instanceof DerError) throw new Tampered('signature_unreadable', signed);
    throw error;
  }
}

function references(signatureXml: Buffer, signed: SealSignature) {
  let info: XmlNode;
  try {
    info = (parseXml(signatureXml).Signature as XmlNode).SignedInfo as XmlNode;
  } catch {
    throw new Tampered('signature_unreadable', signed);
  }
  const refs = info.References as XmlNode | undefined;
  if (info.SignatureMethod !== oids.sm2WithSm3 || refs?.['@CheckMethod'] !== oids.sm3) {
    throw new Tampered('signature_unreadable', signed);
  }
  return list(refs.Reference as XmlNode[]).map((r) => ({
    file: String(r['@FileRef'] ?? '').replace(/^\//, ''),
    digest: String(r.CheckValue ?? ''),
  }));
}

function check(ofd: Buffer): OfdCheck {
  let read: ReadEntry[];
  try {
    read = readOfdZip(ofd);
  } catch (error) {
    if (error instanceof ZipDamaged) throw new Tampered('package_damaged');
    throw error;
  }
  const entries = new Map(read.map((e) => [e.name, e]));
  if (!entries.has(paths.ofd)) throw new Tampered('package_damaged');
  if (![...exempt].some((name) => entries.has(name))) return { state: 'unsigned' };
  if (!entries.get(paths.signatures)?.data.equals(signaturesXml())) throw new Tampered('package_damaged');

  const signed = readSigned(entries);
  const signatureXml = entries.get(signPaths.signature);
  if (!signatureXml || !sm3(signatureXml.data).equals(signed.dataHash)) throw new Tampered('digest_mismatch', signed);
  // The digests first (cheap), then the two SM2 signatures; a changed file is a changed file either way.
  const referenced = new Set<string>();
  for (const { file, digest } of references(signatureXml.data, signed)) {
    const entry = entries.get(file);
    if (!entry || sm3(entry.data).toString('base64') !== digest) throw new Tampered('digest_mismatch', signed);
    referenced.add(file);
  }
  if (!entries.get(signPaths.seal)?.data.equals(signed.seal.der)) throw new Tampered('digest_mismatch', signed);
  if ([...entries.keys()].some((name) => !referenced.has(name) && !exempt.has(name))) {
    throw new Tampered('not_whole_document', signed);
  }

  const signer = certificate(signed.signerCertificate, signed);
  if (!sm2Verify(signed.tbs, signed.signature, signer.publicKey)) throw new Tampered('signature_invalid', signed);
  if (!signed.seal.signerCertificates.some((c) => c.equals(signed.signerCertificate))) {
    throw new Tampered('signature_invalid', signed);
  }
  const maker = certificate(signed.seal.makerCertificate, signed);
  if (!sealIntact(signed.seal)) throw new Tampered('signature_invalid', signed);
  if (read.some((e) => !e.checksum)) throw new Tampered('package_damaged', signed);

  const docInfo = ((parseXml(entries.get(paths.ofd)!.data).OFD as XmlNode).DocBody as XmlNode).DocInfo as XmlNode;
  const custom = Object.fromEntries(
    list((docInfo.CustomDatas as XmlNode | undefined)?.CustomData as XmlNode[]).map((c) => [
      String(c['@Name']),
      String(c['#text'] ?? ''),
    ]),
  );
  return { state: 'intact', signer, seal: signed.seal, maker, signedAt: signed.signedAt, custom };
}

export function checkOfd(ofd: Buffer): OfdCheck {
  try {
    return check(ofd);
  } catch (error) {
    // A reader we rely on threw where it should have answered: the package cannot be checked, so it is not intact.
    if (!(error instanceof Tampered)) {
      if (error instanceof AppError) throw error;
      return { state: 'tampered', reason: 'package_damaged', signer: null, signedAt: null };
    }
    let signer: Sm2Certificate | null;
    try {
      signer = error.signed ? readSm2Certificate(error.signed.signerCertificate) : null;
    } catch {
      signer = null;
    }
    return { state: 'tampered', reason: error.reason, signer, signedAt: error.signed?.signedAt ?? null };
  }
}

/** Why an intact OFD is still not to be trusted by this office, or null when it is. */
export type SealDistrust = 'seal_maker_unknown' | 'signer_unknown' | 'seal_expired';

/**
 * Trust, as far as the seal goes: the seal was made by this office (its maker certificate is the office's CA
 * certificate), the signer's certificate was issued by that CA, and the signature falls within the seal's
 * validity. Certificate validity and revocation are the register's checks, the same as for PDFs.
 */
export function sealDistrust(
  check: Pick<Extract<OfdCheck, { state: 'intact' }>, 'maker' | 'seal' | 'signer' | 'signedAt'>,
  officeCa: Sm2Certificate,
): SealDistrust | null {
  if (check.maker.fingerprint !== officeCa.fingerprint || !sealIntact(check.seal)) return 'seal_maker_unknown';
  if (!signedBy(check.signer, officeCa.publicKey)) return 'signer_unknown';
  if (check.signedAt < check.seal.validFrom || check.signedAt > check.seal.validTo) return 'seal_expired';
  return null;
}
