import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import PDFDocument from 'pdfkit';
import { sealKeys } from '../../shared/domain/records';
import QRCode from 'qrcode';
import type { FontFiles } from './font-files';
import { fontRuns, parsedFont } from './fonts';
import { recordLayout, type PageLayout } from './gm/ofd/layout';
import { writeOfd } from './gm/ofd/package';
import { sealOfd, type Stamp } from './gm/ofd/seal-ofd';
import { writeOfdZip } from './gm/ofd/zip';
import { readSeal } from './gm/seal';
import { softwareSigner, type Sm2Sealer } from './gm/signer';
import { archiveOptions, attachRecordJson } from './gm/pdfa';
import type { KeyAndCertificate } from './identity';
import { sealedSignatureLength, signatureLength, signPdf, subFilter } from './sign';

/** What makes an exported record verifiable: its hashes, shown and embedded, and who signs it. */
export type RecordSeal = {
  kind: string;
  meetingId: number;
  contentHash: string;
  auditHead: string;
  signer: string;
  fingerprint: string;
  identity: KeyAndCertificate;
  signedAt: Date;
  location: string;
  /** The signer as its certificate names it, in full: 平湖市当湖街道东湖社区居民委员会. */
  unit: string;
  /** Who issued the certificate (当湖街道办事处); null for one the community made itself. */
  issuer: string | null;
  /**
   * The community's SM2 signer and the SESeal the office issued (GB/T 38540), when it holds them: the seal's
   * picture is pressed at the seal slot, a PDF's CMS carries an SES_Signature over its signed bytes (gm/pdf-seal),
   * and an OFD is sealed with an SES_Signature.
   */
  sm2?: Sm2Sealer | null;
};

export type TextOptions = PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string };

/**
 * The forms a record is written in, all from the one pdfkit layout: the signed PDF, its PDF/A-3b archive copy
 * carrying the minutes' canonical JSON, or OFD (GB/T 33190) with the same pages character for character.
 */
export type RecordOutput = { format: 'pdf' } | { format: 'pdfa'; json: string } | { format: 'ofd' };

/** A place on a page reserved for something drawn there later (points, from the page's top left). */
export type Slot = { page: number; x: number; y: number; width: number; height: number };
/** Where the visible seal (公章) goes: over the issuing unit's name and date in the 落款. */
export const sealSlot = 'seal';
/** 42 mm, the round seal of a residents' committee. */
const sealSize = 119;

/** A table column: its heading and its share of the width. */
export type Column = { title: string; width: number };

/** The 落款: who signs by hand, lines for representatives, and the issuing unit and date under the seal. */
export type Signatures = { signers: string[]; representatives: number; issuer: string; date: string };

/**
 * pdfkit set up for Chinese records: A4, the bundled Noto Sans SC (embedded as a subset), fallback fonts for
 * characters it lacks, and "第 n 页 共 m 页" on every page.
 */
export class RecordDocument {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  /** The pages as drawn, for the OFD copy. */
  private readonly layout: (() => PageLayout[]) | null;

