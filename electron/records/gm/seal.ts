import { DerError, time, type DerNode } from '../der';
import {
  bits,
  der,
  generalizedTime,
  ia5,
  int,
  objectId,
  octets,
  oids,
  parts,
  raw,
  readBits,
  readOctets,
  readOid,
  readSmallInt,
  readString,
  seq,
  utf8,
  whole,
} from './asn1';
import type { Sm2Signer } from './signer';
import { sm2Verify } from './sm2';
import { readSm2Certificate } from './x509';

/**
 * GB/T 38540-2020 electronic seals (SESeal, version 4) and seal signatures (SES_Signature). The office makes
 * and signs a community's seal; the community signs documents with it. Both signatures are SM2 with SM3: the
 * seal's over the DER of SES_SealInfo, the document signature's over the DER of TBS_Sign — as ofdrw and the
 * published GB/T 38540 verifiers compute them, so their checkers and ours agree.
 */

export const sealVersion = 4;
const vendorId = 'Yishiting';

/** 印章类型: GB/T 38540 leaves the codes to the application; 1 is the unit's official seal (公章). */
export const officialSealType = 1;

export type SealPicture = { type: 'PNG' | 'JPG' | 'SVG'; data: Buffer; widthMm: number; heightMm: number };

export type SealInfo = {
  /** 印章标识 esID: unique per seal, IA5 (ASCII). */
  id: string;
  /** 印章名称: the unit's full name as on the seal. */
  name: string;
  type: number;
  /** The certificates that may sign with this seal (certListType 1: the certificates themselves). */
  signerCertificates: Buffer[];
  createdAt: Date;
  validFrom: Date;
  validTo: Date;
  picture: SealPicture;
};

const sealInfoDer = (info: SealInfo) =>
  der(
    seq(
      seq(ia5('ES'), int(sealVersion), ia5(vendorId)),
      ia5(info.id),
      seq(
        int(info.type),
        utf8(info.name),
        int(1),
        seq(...info.signerCertificates.map((c) => octets(c))),
        generalizedTime(info.createdAt),
        generalizedTime(info.validFrom),
        generalizedTime(info.validTo),
      ),
      seq(ia5(info.picture.type), octets(info.picture.data), int(info.picture.widthMm), int(info.picture.heightMm)),
    ),
  );

/** 制章: the office (maker) signs the seal's information with its own SM2 key and binds its certificate. */
export async function makeSeal(info: SealInfo, maker: Sm2Signer): Promise<Buffer> {
  if (!/^[\x20-\x7e]{1,64}$/.test(info.id)) throw new Error('seal id must be printable ASCII');
  const sealInfo = sealInfoDer(info);
  const signature = await maker.sign(sealInfo);
  return der(seq(raw(sealInfo), octets(maker.certificate), objectId(oids.sm2WithSm3), bits(signature)));
}

export type Seal = SealInfo & {
  der: Buffer;
  version: number;
  vendor: string;
  /** The exact bytes the maker signed, and the maker's certificate and signature. */
  sealInfo: Buffer;
  makerCertificate: Buffer;
  signature: Buffer;
};

const readDate = (buffer: Buffer, node: DerNode | undefined) => {
  if (node?.tag !== 0x18) throw new DerError('expected GeneralizedTime');
  return new Date(time(buffer, node));
};

function parseSeal(buffer: Buffer, node: DerNode): Seal {
  const [infoNode, makerCert, algorithm, signature, ...extra] = parts(buffer, node);
  if (extra.length) throw new DerError('unexpected fields in SESeal');
  const [header, id, property, picture] = parts(buffer, infoNode!);
  const [headerId, version, vendor] = parts(buffer, header!);
  if (readString(buffer, headerId) !== 'ES') throw new DerError('not an electronic seal');
  const [type, name, listType, list, createdAt, validFrom, validTo] = parts(buffer, property!);
  if (readSmallInt(buffer, listType) !== 1) throw new DerError('only certificate lists are supported');
  const [pictureType, pictureData, width, height] = parts(buffer, picture!);
  if (readOid(buffer, algorithm) !== oids.sm2WithSm3) throw new DerError('not SM2 with SM3');
  return {
    der: node.bytes,
    version: readSmallInt(buffer, version),
    vendor: readString(buffer, vendor),
    id: readString(buffer, id),
    type: readSmallInt(buffer, type),
    name: readString(buffer, name),
    signerCertificates: parts(buffer, list!).map((c) => readOctets(buffer, c)),
    createdAt: readDate(buffer, createdAt),
    validFrom: readDate(buffer, validFrom),
    validTo: readDate(buffer, validTo),
    picture: {
      type: readString(buffer, pictureType) as SealPicture['type'],
      data: readOctets(buffer, pictureData),
      widthMm: readSmallInt(buffer, width),
      heightMm: readSmallInt(buffer, height),
    },
    sealInfo: infoNode!.bytes,
    makerCertificate: readOctets(buffer, makerCert),
    signature: readBits(buffer, signature),
  };
}

