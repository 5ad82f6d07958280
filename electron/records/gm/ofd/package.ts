import { createHash } from 'node:crypto';
import { parsedFont } from '../../fonts';
import { subsetFont } from '../font-subset';
import type { PageLayout, PlacedPath, PlacedText, Rgb } from './layout';
import { xmlFile, type XmlNode } from './xml';

/**
 * An OFD package (GB/T 33190-2016) from page layouts: OFD.xml, Document.xml, PublicRes.xml with the fonts,
 * DocumentRes.xml with the images, one Content.xml per page. Text objects carry each character's advance, so a
 * reader places every character where the PDF has it; fonts are embedded as subsets holding the characters used,
 * the Ext-B fallback among them.
 */
export type OfdInfo = {
  title: string;
  author: string;
  createdAt: Date;
  /** Name → value pairs kept in DocInfo's CustomDatas (our content hash, meeting and record kind). */
  custom: Record<string, string>;
};

export type OfdFiles = Map<string, Buffer>;

export const paths = {
  ofd: 'OFD.xml',
  document: 'Doc_0/Document.xml',
  publicRes: 'Doc_0/PublicRes.xml',
  documentRes: 'Doc_0/DocumentRes.xml',
  signatures: 'Doc_0/Signs/Signatures.xml',
  page: (i: number) => `Doc_0/Pages/Page_${i}/Content.xml`,
};

const n = (value: number) => String(Math.round(value * 1000) / 1000);
const box = (x: number, y: number, w: number, h: number) => [x, y, w, h].map(n).join(' ');
const color = (rgb: Rgb) => ({ '@Value': rgb.join(' ') });

/** IDs unique across the document, as GB/T 33190 requires; MaxUnitID is the last one handed out. */
class Ids {
  last = 0;
  next = () => (this.last += 1);
}

function textObject(ids: Ids, text: PlacedText, fontId: number, alpha?: number): XmlNode {
  const width = text.deltaX.reduce((a, b) => a + b, 0) + text.size;
  return {
    '@ID': ids.next(),
    '@Boundary': box(text.x, text.y - text.size, width, text.size * 1.4),
    '@Font': fontId,
    '@Size': n(text.size),
    ...(fontName(text.font).bold ? { '@Weight': 700 } : {}),
    'ofd:FillColor': { ...color(text.color), ...(alpha === undefined ? {} : { '@Alpha': alpha }) },
    'ofd:TextCode': {
      '@X': 0,
      '@Y': n(text.size),
      ...(text.deltaX.length ? { '@DeltaX': text.deltaX.map(n).join(' ') } : {}),
      '#text': text.text,
    },
  };
}

function pathObject(ids: Ids, path: PlacedPath): XmlNode {
  const points = path.shapes.flatMap((s) => s.points);
  const pad = path.stroke ? path.lineWidth / 2 : 0;
  const left = Math.min(...points.map((p) => p[0])) - pad;
  const top = Math.min(...points.map((p) => p[1])) - pad;
  const right = Math.max(...points.map((p) => p[0])) + pad;
  const bottom = Math.max(...points.map((p) => p[1])) + pad;
  const data = path.shapes
    .map(({ points: [first, ...rest], closed }) =>
      [
        `M ${n(first![0] - left)} ${n(first![1] - top)}`,
        ...rest.map(([x, y]) => `L ${n(x - left)} ${n(y - top)}`),
        ...(closed ? ['C'] : []),
      ].join(' '),
    )
    .join(' ');
  return {
    '@ID': ids.next(),
    '@Boundary': box(left, top, right - left, bottom - top),
    '@LineWidth': n(path.lineWidth),
    '@Fill': String(Boolean(path.fill)),
    '@Stroke': String(Boolean(path.stroke)),
    ...(path.stroke ? { 'ofd:StrokeColor': color(path.stroke) } : {}),
    ...(path.fill ? { 'ofd:FillColor': color(path.fill) } : {}),
    'ofd:AbbreviatedData': data,
  };
}

type FontFace = { id: number; file: string; chars: Set<string> };

/**
 * Characters beyond the BMP (CJK Ext-B names such as 𠇔) are also drawn as their glyph outlines: readers that
 * walk TextCode by UTF-16 unit — ofd.js among them — split them in two and print tofu. The text object stays
 * (transparent) so the name is still found and copied as text.
 */
const astral = (text: string) => [...text].some((char) => char.codePointAt(0)! > 0xffff);

function glyphOutline(ids: Ids, text: PlacedText): XmlNode {
  const font = parsedFont(text.font);
  const scale = text.size / font.unitsPerEm;
  let x = 0;
  const commands: string[] = [];
  [...text.text].forEach((char, i) => {
    for (const { command, args } of font.glyphForCodePoint(char.codePointAt(0)!).path.commands) {
      const points = [];
      for (let k = 0; k < args.length; k += 2)
        points.push(`${n(x + args[k]! * scale)} ${n(text.size - args[k + 1]! * scale)}`);
      const op = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'B', closePath: 'C' }[command];
      if (op) commands.push([op, ...points].join(' '));
    }
    x += text.deltaX[i] ?? 0;
  });
  return {
    '@ID': ids.next(),
    '@Boundary': box(text.x, text.y - text.size, x + text.size, text.size * 1.4),
    '@Fill': 'true',
    '@Stroke': 'false',
    'ofd:FillColor': color(text.color),
    'ofd:AbbreviatedData': commands.join(' '),
  };
}

