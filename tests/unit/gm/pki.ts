import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { unseal } from '../../../electron/crypto/kdf';
import type { Core } from '../../../electron/core';
import { signingIdentity } from '../../../electron/db/schema';
import { pemDer } from '../../../electron/services/register';
import { openSm2Key } from '../../../electron/services/sm2-identity';
import { bundledFonts } from '../../../electron/records/font-files';
import { pem } from '../../../electron/records/gm/asn1';
import { makeSeal, officialSealType } from '../../../electron/records/gm/seal';
import { drawSealPicture } from '../../../electron/records/gm/seal-picture';
import { softwareKey, softwareSigner, type Sm2Signer } from '../../../electron/records/gm/signer';
import { generateSm2KeyPair, type Sm2KeyPair } from '../../../electron/records/gm/sm2';
import {
  issueSm2Certificate,
  readSm2Certificate,
  readSm2Request,
  serialNumber,
  sm2CertificateRequest,
  type Name,
} from '../../../electron/records/gm/x509';

/** An SM2 office CA and its communities, made the way the office makes them (also used by the bench). */
export const day = 86_400_000;
export const officeName: Name = [
  ['C', 'CN'],
  ['L', '平湖市'],
  ['O', '当湖街道'],
  ['CN', '当湖街道办事处'],
];
export const communityName = (name: string): Name => [
  ['C', 'CN'],
  ['L', '平湖市'],
  ['O', '当湖街道'],
  ['CN', `${name}居民委员会`],
];

export type Office = { pair: Sm2KeyPair; signer: Sm2Signer; name: Name };

/** A sub-district office with a self-signed SM2 CA, valid from a minute ago for `years`. */
export async function makeOffice(now = new Date(), name = officeName, years = 10): Promise<Office> {
  const pair = generateSm2KeyPair();
  const key = softwareKey(pair);
  const certificate = await issueSm2Certificate(
    {
      serial: serialNumber(),
      subject: name,
      issuer: name,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + years * 365 * day),
      publicKey: pair.publicKey,
      ca: true,
      issuerPublicKey: pair.publicKey,
    },
    key,
  );
  return { pair, signer: softwareSigner(pair, certificate), name };
}

/** A community's key and the certificate the office issues from its request. */
export async function makeCommunity(
  office: Office,
  name = '东湖社区',
  validity: { from?: Date; to?: Date } = {},
): Promise<{ pair: Sm2KeyPair; signer: Sm2Signer; serial: string }> {
  const pair = generateSm2KeyPair();
  const request = readSm2Request(await sm2CertificateRequest(communityName(name), softwareKey(pair)));
  const now = Date.now();
  const certificate = await issueSm2Certificate(
    {
      serial: serialNumber(),
      subject: request.subject,
      issuer: office.name,
      notBefore: validity.from ?? new Date(now - 60_000),
      notAfter: validity.to ?? new Date(now + 5 * 365 * day),
      publicKey: request.publicKey,
      ca: false,
      issuerPublicKey: office.pair.publicKey,
    },
    office.signer,
  );
  return { pair, signer: softwareSigner(pair, certificate), serial: readSm2Certificate(certificate).serial };
}

export const certificatePem = (signer: Sm2Signer) => pem('CERTIFICATE', signer.certificate);

export const fonts = bundledFonts(path.resolve('node_modules/@expo-google-fonts/noto-sans-sc'));

/** 东湖社区's certificate and the seal the office makes for it: valid from a minute ago for three years. */
export async function communitySeal(office: Office, now = new Date()) {
  const community = await makeCommunity(office, '东湖社区');
  const seal = await makeSeal(
    {
      id: 'DH-2026-0001',
      name: '东湖社区居民委员会',
      type: officialSealType,
      signerCertificates: [community.signer.certificate],
      createdAt: now,
      validFrom: new Date(now.getTime() - 60_000),
      validTo: new Date(now.getTime() + 3 * 365 * day),
      picture: drawSealPicture('东湖社区居民委员会', fonts),
    },
    office.signer,
  );
  return { community, seal };
}

/** A core's active SM2 signer (key, certificate), as an attacker who holds its keys — or the bench — would. */
export async function sm2SignerOf(core: Core, passphrase: string): Promise<Sm2Signer> {
  const row = core
    .db!.select()
    .from(signingIdentity)
    .where(eq(signingIdentity.active, true))
    .orderBy(desc(signingIdentity.id))
    .get()!;
  const { secret } = await unseal(row.encryptedKey, passphrase);
  return softwareSigner(openSm2Key(secret, row.sm2Key!), pemDer(row.sm2Certificate!));
}
