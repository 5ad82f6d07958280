import PDFDocument from 'pdfkit';
import type { FontFiles } from './font-files';
import { fontRuns } from './fonts';

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

  /** Write a paragraph; characters Noto Sans SC lacks (Ext-B names) are set in a fallback font. */
  text(value: string, { size = 12, bold = false, color = '#1f2733', ...options }: TextOptions = {}): this {
    const runs = fontRuns(value, bold ? this.fonts.bold : this.fonts.regular, this.fonts.fallbacks);
    this.doc.fontSize(size).fillColor(color);
    runs.forEach((run, i) => {
      this.doc.font(run.font).text(run.text, { lineGap: size * 0.45, ...options, continued: i < runs.length - 1 });
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

  /** Number the pages and return the finished file. */
  finish(): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font(this.fonts.regular)
        .fontSize(9)
        .fillColor('#667085')
        .text(`第 ${i + 1} 页 共 ${range.count} 页`, 0, doc.page.height - 44, {
          width: doc.page.width,
          align: 'center',
        });
      doc.page.margins.bottom = bottom;
    }
    return new Promise((resolve) => {
      doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      doc.end();
    });
  }
}
