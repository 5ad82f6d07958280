import { createPublicKey, generateKeyPair, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { parseCertificate } from './certificates';
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

/** A community signs as its residents' committee; a sub-district as its office, whose certificate is a CA. */
export type Holder = { name: string; subDistrict: string; district: string; kind: 'community' | 'sub_district' };

const holderNames = (h: Holder) =>
  [
    { shortName: 'C', value: 'CN' },
    { shortName: 'L', value: h.district, valueTagClass: utf8 },
    { shortName: 'O', value: h.subDistrict, valueTagClass: utf8 },
    { shortName: 'CN', value: h.kind === 'community' ? `${h.name}居民委员会` : `${h.name}办事处`, valueTagClass: utf8 },
  ] as forge.pki.CertificateField[];

/** forge hands parsed UTF8String values back as UTF-8 bytes; decode them so they are encoded once when reused. */
const decodedNames = (fields: forge.pki.CertificateField[]) =>
  fields.map((f) => ({
    ...f,
    value:
      (f.valueTagClass as unknown) === utf8 && typeof f.value === 'string' ? forge.util.decodeUtf8(f.value) : f.value,
  })) as forge.pki.CertificateField[];

const serialNumber = () => '01' + randomBytes(15).toString('hex');
const forgePublicKey = (key: KeyObject) =>
  forge.pki.publicKeyFromPem(key.export({ type: 'spki', format: 'pem' }).toString());

function validFor(cert: forge.pki.Certificate, now: Date, years: number) {
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setFullYear(now.getFullYear() + years);
}

/**
 * A new signing identity: an RSA-3072 key from Node's crypto (off the main thread, usually under a second;
 * forge's pure-JS generator takes many seconds) and a self-signed certificate for ten years. Names are given to
 * forge as plain strings tagged UTF8 so Chinese survives. A community's keyUsage is what a signature over a
 * record needs; a sub-district's certificate is also a CA that issues its communities' certificates.
 */
export async function createIdentity(holder: Holder, now: Date): Promise<KeyAndCertificate> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 3072 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublicKey(publicKey);
  cert.serialNumber = serialNumber();
  validFor(cert, now, 10);
  cert.setSubject(holderNames(holder));
  cert.setIssuer(holderNames(holder));
  const ca = holder.kind === 'sub_district';
  cert.setExtensions([
    { name: 'basicConstraints', cA: ca, critical: ca },
    ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { keyPem, certificatePem: forge.pki.certificateToPem(cert), chainPems: [] };
}

/** X.520 userid: the community's uid in a request's and its certificate's subject, so the office binds it. */
const uidOid = '0.9.2342.19200300.100.1.1';

/**
 * 证书申请: the identity's names and public key, signed with its key (PKCS#10), carrying the community's uid:
 * the office registers the certificate for that community, and bundles naming another one are refused.
 */
export function certificateRequest(identity: KeyAndCertificate, communityUid: string): string {
  const cert = forge.pki.certificateFromPem(identity.certificatePem);
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forgePublicKey(createPublicKey(identity.keyPem));
  const names = decodedNames(cert.subject.attributes).filter((f) => f.type !== uidOid);
  csr.setSubject([
    ...names,
    { type: uidOid, value: communityUid, valueTagClass: utf8 } as unknown as forge.pki.CertificateField,
  ]);
  csr.sign(forge.pki.privateKeyFromPem(identity.keyPem), forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}

/** Read a request and check its signature: the key holder really asked for these names. */
function readRequest(csrPem: string): forge.pki.CertificateSigningRequest {
  try {
    const csr = forge.pki.certificationRequestFromPem(csrPem);
    if (!csr.verify() || !csr.publicKey) throw new Error('request signature');
    return csr;
  } catch {
    throw new AppError('csr_invalid');
  }
}

/** The names a request asks for: "CN=…, O=…" as people read them, its unit (L+O+CN) and its community's uid. */
export function requestSubject(csrPem: string) {
  const fields = decodedNames(readRequest(csrPem).subject.attributes);
  const value = (short: string) => String(fields.find((f) => f.shortName === short)?.value ?? '');
  const uid = String(fields.find((f) => f.type === uidOid)?.value ?? '');
  return {
    subject: [...fields]
      .reverse()
      .map((f) => `${f.type === uidOid ? 'UID' : f.shortName}=${String(f.value)}`)
      .join(', '),
    unit: value('L') + value('O') + value('CN'),
    communityName: value('CN').replace(/居民委员会$/, ''),
    communityUid: /^[0-9a-f-]{36}$/i.test(uid) ? uid.toLowerCase() : null,
  };
}

/**
 * The sub-district issues a community's certificate from its request: the request's names and key, our CA as
 * issuer, five years (never past the CA's own end), signing keyUsage only.
 */
export function issueCertificate(csrPem: string, ca: KeyAndCertificate, now: Date): string {
  const csr = readRequest(csrPem);
  return issueFor(csr.publicKey!, decodedNames(csr.subject.attributes), ca, now);
}

/**
 * A successor for a certificate this CA issued: the same key and names, the community's name (CN) replaced.
 * How the office renames a community — the uid in the subject stays, so the register keeps it one community.
 */
export function renamedCertificate(certificatePem: string, commonName: string, ca: KeyAndCertificate, now: Date) {
  const old = forge.pki.certificateFromPem(certificatePem);
  const names = decodedNames(old.subject.attributes).map((f) =>
    f.shortName === 'CN' ? ({ ...f, value: commonName } as forge.pki.CertificateField) : f,
  );
  return issueFor(old.publicKey as forge.pki.PublicKey, names, ca, now);
}

function issueFor(
  publicKey: forge.pki.PublicKey,
  subject: forge.pki.CertificateField[],
  ca: KeyAndCertificate,
  now: Date,
) {
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  validFor(cert, now, 5);
  if (cert.validity.notAfter > caCert.validity.notAfter) cert.validity.notAfter = caCert.validity.notAfter;
  cert.setSubject(subject);
  cert.setIssuer(decodedNames(caCert.subject.attributes));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** Does this certificate carry the public half of this key? */
export const certifiesKey = (certificatePem: string, keyPem: string) =>
  new X509Certificate(certificatePem).publicKey
    .export({ type: 'spki', format: 'der' })
    .equals(createPublicKey(keyPem).export({ type: 'spki', format: 'der' }));

/** "CN=…, O=…" in reading order, from Node's parser (which decodes UTF-8 names correctly). */
const readableName = (name: string) => name.split('\n').reverse().join(', ');

export function certificateInfo(pem: string): CertificateInfo {
  const cert = parseCertificate(pem);
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
  const subject = parseCertificate(pem).subject;
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

/** The certificates in a file as people send them: PEM blocks (one or a chain) or a single DER certificate. */
export function readCertificates(file: Buffer): string[] {
  const pems = splitPems(file.toString('latin1'));
  try {
    const found = pems.length ? pems : [new X509Certificate(file).toString()];
    return found.map((pem) => new X509Certificate(pem).toString());
  } catch {
    throw new AppError('certificate_invalid');
  }
}

/** The certificates in a run of concatenated PEM blocks. */
export const splitPems = (pems: string): string[] =>
  pems.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
