import { createPrivateKey, sign, verify, X509Certificate } from 'node:crypto';
import { revocationReasonCodes, type RevocationReason } from '../../shared/domain/records';
import {
  children,
  content,
  DerError,
  derTime,
  integer,
  objectId,
  octets,
  oid,
  readNode,
  sequence,
  time,
  tlv,
} from './der';
import type { KeyAndCertificate } from './identity';
import { issuerAndSerial } from './sign';

/** One revoked certificate as a CRL names it: its serial (hex, upper case), when, and why. */
export type RevokedEntry = { serial: string; revokedAt: string; reason: RevocationReason };

export type ParsedCrl = {
  issuer: X509Certificate;
  thisUpdate: string;
  nextUpdate: string | null;
  number: number;
  revoked: RevokedEntry[];
};

const oids = {
  sha256WithRsa: '1.2.840.113549.1.1.11',
  reasonCode: '2.5.29.21',
  cRLNumber: '2.5.29.20',
  authorityKeyIdentifier: '2.5.29.35',
};
const reasonsByCode = new Map(Object.entries(revocationReasonCodes).map(([k, v]) => [v, k as RevocationReason]));
const algorithm = () => sequence(objectId(oids.sha256WithRsa), Buffer.from([0x05, 0x00]));
const extension = (id: string, value: Buffer) => sequence(objectId(id), octets(value));
const bigInteger = (n: number) => {
  const bytes = Buffer.from(
    n
      .toString(16)
      .padStart(2, '0')
      .replace(/^(.)((..)*)$/, '0$1$2'),
    'hex',
  );
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
};

/** The CA's subject key identifier, which the CRL names as its authority key (RFC 5280 §5.2.1). */
function subjectKeyId(ca: X509Certificate): Buffer | null {
  const der = ca.raw;
  const [tbs] = children(der, readNode(der));
  const wrapped = children(der, tbs!).find((n) => n.tag === 0xa3);
  if (!wrapped) return null;
  for (const ext of children(der, children(der, wrapped)[0]!)) {
    const parts = children(der, ext);
    if (oid(der, parts[0]!) !== '2.5.29.14') continue;
    const value = content(der, parts.at(-1)!);
    return content(value, readNode(value));
  }
  return null;
}

/**
 * An X.509 v2 CRL (RFC 5280) signed by the office's CA with SHA-256/RSA: each revoked certificate's serial (its
 * exact DER INTEGER), date and reason code, a CRL number and the authority key identifier, valid for 30 days.
 * `openssl crl -verify` and `openssl verify -crl_check` accept it.
 */
export function buildCrl(
  ca: KeyAndCertificate,
  revoked: { certificatePem: string; revokedAt: string; reason: RevocationReason }[],
  number: number,
  now: Date,
): Buffer {
  const caCert = new X509Certificate(ca.certificatePem);
  const { subject } = subjectAndSerial(caCert);
  const entries = revoked.map((r) => {
    const { serial } = issuerAndSerial(new X509Certificate(r.certificatePem).raw);
    const reason = sequence(extension(oids.reasonCode, tlv(0x0a, Buffer.from([revocationReasonCodes[r.reason]]))));
    return sequence(serial, derTime(new Date(r.revokedAt)), reason);
  });
  const keyId = subjectKeyId(caCert);
  const extensions = [
    ...(keyId ? [extension(oids.authorityKeyIdentifier, sequence(tlv(0x80, keyId)))] : []),
    extension(oids.cRLNumber, bigInteger(number)),
  ];
  const tbs = sequence(
    integer(1),
    algorithm(),
    subject,
    derTime(now),
    derTime(new Date(now.getTime() + 30 * 86_400_000)),
    ...(entries.length ? [sequence(...entries)] : []),
    tlv(0xa0, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, createPrivateKey(ca.keyPem));
  return sequence(tbs, algorithm(), tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

/** A certificate's subject Name exactly as its DER has it. */
function subjectAndSerial(certificate: X509Certificate) {
  const der = certificate.raw;
  const [tbs] = children(der, readNode(der));
  const fields = children(der, tbs!);
  const at = fields[0]!.tag === 0xa0 ? 1 : 0;
  return { subject: fields[at + 4]!.bytes };
}

export class CrlProblem extends Error {}

/**
 * Read a CRL file (DER or PEM) and check it was signed by one of `authorities`; refuses anything else. The
 * entries' reasons come back as ours (unknown codes as unspecified).
 */
export function readCrl(file: Buffer, authorities: X509Certificate[]): ParsedCrl {
  const pem = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(file.toString('latin1'));
  const der = pem ? Buffer.from(pem[1]!.replace(/\s/g, ''), 'base64') : file;
  try {
    const root = readNode(der);
    const [tbs, , signatureNode] = children(der, root);
    const signature = content(der, signatureNode!).subarray(1);
    const issuer = authorities.find((ca) => ca.ca && verify('sha256', tbs!.bytes, ca.publicKey, signature));
    if (!issuer) throw new CrlProblem('not signed by a CA we hold');
    const fields = children(der, tbs!);
    let at = fields[0]!.tag === 0x02 ? 1 : 0; // version
    at += 2; // signature algorithm, issuer
    const thisUpdate = time(der, fields[at]!);
    at += 1;
    let nextUpdate: string | null = null;
    if (fields[at] && (fields[at]!.tag === 0x17 || fields[at]!.tag === 0x18)) {
      nextUpdate = time(der, fields[at]!);
      at += 1;
    }
    const revoked: RevokedEntry[] = [];
    if (fields[at]?.tag === 0x30) {
      for (const entry of children(der, fields[at]!)) {
        const [serial, date, exts] = children(der, entry);
        let reason: RevocationReason = 'unspecified';
        for (const ext of exts ? children(der, exts) : []) {
          const parts = children(der, ext);
          if (oid(der, parts[0]!) !== oids.reasonCode) continue;
          const value = content(der, parts.at(-1)!);
          reason = reasonsByCode.get(content(value, readNode(value))[0]!) ?? 'unspecified';
        }
        revoked.push({
          serial: content(der, serial!)
            .toString('hex')
            .replace(/^00(?=[89a-f])/, '')
            .toUpperCase(),
          revokedAt: time(der, date!),
          reason,
        });
      }
      at += 1;
    }
    let number = 0;
    const extensions = fields[at]?.tag === 0xa0 ? children(der, children(der, fields[at]!)[0]!) : [];
    for (const ext of extensions) {
      const parts = children(der, ext);
      if (oid(der, parts[0]!) !== oids.cRLNumber) continue;
      const value = content(der, parts.at(-1)!);
      number = parseInt(content(value, readNode(value)).toString('hex') || '0', 16);
    }
    return { issuer, thisUpdate, nextUpdate, number, revoked };
  } catch (error) {
    if (error instanceof CrlProblem || error instanceof DerError || error instanceof TypeError) {
      throw new CrlProblem(String(error));
    }
    throw error;
  }
}
