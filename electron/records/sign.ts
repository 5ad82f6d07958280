import { createHash, createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { children, derNull, derTime, integer, objectId, octets, readNode, sequence, setOf, tlv } from './der';
import { pdfSealSignature, sealSignatureAttributeDer } from './gm/pdf-seal';
import type { Sm2Sealer } from './gm/signer';
import type { KeyAndCertificate } from './identity';

/** Room for the CMS in the PDF: an RSA-3072 signature with its certificate chain fits with margin. */
export const signatureLength = 16_384;

/**
 * Room for a sealed record's CMS: the RSA one's, plus the SES_Signature in its unsigned attribute — the seal
 * (with its picture and both certificates inside), the signer's certificate again and ~200 bytes of structure.
 */
export const sealedSignatureLength = (sm2: Sm2Sealer) =>
  signatureLength + sm2.seal.length + sm2.certificate.length + 1_024;
export const subFilter = SUBFILTER_ETSI_CADES_DETACHED;

const oids = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  /** id-aa-signingCertificateV2 (RFC 5035), which the CAdES and PAdES baselines require. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const attribute = (type: string, value: Buffer) => sequence(objectId(type), setOf(0x31, [value]));

/** A certificate's issuer Name and serial INTEGER exactly as its DER has them (never re-encoded). */
export function issuerAndSerial(certificate: Buffer) {
  const [tbs] = children(certificate, readNode(certificate));
  const fields = children(certificate, tbs!);
  const at = fields[0]!.tag === 0xa0 ? 1 : 0; // [0] version, when present
  return { serial: fields[at]!.bytes, issuer: fields[at + 2]!.bytes };
}

/**
 * A CMS SignedData (RFC 5652), detached, SHA-256 with RSA, CAdES-BES: the signed attributes are content type,
 * signing time, message digest and ESS signing-certificate-v2 (the signer certificate's SHA-256 with its issuer
 * and serial), so the signature names the one certificate it was made with. Built here rather than with
 * node-forge: forge cannot carry that attribute, and it re-encodes Chinese UTF-8 names inside the signer
 * identifier (twice-encoded, which every verifier rejects); we copy the certificate's own bytes instead.
 */
function signedData(data: Buffer, identity: KeyAndCertificate, signingTime: Date, sealSignature?: Buffer): Buffer {
  const certificate = new X509Certificate(identity.certificatePem).raw;
  const chain = identity.chainPems.map((pem) => new X509Certificate(pem).raw);
  const { issuer, serial } = issuerAndSerial(certificate);
  const sha256 = sequence(objectId(oids.sha256));
  const essCertIdV2 = sequence(
    octets(createHash('sha256').update(certificate).digest()), // hashAlgorithm omitted: SHA-256 is the default
    sequence(sequence(tlv(0xa4, issuer)), serial), // issuerSerial: GeneralNames { directoryName [4] }, serial
  );
  const attributes = [
    attribute(oids.contentType, objectId(oids.data)),
    attribute(oids.signingTime, derTime(signingTime)),
    attribute(oids.messageDigest, octets(createHash('sha256').update(data).digest())),
    attribute(oids.signingCertificateV2, sequence(sequence(essCertIdV2))),
  ];
  // The signature is over the attributes as a SET; the signer info stores the same bytes under [0].
  const signature = sign('sha256', setOf(0x31, attributes), createPrivateKey(identity.keyPem));
  const signerInfo = sequence(
    integer(1),
    sequence(issuer, serial),
    sha256,
    setOf(0xa0, attributes),
    sequence(objectId(oids.rsaEncryption), derNull),
    octets(signature),
    // unsignedAttrs [1]: the SM2 seal signature, outside what the RSA signature covers (see gm/pdf-seal.ts).
    ...(sealSignature ? [setOf(0xa1, [sequence(sealSignatureAttributeDer, setOf(0x31, [sealSignature]))])] : []),
  );
  const content = sequence(
    integer(1),
    setOf(0x31, [sha256]),
    sequence(objectId(oids.data)),
    setOf(0xa0, [certificate, ...chain]),
    setOf(0x31, [signerInfo]),
  );
  return sequence(objectId(oids.signedData), tlv(0xa0, content));
}

class IdentitySigner extends Signer {
  constructor(
    private readonly identity: KeyAndCertificate,
    private readonly sm2: Sm2Sealer | null = null,
  ) {
    super();
  }

  /** `pdf` is what the /ByteRange covers: the RSA message digest and the SM2 seal's dataHash are both of it. */
  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const at = signingTime ?? new Date();
    const sealSignature = this.sm2 ? await pdfSealSignature(pdf, this.sm2, at) : undefined;
    return signedData(pdf, this.identity, at, sealSignature);
  }
}

/** A detached CMS signature over any bytes (a bundle's manifest), made exactly as the PDFs' are. */
export function signDetached(data: Buffer, identity: KeyAndCertificate, signingTime: Date): Promise<Buffer> {
  return new IdentitySigner(identity).sign(data, signingTime);
}

/**
 * Fill the placeholder a RecordDocument left with the signature over the whole file; with the community's SM2
 * sealer, the CMS also carries the SM2 seal signature over the same bytes.
 */
export function signPdf(
  pdf: Buffer,
  identity: KeyAndCertificate,
  signingTime: Date,
  sm2: Sm2Sealer | null = null,
): Promise<Buffer> {
  return new SignPdf().sign(pdf, new IdentitySigner(identity, sm2), signingTime);
}
