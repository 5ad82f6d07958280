import { oids } from '../asn1';
import { signWithSeal } from '../seal';
import type { Sm2Signer } from '../signer';
import { sm3 } from '../sm2';
import { paths, type OfdFiles } from './package';
import { xmlFile } from './xml';
import { writeOfdZip } from './zip';

/**
 * Seal an OFD package (GB/T 33190 §18, GB/T 38540): Signature.xml lists every package file with its SM3
 * digest and the stamp's place on the page; SignedValue.dat is an SES_Signature over Signature.xml's SM3;
 * Seal.esl is the seal the office issued. Only Signatures.xml (the list a later signature would extend),
 * Signature.xml (covered by the signature itself) and SignedValue.dat are outside the references.
 */
export const signPaths = {
  dir: 'Doc_0/Signs/Sign_0',
  signature: 'Doc_0/Signs/Sign_0/Signature.xml',
  signedValue: 'Doc_0/Signs/Sign_0/SignedValue.dat',
  seal: 'Doc_0/Signs/Sign_0/Seal.esl',
};

/** Where the seal shows: the page (its index) and the box in mm from the page's top left. */
export type Stamp = { page: number; x: number; y: number; width: number; height: number };

export type OfdSealing = { seal: Buffer; signer: Sm2Signer; stamp: Stamp; signedAt: Date };

/** The package's Signatures.xml for one seal signature: fixed, so the verifier can demand exactly this. */
export const signaturesXml = () =>
  xmlFile('Signatures', {
    'ofd:MaxSignId': 1,
    'ofd:Signature': { '@ID': 1, '@Type': 'Seal', '@BaseLoc': `/${signPaths.signature}` },
  });

/** The ID Document.xml gave the page (pages are numbered in the order they were written). */
export function pageId(files: OfdFiles, page: number): string {
  const document = files.get(paths.document)!.toString('utf8');
  const match = new RegExp(`<ofd:Page ID="(\\d+)" BaseLoc="Pages/Page_${page}/Content.xml"`).exec(document);
  if (!match) throw new Error(`no page ${page}`);
  return match[1]!;
}

const dateTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function sealOfd(files: OfdFiles, sealing: OfdSealing): Promise<Buffer> {
  const signed = new Map(files);
  signed.set(signPaths.seal, sealing.seal);
  const { stamp } = sealing;
  const references = [...signed].map(([name, data]) => ({
    '@FileRef': `/${name}`,
    'ofd:CheckValue': sm3(data).toString('base64'),
  }));
  const signatureXml = xmlFile('Signature', {
    'ofd:SignedInfo': {
      'ofd:Provider': { '@ProviderName': '议事亭 Yishiting', '@Company': 'Yishiting', '@Version': '1' },
      'ofd:SignatureMethod': oids.sm2WithSm3,
      'ofd:SignatureDateTime': dateTime(sealing.signedAt),
      'ofd:References': { '@CheckMethod': oids.sm3, 'ofd:Reference': references },
      'ofd:StampAnnot': {
        '@ID': 1,
        '@PageRef': pageId(files, stamp.page),
        '@Boundary': [stamp.x, stamp.y, stamp.width, stamp.height].map((v) => Math.round(v * 1000) / 1000).join(' '),
      },
      'ofd:Seal': { 'ofd:BaseLoc': `/${signPaths.seal}` },
    },
    'ofd:SignedValue': `/${signPaths.signedValue}`,
  });
  const signedValue = await signWithSeal(
    {
      seal: sealing.seal,
      dataHash: sm3(signatureXml),
      propertyInfo: `/${signPaths.signature}`,
      signedAt: sealing.signedAt,
    },
    sealing.signer,
  );
  signed.set(paths.signatures, signaturesXml());
  signed.set(signPaths.signature, signatureXml);
  signed.set(signPaths.signedValue, signedValue);
  return writeOfdZip([...signed].map(([name, data]) => ({ name, data })));
}
