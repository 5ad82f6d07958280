import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Sm2Info } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { DerError } from '../records/der';
import { pem, unpem } from '../records/gm/asn1';
import { makeSeal, officialSealType, readSeal, sealIntact, type SealPicture } from '../records/gm/seal';
import { drawSealPicture, sealPictureFromUpload } from '../records/gm/seal-picture';
import { softwareKey, softwareSigner } from '../records/gm/signer';
import { generateSm2KeyPair, publicKeyOf, type Sm2KeyPair } from '../records/gm/sm2';
import {
  commonNameOf,
  issueSm2Certificate,
  readableName,
  readSm2Certificate,
  readSm2Request,
  serialNumber,
  signedBy,
  sm2CertificateRequest,
  type Name,
  type Sm2Certificate,
} from '../records/gm/x509';
import type { FontFiles } from '../records/font-files';
import { splitPems } from '../records/identity';

/**
 * The SM2 identity kept beside the RSA one. Its key is sealed (AES-256-GCM) under a key derived from the RSA
 * private key of the same signing identity, so it is unlocked exactly when that is — by safeStorage or the
 * secretary's passphrase — and there is no second secret to remember. Everything SM is pure JS (sm-crypto-v2):
 * Electron's BoringSSL has neither SM2 nor SM3.
 */
const wrapKey = (rsaKeyPem: string) => createHash('sha256').update('yishiting sm2 key v1\n').update(rsaKeyPem).digest();

