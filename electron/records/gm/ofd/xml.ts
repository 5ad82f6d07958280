import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** OFD's namespace (GB/T 33190-2016); every element carries the `ofd:` prefix. */
export const ofdNamespace = 'http://www.ofdspec.org/2016';

export type XmlNode = { [key: string]: XmlValue };
type XmlValue = string | number | boolean | XmlNode | XmlNode[] | undefined;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

/** One package file: the XML declaration and the root element with the namespace. Attributes are "@Name". */
export function xmlFile(root: string, body: XmlNode): Buffer {
  const element = { [`ofd:${root}`]: { '@xmlns:ofd': ofdNamespace, ...body } };
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(element) as string}`, 'utf8');
}

/** Elements that may repeat, always read as lists. */
const repeated = new Set([
  'Signatures.Signature',
  'Signature.SignedInfo.References.Reference',
  'Signature.SignedInfo.StampAnnot',
  'OFD.DocBody.DocInfo.CustomDatas.CustomData',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, path) => repeated.has(String(path)),
});

/** Parse a package file; throws on what is not well-formed XML. */
export function parseXml(data: Buffer): XmlNode {
  const text = data.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(data)) throw new Error('not UTF-8');
  return parser.parse(text, true) as XmlNode;
}
