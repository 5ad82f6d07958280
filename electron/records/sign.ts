import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import forge from 'node-forge';
import type { KeyAndCertificate } from './identity';

/** Room for the CMS in the PDF: an RSA-3072 signature with its certificate chain fits with margin. */
export const signatureLength = 16_384;
export const subFilter = SUBFILTER_ETSI_CADES_DETACHED;

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2, note 1). */
const sha256DigestInfo = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * forge builds the CMS; the RSA operation itself is Node's (OpenSSL): forge's pure-JS RSA-3072 private-key
 * operation takes ~180 ms, Node's under 5. PKCS#1 v1.5 over the DigestInfo is exactly RSASSA-PKCS1-v1_5.
 */
function nodeRsaKey(keyPem: string) {
  const key = createPrivateKey(keyPem);
  return {
    sign: (md: forge.md.MessageDigest) =>
      privateEncrypt(
        { key, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([sha256DigestInfo, Buffer.from(md.digest().getBytes(), 'binary')]),
      ).toString('binary'),
  };
}

/**
 * CMS detached signature (SHA-256, RSA) over the PDF's byte ranges. node-forge re-encodes the issuer name inside
 * the signer info and would encode Chinese UTF-8 twice, which makes every verifier fail; decoding the parsed
 * values first makes it encode them once.
 */
class IdentitySigner extends Signer {
  constructor(private readonly identity: KeyAndCertificate) {
    super();
  }

  override sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const certificate = forge.pki.certificateFromPem(this.identity.certificatePem);
    for (const attribute of certificate.issuer.attributes) {
      if ((attribute.valueTagClass as unknown) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string') {
        attribute.value = forge.util.decodeUtf8(attribute.value);
      }
    }
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    p7.addCertificate(certificate);
    for (const pem of this.identity.chainPems) p7.addCertificate(pem);
    p7.addSigner({
      key: nodeRsaKey(this.identity.keyPem) as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    return Promise.resolve(Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary'));
  }
}

/** A detached CMS signature over any bytes (a bundle's manifest), made exactly as the PDFs' are. */
export function signDetached(data: Buffer, identity: KeyAndCertificate, signingTime: Date): Promise<Buffer> {
  return new IdentitySigner(identity).sign(data, signingTime);
}

/** Fill the placeholder a RecordDocument left with the signature over the whole file. */
export function signPdf(pdf: Buffer, identity: KeyAndCertificate, signingTime: Date): Promise<Buffer> {
  return new SignPdf().sign(pdf, new IdentitySigner(identity), signingTime);
}