export function sealSm2Key(rsaKeyPem: string, pair: Sm2KeyPair): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrapKey(rsaKeyPem), iv);
  const body = Buffer.concat([cipher.update(pair.privateKey, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openSm2Key(rsaKeyPem: string, stored: string): Sm2KeyPair {
  const bytes = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', wrapKey(rsaKeyPem), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  const privateKey = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/** PEM label of a seal inside the file the office hands over with the SM2 certificate. */
export const sealPemLabel = 'SES SEAL';

/** The names an RSA certificate's subject carries, as an SM2 Name (UID last, as the RSA request has it). */
export function nameFromSubject(subject: string): Name {
  const order = ['C', 'L', 'O', 'OU', 'CN', 'UID'] as const;
  const fields = new Map(
    subject.split('\n').map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as const;
    }),
  );
  return order.flatMap((key) => (fields.get(key) ? [[key, fields.get(key)!] as [typeof key, string]] : []));
}

const value = (name: Name, key: string) => name.find(([k]) => k === key)?.[1] ?? '';
export const unitOf = (name: Name) => value(name, 'L') + value(name, 'O') + value(name, 'CN');

/** A self-signed SM2 CA for the office, ten years, under the names of its RSA CA. */
export async function makeSm2Authority(name: Name, now: Date) {
  const pair = generateSm2KeyPair();
  const certificate = await issueSm2Certificate(
    {
      serial: serialNumber(),
      subject: name,
      issuer: name,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 10 * 365.25 * 86_400_000),
      publicKey: pair.publicKey,
      ca: true,
      issuerPublicKey: pair.publicKey,
    },
    softwareKey(pair),
  );
  return { pair, certificatePem: pem('CERTIFICATE', certificate) };
}

/** The community's SM2 request: the same names and uid as its RSA one, signed with the SM2 key. */
export async function sm2Request(name: Name, pair: Sm2KeyPair): Promise<string> {
  return pem('CERTIFICATE REQUEST', await sm2CertificateRequest(name, softwareKey(pair)));
}

/** Is this a PKCS#10 request with an SM2 key (else it is an RSA one, or not a request at all)? */
export function readSm2RequestOrNull(csrPem: string) {
  try {
    return readSm2Request(csrPem);
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

export function readSm2CertificateOrNull(certificatePem: string): Sm2Certificate | null {
  try {
    return readSm2Certificate(certificatePem);
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

/** The inspect answer for an SM2 request, in the RSA one's terms. */
export function sm2RequestSubject(csrPem: string) {
  const request = readSm2RequestOrNull(csrPem);
  if (!request) return null;
  const uid = value(request.subject, 'UID');
  return {
    request,
    subject: readableName(request.subject),
    unit: unitOf(request.subject),
    communityName: value(request.subject, 'CN').replace(/居民委员会$/, ''),
    communityUid: /^[0-9a-f-]{36}$/i.test(uid) ? uid.toLowerCase() : null,
  };
}

export type Sm2Authority = { pair: Sm2KeyPair; certificatePem: string };

/**
 * Issue the community's SM2 certificate (five years, never past the CA's end) and its SESeal: seal id, the
 * unit's name, validity, the certificate bound in, and the picture (drawn from the unit name, or the office's
 * upload), signed by the office's SM2 key. Returns the file the community installs: its certificate, the CA's,
 * and the seal, as three PEM blocks.
 */
export async function issueSm2(
  csrPem: string,
  authority: Sm2Authority,
  now: Date,
  fonts: FontFiles,
  upload: Buffer | undefined,
): Promise<{ certificatePem: string; certificate: Sm2Certificate; seal: Buffer; file: string }> {
  const request = readSm2RequestOrNull(csrPem);
  if (!request) throw new AppError('csr_invalid');
  const ca = readSm2Certificate(authority.certificatePem);
  const notAfter = new Date(Math.min(now.getTime() + 5 * 365.25 * 86_400_000, ca.notAfter.getTime()));
  const der = await issueSm2Certificate(
    {
      serial: serialNumber(),
      subject: request.subject,
      issuer: ca.subject,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter,
      publicKey: request.publicKey,
      ca: false,
      issuerPublicKey: authority.pair.publicKey,
    },
    softwareKey(authority.pair),
  );
  const certificate = readSm2Certificate(der);
  const unitName = value(request.subject, 'CN');
  let picture: SealPicture;
  if (upload) {
    const uploaded = await sealPictureFromUpload(upload);
    if (!uploaded) throw new AppError('seal_picture_invalid');
    picture = uploaded;
  } else {
    picture = drawSealPicture(unitName, fonts);
  }
  const seal = await makeSeal(
    {
      id: `${certificate.serial.slice(0, 16)}`,
      name: unitName,
      type: officialSealType,
      signerCertificates: [der],
      createdAt: now,
      validFrom: certificate.notBefore,
      validTo: certificate.notAfter,
      picture,
    },
    softwareSigner(authority.pair, ca.der),
  );
  const certificatePem = pem('CERTIFICATE', der);
  return {
    certificatePem,
    certificate,
    seal,
    file: certificatePem + authority.certificatePem + pem(sealPemLabel, seal),
  };
}

/** What the community installs from the office's file: its SM2 certificate for its key, the CA, the seal. */
export function readSm2Install(file: string, pair: Sm2KeyPair) {
  const certificates = splitPems(file).flatMap((p) => {
    const c = readSm2CertificateOrNull(p);
    return c ? [{ pem: p, certificate: c }] : [];
  });
  if (!certificates.length) return null;
  const own = certificates.find((c) => c.certificate.publicKey === pair.publicKey);
  if (!own) throw new AppError('certificate_mismatch');
  const issuer = certificates.find((c) => c.certificate.ca && signedBy(own.certificate, c.certificate.publicKey));
  if (!issuer) throw new AppError('certificate_invalid');
  const block = new RegExp(`-----BEGIN ${sealPemLabel}-----[\\s\\S]+?-----END ${sealPemLabel}-----`).exec(file);
  if (!block) throw new AppError('seal_missing');
  const seal = unpem(block[0], sealPemLabel);
  let parsed;
  try {
    parsed = readSeal(seal);
  } catch (error) {
    if (error instanceof DerError) throw new AppError('seal_missing');
    throw error;
  }
  const bound = parsed.signerCertificates.some((c) => c.equals(own.certificate.der));
  if (!bound || !sealIntact(parsed) || !parsed.makerCertificate.equals(issuer.certificate.der)) {
    throw new AppError('seal_missing');
  }
  return { certificatePem: own.pem, chainPem: issuer.pem, seal };
}

/** What the screens show of an SM2 identity: the certificate and, for a community, its seal. */
export function sm2Info(certificatePem: string | null, seal: Buffer | null, unlocked: boolean): Sm2Info {
  if (!certificatePem) return { state: 'requested', unlocked };
  const c = readSm2Certificate(certificatePem);
  const parsed = seal ? readSeal(seal) : null;
  return {
    state: 'installed',
    unlocked,
    subject: readableName(c.subject),
    issuer: readableName(c.issuer),
    name: commonNameOf(c.subject),
    fingerprint: c.fingerprint,
    validFrom: c.notBefore.toISOString(),
    validTo: c.notAfter.toISOString(),
    ca: c.ca,
    seal: parsed
      ? {
          id: parsed.id,
          name: parsed.name,
          validTo: parsed.validTo.toISOString(),
          picture: `data:image/${parsed.picture.type === 'SVG' ? 'svg+xml' : parsed.picture.type.toLowerCase()};base64,${parsed.picture.data.toString('base64')}`,
        }
      : null,
  };
}
