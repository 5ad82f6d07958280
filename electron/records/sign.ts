import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import type { KeyAndCertificate } from './identity';

/** Room for the CMS in the PDF: an RSA-3072 signature with its certificate chain fits with margin. */
export const signatureLength = 16_384;
export const subFilter = SUBFILTER_ETSI_CADES_DETACHED;

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
      key: forge.pki.privateKeyFromPem(this.identity.keyPem),
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

/** Fill the placeholder a RecordDocument left with the signature over the whole file. */
export function signPdf(pdf: Buffer, identity: KeyAndCertificate, signingTime: Date): Promise<Buffer> {
  return new SignPdf().sign(pdf, new IdentitySigner(identity), signingTime);
}