/** Read an SESeal (the .esl file). Throws DerError for anything that is not one. */
export function readSeal(data: Uint8Array): Seal {
  const buffer = Buffer.from(data);
  const seal = parseSeal(buffer, whole(buffer));
  if (seal.version !== sealVersion) throw new DerError(`seal version ${seal.version}`);
  return seal;
}

/** Is the seal as its maker signed it? (Whether the maker is trusted is the verifier's question.) */
export const sealIntact = (seal: Seal) =>
  sm2Verify(seal.sealInfo, seal.signature, readSm2Certificate(seal.makerCertificate).publicKey);

export type SealSignatureInput = {
  seal: Buffer;
  /** SM3 of the signed data (an OFD's Signature.xml; a PDF's signed byte ranges). */
  dataHash: Buffer;
  /** What was signed, e.g. the path of Signature.xml in the package. */
  propertyInfo: string;
  signedAt: Date;
};

/** 签章: the seal's holder signs TBS_Sign (the seal, the time, the data's hash) with the key the seal names. */
export async function signWithSeal(input: SealSignatureInput, signer: Sm2Signer): Promise<Buffer> {
  const tbs = der(
    seq(
      int(sealVersion),
      raw(input.seal),
      generalizedTime(input.signedAt),
      bits(input.dataHash),
      ia5(input.propertyInfo),
    ),
  );
  const signature = await signer.sign(tbs);
  return der(seq(raw(tbs), octets(signer.certificate), objectId(oids.sm2WithSm3), bits(signature)));
}

export type SealSignature = {
  der: Buffer;
  tbs: Buffer;
  seal: Seal;
  signedAt: Date;
  dataHash: Buffer;
  propertyInfo: string;
  signerCertificate: Buffer;
  signature: Buffer;
};

/** Read an SES_Signature (an OFD's SignedValue.dat). Throws DerError for anything that is not one. */
export function readSealSignature(data: Uint8Array): SealSignature {
  const buffer = Buffer.from(data);
  const [tbsNode, certificate, algorithm, signature, timeStamp, ...extra] = parts(buffer, whole(buffer));
  if (extra.length || (timeStamp && timeStamp.tag !== 0xa0)) throw new DerError('unexpected fields in SES_Signature');
  if (readOid(buffer, algorithm) !== oids.sm2WithSm3) throw new DerError('not SM2 with SM3');
  const [version, sealNode, signedAt, dataHash, propertyInfo, ...more] = parts(buffer, tbsNode!);
  if (readSmallInt(buffer, version) !== sealVersion) throw new DerError('not a version 4 seal signature');
  if (more.some((n) => n.tag !== 0xa0)) throw new DerError('unexpected fields in TBS_Sign');
  return {
    der: buffer,
    tbs: tbsNode!.bytes,
    seal: parseSeal(buffer, sealNode!),
    signedAt: readDate(buffer, signedAt),
    dataHash: readBits(buffer, dataHash),
    propertyInfo: readString(buffer, propertyInfo),
    signerCertificate: readOctets(buffer, certificate),
    signature: readBits(buffer, signature),
  };
}

/**
 * GB/T 38540 §7.3 steps that need no trust decision: the signature over TBS_Sign verifies with the signer's
 * certificate, that certificate is one the seal names, the seal is as its maker signed it, and the signing time
 * falls within the seal's validity. Returns the first failed step, or null.
 */
export function sealSignatureProblem(
  signed: SealSignature,
): 'signature_invalid' | 'seal_invalid' | 'seal_expired' | null {
  const signer = readSm2Certificate(signed.signerCertificate);
  if (!sm2Verify(signed.tbs, signed.signature, signer.publicKey)) return 'signature_invalid';
  if (!signed.seal.signerCertificates.some((c) => c.equals(signed.signerCertificate))) return 'signature_invalid';
  if (!sealIntact(signed.seal)) return 'seal_invalid';
  if (signed.signedAt < signed.seal.validFrom || signed.signedAt > signed.seal.validTo) return 'seal_expired';
  return null;
}
