import { DerError } from '../der';
import { readSealSignature, sealIntact, signWithSeal, type Seal, type SealSignature } from './seal';
import { softwareSigner, type Sm2Sealer } from './signer';
import { sm2Verify, sm3 } from './sm2';
import { readSm2Certificate, type Sm2Certificate } from './x509';

/**
 * The SM2 seal signature of a sealed PDF: a GB/T 38540 SES_Signature whose TBS_Sign.dataHash is the SM3 of exactly
 * the bytes the PAdES signature's /ByteRange covers (the file without its /Contents), made with the community's
 * SM2 key and the SESeal the office issued. It travels as an unsigned attribute of the RSA SignerInfo (RFC 5652
 * §5.3 unsignedAttrs): the RSA signature covers only the signed attributes, so `pdfsig` still finds it valid and
 * the whole document signed, and the PDF keeps one signature dictionary and one revision.
 *
 * The attribute type: GB/T 38540 defines how a seal signature is embedded in OFD only, and GB/T 35275's OIDs
 * (1.2.156.10197.6.1.4.2.x) name content types, not attributes; the GM arc is not ours to allocate. So the type is
 * a UUID OID (ITU-T X.667: 2.25 followed by a UUID as one integer, unique without registering an arc) — UUID
 * 2366d5b5-0acd-41f7-8ef7-1ee66a8fb918 — whose single value is the SES_Signature's DER, unchanged.
 */
export const sealSignatureAttribute = '2.25.47056928628928592269092121980244572440';

/** The attribute type's DER (OBJECT IDENTIFIER): its 128-bit arc is beyond a JS number, so encoded here with BigInt. */
export const sealSignatureAttributeDer = (() => {
  const [, , arc] = sealSignatureAttribute.split('.');
  const groups: number[] = [];
  for (let v = BigInt(arc!); groups.length === 0 || v > 0n; v >>= 7n) {
    groups.unshift(Number(v & 0x7fn) | (groups.length ? 0x80 : 0));
  }
  const body = [2 * 40 + 25, ...groups];
  return Buffer.from([0x06, body.length, ...body]);
})();

/** TBS_Sign.propertyInfo of a PDF's seal signature: what dataHash was computed over. */
export const pdfPropertyInfo = 'PDF ByteRange';

/** The SES_Signature over a PDF's signed bytes (`signed`: the /ByteRange parts, concatenated). */
export function pdfSealSignature(signed: Buffer, sealer: Sm2Sealer, signedAt: Date): Promise<Buffer> {
  // Bytes that crossed to the worker arrive as plain Uint8Arrays.
  const signer = softwareSigner(sealer.key, Buffer.from(sealer.certificate));
  return signWithSeal(
    { seal: Buffer.from(sealer.seal), dataHash: sm3(signed), propertyInfo: pdfPropertyInfo, signedAt },
    signer,
  );
}

/** The reasons a PDF's seal signature is not as sealed: the PDF verifier's own words. */
export type PdfSealReason = 'digest_mismatch' | 'signature_invalid' | 'signature_unreadable';

export type PdfSealCheck =
  | { state: 'tampered'; reason: PdfSealReason; signer: Sm2Certificate | null; signedAt: Date | null }
  | { state: 'intact'; signer: Sm2Certificate; seal: Seal; maker: Sm2Certificate; signedAt: Date };

/**
 * Check one seal signature over the PDF's signed bytes, as an OFD's is checked (GB/T 38540 §7.3 steps that need
 * no trust decision): the hash is of these bytes, the SM2 signature over TBS_Sign verifies with the signer's
 * certificate, the seal names that certificate, and the seal is as its maker signed it. Whether the maker and
 * the signer are trusted, and the seal's validity, are the caller's (sealDistrust, the register).
 */
export function checkPdfSeal(der: Buffer, signed: Buffer): PdfSealCheck {
  let seal: SealSignature;
  let signer: Sm2Certificate;
  let maker: Sm2Certificate;
  try {
    seal = readSealSignature(der);
    signer = readSm2Certificate(seal.signerCertificate);
    maker = readSm2Certificate(seal.seal.makerCertificate);
  } catch (error) {
    if (error instanceof DerError)
      return { state: 'tampered', reason: 'signature_unreadable', signer: null, signedAt: null };
    throw error;
  }
  const tampered = (reason: PdfSealReason) => ({ state: 'tampered', reason, signer, signedAt: seal.signedAt }) as const;
  if (seal.propertyInfo !== pdfPropertyInfo || !seal.dataHash.equals(sm3(signed))) return tampered('digest_mismatch');
  if (!sm2Verify(seal.tbs, seal.signature, signer.publicKey)) return tampered('signature_invalid');
  if (!seal.seal.signerCertificates.some((c) => c.equals(seal.signerCertificate))) {
    return tampered('signature_invalid');
  }
  if (!sealIntact(seal.seal)) return tampered('signature_invalid');
  return { state: 'intact', signer, seal: seal.seal, maker, signedAt: seal.signedAt };
}
