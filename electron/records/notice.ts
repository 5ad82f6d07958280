import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { NoticeContent } from '../../shared/notice';
import type { FontFiles } from './font-files';
import { RecordDocument, type RecordSeal } from './pdf-document';

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 会议通知 (or a 公示 built the same way) as an A4 PDF for the notice board. */
export function noticePdf(notice: NoticeContent, fonts: FontFiles, seal?: RecordSeal): Promise<Buffer> {
  const pdf = new RecordDocument(fonts, { title: notice.title, author: notice.issuer });
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
  pdf.space(0.4).text(notice.closing, { size: 13, indent: 26 }).space(2);
  pdf.text(notice.issuer, { size: 13, align: 'right' }).text(notice.issuedOn, { size: 13, align: 'right' });
  return pdf.finish(seal);
}

let registered: string | null = null;

/** Register the fonts with Skia once; the family list gives per-glyph fallback like the PDF's runs. */
function fontFamilies(fonts: FontFiles): { regular: string; bold: string } {
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
const noLineStart = new Set('，。、；：？！）》」』】”’…,.;:?!)');

/** Break a paragraph into lines that fit `width` (Chinese breaks between any two characters). */
function wrap(ctx: SKRSContext2D, text: string, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    const limit = lines.length === 0 ? width - indent : width;
    if (line && !noLineStart.has(char) && ctx.measureText(line + char).width > limit) {
      lines.push(line);
      line = char;
    } else line += char;
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
  return canvas.toBuffer('image/png');
}