const names = new Map<string, { fontName: string; familyName: string; bold: boolean }>();

function fontName(file: string) {
  const known = names.get(file);
  if (known) return known;
  const font = parsedFont(file);
  // OFD's Font@Bold: readers that set text in their own copy of the family (ofd.js does) need it for bold.
  const weight = (font as unknown as { 'OS/2'?: { usWeightClass?: number } })['OS/2']?.usWeightClass ?? 400;
  const name = { fontName: font.postscriptName, familyName: font.familyName, bold: weight >= 600 };
  names.set(file, name);
  return name;
}

/** The unsigned package: every file but the signatures. `signed` adds OFD.xml's entry for Signatures.xml. */
export function writeOfd(pages: PageLayout[], info: OfdInfo, signed: boolean): OfdFiles {
  const files: OfdFiles = new Map();
  const ids = new Ids();
  const fonts = new Map<string, FontFace>();
  const faceOf = (file: string) => {
    let face = fonts.get(file);
    if (!face) fonts.set(file, (face = { id: ids.next(), file, chars: new Set() }));
    return face;
  };
  const images: { id: number; file: string; png: Buffer }[] = [];
  const imageOf = (png: Buffer) => {
    const known = images.find((i) => i.png.equals(png));
    if (known) return known.id;
    const id = ids.next();
    images.push({ id, file: `image_${id}.png`, png });
    return id;
  };

  const pageIds = pages.map((page, i) => {
    const layer: XmlNode = { '@ID': 0, '@Type': 'Body' };
    const pageId = ids.next();
    layer['@ID'] = ids.next();
    layer['ofd:TextObject'] = page.texts.map((text) => {
      const face = faceOf(text.font);
      for (const char of text.text) face.chars.add(char);
      return textObject(ids, text, face.id, astral(text.text) ? 0 : undefined);
    });
    layer['ofd:PathObject'] = [
      ...page.paths.map((path) => pathObject(ids, path)),
      ...page.texts.filter((t) => astral(t.text)).map((t) => glyphOutline(ids, t)),
    ];
    layer['ofd:ImageObject'] = page.images.map((image) => ({
      '@ID': ids.next(),
      '@ResourceID': imageOf(image.png),
      '@Boundary': box(image.x, image.y, image.width, image.height),
      '@CTM': `${n(image.width)} 0 0 ${n(image.height)} 0 0`,
    }));
    files.set(
      paths.page(i),
      xmlFile('Page', {
        'ofd:Area': { 'ofd:PhysicalBox': box(0, 0, page.width, page.height) },
        'ofd:Content': { 'ofd:Layer': layer },
      }),
    );
    return pageId;
  });

  const fontList = [...fonts.values()].map((face) => {
    const file = `font_${face.id}.ttf`;
    files.set(`Doc_0/Res/${file}`, subsetFont(face.file, face.chars));
    const { fontName: name, familyName, bold } = fontName(face.file);
    return {
      '@ID': face.id,
      '@FontName': name,
      '@FamilyName': familyName,
      ...(bold ? { '@Bold': 'true' } : {}),
      'ofd:FontFile': file,
    };
  });
  files.set(paths.publicRes, xmlFile('Res', { '@BaseLoc': 'Res', 'ofd:Fonts': { 'ofd:Font': fontList } }));
  for (const image of images) files.set(`Doc_0/Res/${image.file}`, image.png);
  files.set(
    paths.documentRes,
    xmlFile('Res', {
      '@BaseLoc': 'Res',
      'ofd:MultiMedias': images.length
        ? {
            'ofd:MultiMedia': images.map((i) => ({
              '@ID': i.id,
              '@Type': 'Image',
              '@Format': 'PNG',
              'ofd:MediaFile': i.file,
            })),
          }
        : undefined,
    }),
  );

  const first = pages[0] ?? { width: 210, height: 297 };
  files.set(
    paths.document,
    xmlFile('Document', {
      'ofd:CommonData': {
        'ofd:MaxUnitID': ids.last,
        'ofd:PageArea': { 'ofd:PhysicalBox': box(0, 0, first.width, first.height) },
        'ofd:PublicRes': 'PublicRes.xml',
        'ofd:DocumentRes': 'DocumentRes.xml',
      },
      'ofd:Pages': { 'ofd:Page': pageIds.map((id, i) => ({ '@ID': id, '@BaseLoc': `Pages/Page_${i}/Content.xml` })) },
    }),
  );

  const docId = createHash('sha256')
    .update(JSON.stringify([info.custom, info.createdAt.toISOString()]))
    .digest('hex')
    .slice(0, 32);
  files.set(
    paths.ofd,
    xmlFile('OFD', {
      '@Version': '1.0',
      '@DocType': 'OFD',
      'ofd:DocBody': {
        'ofd:DocInfo': {
          'ofd:DocID': docId,
          'ofd:Title': info.title,
          'ofd:Author': info.author,
          'ofd:CreationDate': info.createdAt.toISOString().slice(0, 10),
          'ofd:Creator': '议事亭 Yishiting',
          'ofd:CustomDatas': {
            'ofd:CustomData': Object.entries(info.custom).map(([name, value]) => ({ '@Name': name, '#text': value })),
          },
        },
        'ofd:DocRoot': paths.document,
        ...(signed ? { 'ofd:Signatures': paths.signatures } : {}),
      },
    }),
  );
  return files;
}