  constructor(
    private readonly fonts: FontFiles,
    private readonly info: { title: string; author: string; subject?: string },
    private readonly output: RecordOutput = { format: 'pdf' },
  ) {
    this.doc = new PDFDocument({
      ...(output.format === 'pdfa' ? archiveOptions(fonts) : {}),
      size: 'A4',
      margins: { top: 64, bottom: 72, left: 72, right: 72 },
      bufferPages: true,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject ?? info.title,
        Creator: '议事亭 Yishiting',
      },
      lang: 'zh-CN',
      displayTitle: true,
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.layout = output.format === 'ofd' ? recordLayout(this.doc) : null;
  }

  private readonly registered = new Set<string>();

  /** Named places on the pages (the seal's among them), for whoever draws into them after the layout. */
  readonly slots = new Map<string, Slot>();

  private get left() {
    return this.doc.page.margins.left;
  }
  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  private get pageHeight() {
    return this.bottom - this.doc.page.margins.top;
  }

  /** Select a font by its file, handing pdfkit the process-wide bytes the first time this document uses it. */
  font(file: string): PDFKit.PDFDocument {
    if (!this.registered.has(file)) {
      this.doc.registerFont(file, parsedFont(file) as unknown as Buffer);
      this.registered.add(file);
    }
    return this.doc.font(file);
  }

  /** Write a paragraph; characters Noto Sans SC lacks (Ext-B names) are set in a fallback font. */
  text(value: string, { size = 12, bold = false, color = '#1f2733', ...options }: TextOptions = {}): this {
    const runs = fontRuns(value, bold ? this.fonts.bold : this.fonts.regular, this.fonts.fallbacks);
    this.doc.fontSize(size).fillColor(color);
    runs.forEach((run, i) => {
      this.font(run.font).text(run.text, { lineGap: size * 0.45, ...options, continued: i < runs.length - 1 });
    });
    return this;
  }

  /** The height `value` takes when written with `text` at the current position's width. */
  heightOf(value: string, { size = 12, bold = false, width, indent = 0, ...options }: TextOptions = {}): number {
    this.font(bold ? this.fonts.bold : this.fonts.regular).fontSize(size);
    return this.doc.heightOfString(value, {
      lineGap: size * 0.45,
      ...options,
      width: (width ?? this.width) - indent,
    });
  }

  /**
   * Start a new page unless `height` still fits on this one, so what belongs together (a 落款 and the text before
   * it, the verification block and the rows it closes) is never split off onto a page of its own. Something
   * taller than a page is left to flow.
   */
  keep(height: number): this {
    if (this.doc.y + height > this.bottom && height <= this.pageHeight) this.doc.addPage();
    return this;
  }

  /**
   * The last paragraphs of a document and its 落款, kept on one page (with the verification block when the
   * record is sealed): the paragraphs are written as `text` would, then the signatures.
   */
  closing(paragraphs: ({ text: string } & TextOptions)[], signatures: Signatures | null, seal?: RecordSeal): this {
    const heights = paragraphs.map(({ text, ...options }) => this.heightOf(text, options));
    this.keep(
      heights.reduce((a, b) => a + b, 0) +
        (signatures ? this.signaturesHeight(signatures) : 0) +
        (seal ? this.verificationHeight(seal) : 0),
    );
    for (const { text, ...options } of paragraphs) this.text(text, options);
    if (signatures) this.signatures(signatures);
    return this;
  }

  /**
   * A ruled table; the heading repeats on every page, cells wrap (nothing is cut off), and the last rows stay
   * with whatever follows (`tail` points: the verification block) instead of leaving it alone on a page.
   */
  table(columns: Column[], rows: string[][], { size = 10, minRowHeight = 0, tail = 0 } = {}): this {
    const { doc } = this;
    const scale = this.width / columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => c.width * scale);
    const pad = 5;
    const heightOf = (cells: string[], bold: boolean) =>
      Math.max(
        minRowHeight,
        ...cells.map((cell, i) => this.heightOf(cell || ' ', { size, bold, width: widths[i]! - 2 * pad })),
      ) +
      2 * pad;
    const draw = (cells: string[], bold: boolean, height: number) => {
      const y = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        doc.rect(x, y, widths[i]!, height).lineWidth(0.6).strokeColor('#1f2733').stroke();
        doc.x = x + pad;
        doc.y = y + pad;
        if (cell) this.text(cell, { size, bold, width: widths[i]! - 2 * pad });
        x += widths[i]!;
      });
      doc.x = this.left;
      doc.y = y + height;
    };
    const header = columns.map((c) => c.title);
    const headerHeight = heightOf(header, true);
    const heights = rows.map((row) => heightOf(row, false));
    // The last three rows (or fewer) travel with the tail.
    const keptFrom = Math.max(0, rows.length - 3);
    const keptHeight = heights.slice(keptFrom).reduce((a, b) => a + b, 0) + tail;
    this.keep(headerHeight + (heights[0] ?? 0) + (rows.length <= 3 ? tail : 0));
    draw(header, true, headerHeight);
    rows.forEach((row, i) => {
      const needed = i === keptFrom && tail ? keptHeight : heights[i]!;
      if (doc.y + needed > this.bottom && needed <= this.pageHeight - headerHeight) {
        doc.addPage();
        draw(header, true, headerHeight);
      }
      draw(row, false, heights[i]!);
    });
    return this;
  }

  private signaturesHeight(s: Signatures): number {
    const representativeRows = Math.ceil(s.representatives / 3);
    return (
      16 + (s.signers.length ? 34 : 0) + (representativeRows ? 26 + representativeRows * 34 : 0) + 24 + 2 * 22 + 16
    );
  }

  /**
   * 主持人（签字）：＿＿＿  记录人（签字）：＿＿＿, lines for 参会代表, and the issuing unit with the date,
   * right-aligned, with the seal's slot over them.
   */
  signatures(s: Signatures): this {
    const { doc } = this;
    const rule = (x: number, y: number, length: number) =>
      doc
        .save()
        .moveTo(x, y)
        .lineTo(x + length, y)
        .lineWidth(0.8)
        .strokeColor('#1f2733')
        .stroke()
        .restore();
    const writeAt = (value: string, x: number, y: number, options: TextOptions = {}) => {
      doc.x = x;
      doc.y = y;
      this.text(value, { size: 12, lineBreak: false, ...options });
    };
    let y = doc.y + 16;
    if (s.signers.length) {
      const cell = this.width / s.signers.length;
      s.signers.forEach((role, i) => {
        const label = `${role}（签字）：`;
        const x = this.left + i * cell;
        writeAt(label, x, y);
        const labelWidth = doc.widthOfString(label);
        rule(x + labelWidth + 2, y + 16, Math.max(60, cell - labelWidth - 24));
      });
      y += 34;
    }
    if (s.representatives) {
      writeAt('参会代表（签字）：', this.left, y);
      y += 26;
      const cell = this.width / 3;
      for (let i = 0; i < s.representatives; i += 1) {
        const row = Math.floor(i / 3);
        rule(this.left + (i % 3) * cell, y + row * 34 + 16, cell - 24);
      }
      y += Math.ceil(s.representatives / 3) * 34;
    }
    y += 24;
    // The unit and the date, centred on the same axis, the seal over both (as a seal is pressed in 公文).
    this.font(this.fonts.regular).fontSize(12);
    const block = Math.max(doc.widthOfString(s.issuer), doc.widthOfString(s.date)) + 8;
    const right = this.left + this.width - 24;
    const centre = right - block / 2;
    for (const [i, value] of [s.issuer, s.date].entries()) {
      writeAt(value, centre - doc.widthOfString(value) / 2, y + i * 22);
    }
    const index = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
    this.slots.set(sealSlot, {
      page: index,
      x: centre - sealSize / 2,
      y: y + 22 - sealSize / 2 + 8,
      width: sealSize,
      height: sealSize,
    });
    doc.x = this.left;
    doc.y = y + 2 * 22 + 16;
    return this;
  }

  space(lines = 1): this {
    this.doc.moveDown(lines);
    return this;
  }

  rule(color = '#b4262a', width = 1.5): this {
    const y = this.doc.y + 4;
    this.doc
      .save()
      .moveTo(this.doc.page.margins.left, y)
      .lineTo(this.doc.page.width - this.doc.page.margins.right, y);
    this.doc.lineWidth(width).strokeColor(color).stroke().restore();
    this.doc.y = y + 10;
    return this;
  }

  private verificationTexts(seal: RecordSeal) {
    const issued = seal.issuer ? `，签名证书由${seal.issuer}签发` : '（签名证书由本社区自行创建，尚未由街道签发）';
    return {
      what: `本文件由${seal.unit}加盖电子签名${issued}。电子签名证明两件事：文件出自上述单位；签名以后文件没有被改动过——哪怕改动一个字，签名都会显示无效。`,
      how: '怎样核验：街道在本街道的议事亭“汇总”页导入上报包时，逐份核验签名；用 Adobe Acrobat Reader 等 PDF 阅读器打开本文件，在“签名”面板里也能看到签名是否有效。居民可用手机扫描二维码，读出本文件的内容编号，与张贴的公示或街道留存记录上的编号对照，一致即为同一份文件。',
      technical: `技术信息：内容编号（SHA-256）${seal.contentHash}；审计链头 ${seal.auditHead}；证书指纹（SHA-256）${seal.fingerprint}`,
    };
  }

  private static readonly qrSize = 96;

  /** How tall the verification block is, so the text before it can be kept on its page. */
  verificationHeight(seal: RecordSeal): number {
    const width = this.width - RecordDocument.qrSize - 16;
    const t = this.verificationTexts(seal);
    const text =
      this.heightOf('验证信息', { size: 10, bold: true, width }) +
      this.heightOf(t.what, { size: 8.5, width, lineGap: 2 }) +
      this.heightOf(t.how, { size: 8.5, width, lineGap: 2 }) +
      this.heightOf(t.technical, { size: 7, width, lineGap: 1.5 });
    return 24 + Math.max(RecordDocument.qrSize, text) + 8;
  }

  /**
   * 验证信息 at the end: in plain words, who signed, what the signature proves and how a resident or the
   * sub-district checks it; a QR code carrying the content number; the hashes last, small, for software.
   */
  private verificationBlock(seal: RecordSeal): void {
    const { doc } = this;
    const qrSize = RecordDocument.qrSize;
    this.keep(this.verificationHeight(seal));
    doc.y += 10;
    this.rule('#98a2b3', 0.6);
    const top = doc.y;
    const left = this.left;
    const qr = QRCode.create(`sha256:${seal.contentHash}`, { errorCorrectionLevel: 'M' }).modules;
    const cell = qrSize / qr.size;
    doc.save().fillColor('#000000');
    for (let row = 0; row < qr.size; row += 1) {
      for (let col = 0; col < qr.size; col += 1) {
        if (qr.data[row * qr.size + col]) doc.rect(left + col * cell, top + row * cell, cell, cell);
      }
    }
    doc.fill().restore();
    const width = this.width - qrSize - 16;
    const t = this.verificationTexts(seal);
    doc.x = left + qrSize + 16;
    doc.y = top;
    this.text('验证信息', { size: 10, bold: true, width });
    this.text(t.what, { size: 8.5, color: '#344054', width, lineGap: 2 });
    this.text(t.how, { size: 8.5, color: '#344054', width, lineGap: 2 });
    this.text(t.technical, { size: 7, color: '#667085', width, lineGap: 1.5 });
    doc.x = left;
    doc.y = Math.max(doc.y, top + qrSize) + 8;
  }

  /** Number the pages and return the finished file, signed when a seal is given. */
  async finish(seal?: RecordSeal): Promise<Buffer> {
    const { doc } = this;
    if (seal) this.verificationBlock(seal);
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      this.font(this.fonts.regular)
        .fontSize(9)
        .fillColor('#667085')
        .text(`第 ${i + 1} 页 共 ${range.count} 页`, 0, doc.page.height - 44, {
          width: doc.page.width,
          align: 'center',
        });
      doc.page.margins.bottom = bottom;
    }
    if (this.output.format === 'pdfa') attachRecordJson(doc, this.output.json, seal?.signedAt ?? new Date());
    // The seal picture over the unit and date, as a seal is pressed on paper; in OFD the stamp annotation of the
    // seal signature shows it instead (GB/T 33190 §18), so readers draw it from the seal itself.
    if (seal?.sm2 && !this.layout) this.pressSeal(readSeal(Buffer.from(seal.sm2.seal)).picture.data);
    if (this.layout) return this.ofd(seal);
    if (seal) {
      Object.assign(doc.info, {
        [sealKeys.hash]: seal.contentHash,
        [sealKeys.meeting]: String(seal.meetingId),
        [sealKeys.kind]: seal.kind,
      });
      pdfkitAddPlaceholder({
        pdf: doc,
        pdfBuffer: Buffer.alloc(0),
        reason: `${doc.info.Title ?? ''} 定稿存档`,
        contactInfo: '',
        name: seal.signer,
        location: seal.location,
        signingTime: seal.signedAt,
        signatureLength: seal.sm2 ? sealedSignatureLength(seal.sm2) : signatureLength,
        subFilter,
        appName: 'Yishiting',
      });
    }
    const unsigned = await new Promise<Buffer>((resolve) => {
      doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      doc.end();
    });
    return seal ? signPdf(unsigned, seal.identity, seal.signedAt, seal.sm2 ?? null) : unsigned;
  }

  /**
   * The OFD copy: the pages pdfkit drew, as OFD text, path and image objects, with the content hash, meeting and
   * record kind in DocInfo as the PDF carries them in its Info dictionary.
   */
  /** Where the seal goes: the slot over the unit and date, else the last page's lower right (a table's end). */
  private stampPlace(): Slot {
    const slot = this.slots.get(sealSlot);
    if (slot) return slot;
    const range = this.doc.bufferedPageRange();
    const page = range.start + range.count - 1;
    this.doc.switchToPage(page);
    const { width, height, margins } = this.doc.page;
    return {
      page,
      x: width - margins.right - sealSize,
      y: height - margins.bottom - sealSize,
      width: sealSize,
      height: sealSize,
    };
  }

  private pressSeal(png: Buffer): void {
    const place = this.stampPlace();
    this.doc.switchToPage(place.page);
    const bottom = this.doc.page.margins.bottom;
    this.doc.page.margins.bottom = 0;
    this.doc.image(png, place.x, place.y, { width: place.width, height: place.height });
    this.doc.page.margins.bottom = bottom;
  }

  private async ofd(seal?: RecordSeal): Promise<Buffer> {
    const place = this.stampPlace();
    await new Promise<void>((resolve) => {
      this.doc.on('end', resolve);
      this.doc.end();
    });
    const files = writeOfd(
      this.layout!(),
      {
        title: this.info.title,
        author: this.info.author,
        createdAt: seal?.signedAt ?? new Date(),
        custom: seal
          ? {
              [sealKeys.hash]: seal.contentHash,
              [sealKeys.meeting]: String(seal.meetingId),
              [sealKeys.kind]: seal.kind,
            }
          : {},
      },
      Boolean(seal?.sm2),
    );
    if (!seal?.sm2) return writeOfdZip([...files].map(([name, data]) => ({ name, data })));
    const toMm = (pt: number) => (pt * 25.4) / 72;
    const stamp: Stamp = {
      page: place.page,
      x: toMm(place.x),
      y: toMm(place.y),
      width: toMm(place.width),
      height: toMm(place.height),
    };
    // Bytes that crossed to the worker arrive as plain Uint8Arrays.
    const signer = softwareSigner(seal.sm2.key, Buffer.from(seal.sm2.certificate));
    return sealOfd(files, { seal: Buffer.from(seal.sm2.seal), signer, stamp, signedAt: seal.signedAt });
  }
}

/** The words records are made of (and an Ext-B name, which opens the fallback font): laid out once. */
const warmUpText =
  '关于小区加装电梯、停车位、垃圾分类点、楼道堆物的议题，居民代表发表意见，主持人宣布表决结果：同意、反对、弃权。' +
  '会议纪要 第 1 页 共 30 页 应到 实到 列席 委托 签名 日期 2026年12月02日 09:30 社区居民委员会 街道办事处 验证信息 0123456789 王𠇔';

/**
 * What a first export does besides the export: pdfkit's and fontkit's line-break and Unicode tables, the fonts
 * parsed, the common glyphs decoded, and the layout code compiled by a few pages of it. Run while the secretary
 * reads finalized minutes, so the export she asks for next costs about what a warm one does.
 */
export async function warmUp(fonts: FontFiles): Promise<void> {
  const document = new RecordDocument(fonts, { title: '', author: '' });
  for (let i = 0; i < 12; i += 1) document.text(warmUpText).text(warmUpText, { bold: true, size: 14 });
  await document.finish();
}
