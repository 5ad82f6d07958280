import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import PDFDocument from 'pdfkit';
import { sealKeys } from '../../shared/domain/records';
import QRCode from 'qrcode';
import type { FontFiles } from './font-files';
import { fontBytes, fontRuns } from './fonts';
import type { KeyAndCertificate } from './identity';
import { signatureLength, signPdf, subFilter } from './sign';

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
};

type TextOptions = PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string };

/**
 * pdfkit set up for Chinese records: A4, the bundled Noto Sans SC (embedded as a subset), fallback fonts for
 * characters it lacks, and "第 n 页 共 m 页" on every page.
 */
export class RecordDocument {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly fonts: FontFiles,
    info: { title: string; author: string; subject?: string },
  ) {
    this.doc = new PDFDocument({
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
  }

  private readonly registered = new Set<string>();

  /** Select a font by its file, handing pdfkit the process-wide bytes the first time this document uses it. */
  font(file: string): PDFKit.PDFDocument {
    if (!this.registered.has(file)) {
      this.doc.registerFont(file, fontBytes(file));
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

  /**
   * 验证信息 at the end: the content hash, the audit-chain head, the signer and a QR code carrying the hash, so
   * a printed copy can still be checked against the database.
   */
  private verificationBlock(seal: RecordSeal): void {
    const { doc } = this;
    const qrSize = 96;
    if (doc.y + qrSize + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    this.space(1).rule('#98a2b3', 0.6);
    const top = doc.y;
    const left = doc.page.margins.left;
    const qr = QRCode.create(`sha256:${seal.contentHash}`, { errorCorrectionLevel: 'M' }).modules;
    const cell = qrSize / qr.size;
    doc.save().fillColor('#000000');
    for (let row = 0; row < qr.size; row += 1) {
      for (let col = 0; col < qr.size; col += 1) {
        if (qr.data[row * qr.size + col]) doc.rect(left + col * cell, top + row * cell, cell, cell);
      }
    }
    doc.fill().restore();
    const width = doc.page.width - doc.page.margins.right - left - qrSize - 16;
    doc.x = left + qrSize + 16;
    doc.y = top;
    const line = (label: string, value: string) =>
      this.text(`${label}：${value}`, { size: 8.5, color: '#344054', width, lineGap: 2 });
    this.text('验证信息', { size: 10, bold: true, width });
    line('内容哈希（SHA-256）', seal.contentHash);
    line('审计链头', seal.auditHead);
    line('签名人', seal.signer);
    line('证书指纹（SHA-256）', seal.fingerprint);
    line('说明', '本文件带有电子签名，可在议事亭“验证”页或 npm run verify 核验；任何改动都会使签名失效。');
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
        signatureLength,
        subFilter,
        appName: 'Yishiting',
      });
    }
    const unsigned = await new Promise<Buffer>((resolve) => {
      doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      doc.end();
    });
    return seal ? signPdf(unsigned, seal.identity, seal.signedAt) : unsigned;
  }
}
