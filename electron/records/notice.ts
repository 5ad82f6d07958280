import { crc32 } from 'node:zlib';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { NoticeContent } from '../../shared/notice';
import type { FontFiles } from './font-files';
import { RecordDocument, type RecordOutput, type RecordSeal } from './pdf-document';

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 会议通知 (or a 公示 built the same way) as an A4 PDF for the notice board. */
export function noticePdf(
  notice: NoticeContent,
  fonts: FontFiles,
  seal?: RecordSeal,
  output?: RecordOutput,
): Promise<Buffer> {
  const pdf = new RecordDocument(fonts, { title: notice.title, author: notice.issuer }, output);
  pdf.text(notice.header, { size: 10, color: '#667085', align: 'center' }).rule();
  pdf.space(0.6).text(notice.title, { size: 20, bold: true, align: 'center' }).space(1);
  pdf.text(notice.salutation, { size: 13 }).text(notice.opening, { size: 13, indent: 26 }).space(0.4);
  const sections = [...notice.sections.map((s) => `${s.label}：${s.text}`)];
  sections.forEach((line, i) => pdf.text(`${numerals[i]}、${line}`, { size: 13, indent: 26 }));
  if (notice.agenda.length) {
    pdf.text(`${numerals[sections.length]}、${notice.listLabel}：`, { size: 13, indent: 26 });
    for (const item of notice.agenda) {
      pdf.text(`${item.number}. ${item.title}${item.detail ? `（${item.detail}）` : ''}`, {
        size: 13,
        indent: item.child ? 78 : 52,
      });
    }
  }
  // The closing paragraph, the 落款 (with the seal's place) and the verification block share a page.
  pdf
    .space(0.4)
    .closing(
      [{ text: notice.closing, size: 13, indent: 26 }],
      { signers: [], representatives: 0, issuer: notice.issuer, date: notice.issuedOn },
      seal,
    );
  return pdf.finish(seal);
}

let registered: string | null = null;

/** Register the fonts with Skia once; the family list gives per-glyph fallback like the PDF's runs. */
export function fontFamilies(fonts: FontFiles): { regular: string; bold: string } {
  const key = JSON.stringify(fonts);
  if (registered !== key) {
    GlobalFonts.registerFromPath(fonts.regular, 'YishiSans');
    GlobalFonts.registerFromPath(fonts.bold, 'YishiSansBold');
    fonts.fallbacks.forEach((file, i) => GlobalFonts.registerFromPath(file, `YishiFallback${i}`));
    registered = key;
  }
  const fallbacks = fonts.fallbacks.map((_, i) => `YishiFallback${i}`);
  return { regular: ['YishiSans', ...fallbacks].join(', '), bold: ['YishiSansBold', ...fallbacks].join(', ') };
}

/** Punctuation that must not begin a line (禁则): it stays at the end of the line before. */
const noLineStart = new Set('，。、；：？！）》」』】”’…,.;:?!)%');
/** …and punctuation that must not end one: it goes down with what it opens. */
const noLineEnd = new Set('（《「『【“‘(');

/**
 * The pieces a line may break between: a Chinese character each, but a number, a word or a code in one piece
 * ("100.0%", "2027", "sha256:…" up to its own width), opening brackets with what follows them.
 */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (const [word] of text.matchAll(/[0-9A-Za-z][0-9A-Za-z.,:/_-]*|[\s\S]/gu)) {
    const last = out.at(-1);
    if (last !== undefined && (noLineEnd.has(last.at(-1)!) || noLineStart.has(word[0]!)))
      out[out.length - 1] = last + word;
    else out.push(word);
  }
  return out;
}

