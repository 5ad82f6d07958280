import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { AppError } from '../../shared/errors';

export type KeyAndCertificate = { keyPem: string; certificatePem: string; chainPems: string[] };

export type CertificateInfo = {
  subject: string;
  issuer: string;
  /** SHA-256 of the certificate, "AB:CD:…" as certificate viewers show it. */
  fingerprint: string;
  validFrom: string;
  validTo: string;
};

const utf8 = forge.asn1.Type.UTF8;

/** The certificate's subject: the residents' committee, its 街道 and district, as written on its seal. */
export type Holder = { name: string; subDistrict: string; district: string };

/**
 * A new signing identity: an RSA-3072 key from Node's crypto (off the main thread, usually under a second;
 * forge's pure-JS generator takes many seconds) and a self-signed certificate for ten years. Names are given to forge as plain strings tagged UTF8
 * so Chinese survives; keyUsage is what a signature over a record needs.
 */
export async function createIdentity(holder: Holder, now: Date): Promise<KeyAndCertificate> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 3072 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // A positive serial of 16 random bytes.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setFullYear(now.getFullYear() + 10);
  const names = [
    { shortName: 'C', value: 'CN' },
    { shortName: 'L', value: holder.district, valueTagClass: utf8 },
    { shortName: 'O', value: holder.subDistrict, valueTagClass: utf8 },
    { shortName: 'CN', value: `${holder.name}居民委员会`, valueTagClass: utf8 },
  ] as forge.pki.CertificateField[];
  cert.setSubject(names);
  cert.setIssuer(names);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { keyPem, certificatePem: forge.pki.certificateToPem(cert), chainPems: [] };
}

/** "CN=…, O=…" in reading order, from Node's parser (which decodes UTF-8 names correctly). */
const readableName = (name: string) => name.split('\n').reverse().join(', ');

export function certificateInfo(pem: string): CertificateInfo {
  const cert = new X509Certificate(pem);
  return {
    subject: readableName(cert.subject),
    issuer: readableName(cert.issuer),
    fingerprint: cert.fingerprint256,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
  };
}

/** The signer's common name, as people say it: "幸福社区居民委员会". */
export function commonName(pem: string): string {
  const subject = new X509Certificate(pem).subject;
  return /^CN=(.*)$/m.exec(subject)?.[1] ?? readableName(subject);
}

/** An encrypted P12 backup of the identity (AES-256, as current Windows and macOS import). */
export function toP12(identity: KeyAndCertificate, password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(identity.keyPem);
  const certs = [identity.certificatePem, ...identity.chainPems].map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, {
    algorithm: 'aes256',
    friendlyName: commonName(identity.certificatePem),
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/**
 * Read a P12 someone issued (for instance the sub-district): its key, the certificate that matches the key and
 * the issuers that came with it. A wrong password or a file that is not a P12 gets a clear error.
 */
export function fromP12(data: Buffer, password: string): KeyAndCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(data.toString('binary')), false, password);
  } catch (error) {
    const wrongPassword = /password|mac/i.test(String((error as Error).message));
    throw new AppError(wrongPassword ? 'p12_password' : 'p12_invalid');
  }
  const bags = (type: string | undefined): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type!] ?? [];
  const keyBag = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)][0];
  const certs = bags(forge.pki.oids.certBag).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key || !('n' in key)) throw new AppError('p12_invalid');
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!own) throw new AppError('p12_invalid');
  return {
    keyPem: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
    certificatePem: forge.pki.certificateToPem(own),
    chainPems: certs.filter((c) => c !== own).map((c) => forge.pki.certificateToPem(c)),
  };
}

/** The certificates in a run of concatenated PEM blocks. */
export const splitPems = (pems: string): string[] =>
  pems.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
