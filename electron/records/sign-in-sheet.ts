import { chineseDateTime } from '../../shared/notice';
import type { FontFiles } from './font-files';
import { RecordDocument } from './pdf-document';

export type SheetRow = { name: string; address: string; role: string };
export type SheetInput = { header: string; title: string; scheduledAt: string | null; place: string; rows: SheetRow[] };

const columns = [
  { title: '序号', width: 36 },
  { title: '姓名', width: 80 },
  { title: '住址', width: 70 },
  { title: '身份', width: 96 },
  { title: '签名', width: 130 },
  { title: '备注', width: 60 },
];
const rowHeight = 28;
/** Walk-ins sign on empty lines at the end. */
const blankRows = 10;

/** 签到表: invitees pre-printed, a wide column for handwritten signatures, blank lines for walk-ins. */
export function signInSheetPdf(input: SheetInput, fonts: FontFiles): Promise<Buffer> {
  const pdf = new RecordDocument(fonts, { title: `${input.title} 签到表`, author: input.header });
  const { doc } = pdf;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const scale = width / columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => c.width * scale);

  const intro = () => {
    pdf.text(input.header, { size: 10, color: '#667085', align: 'center' }).rule();
    pdf.text(`${input.title} 签到表`, { size: 18, bold: true, align: 'center' });
    pdf
      .text(
        `时间：${input.scheduledAt ? chineseDateTime(input.scheduledAt) : '____年__月__日'}    地点：${input.place}`,
        { size: 11, align: 'center' },
      )
      .space(0.5);
  };
  intro();
  // pdfkit places text at doc.x/doc.y: position each cell's text before writing it.
  const place = (x: number, y: number) => {
    doc.x = x + 4;
    doc.y = y + 8;
  };
  const writeRow = (cells: string[], bold = false) => {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      writeRow(
        columns.map((c) => c.title),
        true,
      );
    }
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.rect(x, y, widths[i]!, rowHeight).lineWidth(0.6).strokeColor('#1f2733').stroke();
      place(x, y);
      pdf.text(cell, { size: bold ? 10.5 : 10, bold, lineBreak: false, width: widths[i]! - 8, ellipsis: true });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = y + rowHeight;
  };
  writeRow(
    columns.map((c) => c.title),
    true,
  );
  input.rows.forEach((r, i) => writeRow([String(i + 1), r.name, r.address, r.role, '', '']));
  for (let i = 0; i < blankRows; i += 1) writeRow([String(input.rows.length + i + 1), '', '', '', '', '']);
  return pdf.finish();
}