/** Break a paragraph into lines that fit `width` (Chinese breaks between any two characters, 禁则 kept). */
function wrap(ctx: SKRSContext2D, text: string, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(text)) {
    const limit = lines.length === 0 ? width - indent : width;
    if (line && ctx.measureText(line + piece).width > limit) {
      lines.push(line);
      line = piece;
    } else line += piece;
    // A piece wider than a whole line (a long hash) is cut where it must be.
    while (ctx.measureText(line).width > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > width) cut -= 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** 会议通知 as a tall PNG, 1080 px wide, for a phone screen and WeChat groups; `footer` prints small at the end. */
export function noticePng(notice: NoticeContent, fonts: FontFiles, footer?: string): Buffer {
  const family = fontFamilies(fonts);
  const width = 1080;
  const pad = 72;
  const inner = width - pad * 2;
  /** `left` shifts every line (agenda items), `indent` only the first (paragraphs). */
  type Block = {
    text: string;
    size: number;
    bold?: boolean;
    color?: string;
    align?: 'center' | 'right';
    left?: number;
    indent?: number;
    gap?: number;
  };
  const blocks: Block[] = [
    { text: notice.header, size: 30, color: '#667085', align: 'center', gap: 36 },
    { text: notice.title, size: 52, bold: true, align: 'center', gap: 40 },
    { text: notice.salutation, size: 38 },
    { text: notice.opening, size: 38, indent: 76, gap: 20 },
    ...notice.sections.map((s, i) => ({ text: `${numerals[i]}、${s.label}：${s.text}`, size: 38, indent: 76 })),
    ...(notice.agenda.length
      ? [{ text: `${numerals[notice.sections.length]}、${notice.listLabel}：`, size: 38, indent: 76 }]
      : []),
    ...notice.agenda.map((a) => ({
      text: `${a.number}. ${a.title}${a.detail ? `（${a.detail}）` : ''}`,
      size: 36,
      left: a.child ? 150 : 110,
    })),
    { text: notice.closing, size: 38, indent: 76, gap: 48 },
    { text: notice.issuer, size: 38, align: 'right' },
    { text: notice.issuedOn, size: 38, align: 'right' },
    ...(footer ? [{ text: footer, size: 24, color: '#667085', gap: 0 }] : []),
  ];
  const measure = createCanvas(width, 100).getContext('2d');
  const laidOut = blocks.map((block) => {
    measure.font = `${block.size}px ${block.bold ? family.bold : family.regular}`;
    return { block, lines: wrap(measure, block.text, inner - (block.left ?? 0), block.indent) };
  });
  const lineHeight = (size: number) => Math.round(size * 1.6);
  const height = laidOut.reduce(
    (h, { block, lines }) => h + lines.length * lineHeight(block.size) + (block.gap ?? 8),
    pad * 2 + 24,
  );

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#b4262a';
  ctx.fillRect(0, 0, width, 16);
  let y = pad;
  for (const { block, lines } of laidOut) {
    ctx.font = `${block.size}px ${block.bold ? family.bold : family.regular}`;
    ctx.fillStyle = block.color ?? '#1f2733';
    ctx.textBaseline = 'top';
    lines.forEach((line, i) => {
      const lineWidth = ctx.measureText(line).width;
      const x =
        block.align === 'center'
          ? (width - lineWidth) / 2
          : block.align === 'right'
            ? width - pad - lineWidth
            : pad + (block.left ?? 0) + (i === 0 ? (block.indent ?? 0) : 0);
      ctx.fillText(line, x, y);
      y += lineHeight(block.size);
    });
    y += block.gap ?? 8;
  }
  return withText(canvas.toBuffer('image/png'), blocks.map((b) => b.text).join('\n'));
}

/**
 * The picture's text inside it, as an iTXt "Description" chunk (UTF-8) right after the header: a screen reader,
 * a search or a check reads exactly what the picture shows, without recognising characters.
 */
function withText(png: Buffer, text: string): Buffer {
  const type = Buffer.from('iTXt', 'latin1');
  // keyword NUL, no compression (0, 0), no language tag NUL, no translated keyword NUL, then the UTF-8 text.
  const data = Buffer.concat([Buffer.from('Description\0\0\0\0\0', 'latin1'), Buffer.from(text, 'utf8')]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const afterHeader = 8 + 25; // the signature, then IHDR (length, type, 13 bytes, CRC)
  return Buffer.concat([png.subarray(0, afterHeader), length, type, data, crc, png.subarray(afterHeader)]);
}
