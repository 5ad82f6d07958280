import type { FontFiles } from './font-files';
import { RecordDocument, type RecordSeal } from './pdf-document';

/** `signed` and `note` are filled on the record made after the meeting; before it they are left for pens. */
export type SheetRow = { name: string; address: string; role: string; signed?: string; note?: string };
export type SheetInput = {
  header: string;
  title: string;
  /** "2026年11月30日（星期一）19:00", or empty when no date is fixed yet. */
  when: string;
  place: string;
  rows: SheetRow[];
  /** Empty lines at the end for walk-ins to sign on paper. */
  blankRows: number;
};

/** On paper the signature column is wide for pens; the record made after the meeting has times and notes. */
const paperColumns = [
  { title: '序号', width: 36 },
  { title: '姓名', width: 80 },
  { title: '住址', width: 70 },
  { title: '身份', width: 96 },
  { title: '签名', width: 130 },
  { title: '备注', width: 60 },
];
const recordColumns = [
  { title: '序号', width: 34 },
  { title: '姓名', width: 70 },
  { title: '住址 / 单位', width: 110 },
  { title: '身份', width: 70 },
  { title: '签到', width: 70 },
  { title: '备注', width: 110 },
];
const rowHeight = 28;

/** 签到表: invitees pre-printed, a wide column for handwritten signatures, blank lines for walk-ins. */
export function signInSheetPdf(input: SheetInput, fonts: FontFiles, seal?: RecordSeal): Promise<Buffer> {
  const pdf = new RecordDocument(fonts, { title: `${input.title} 签到表`, author: input.header });
  const { doc } = pdf;
  const columns = input.rows.some((r) => r.signed) ? recordColumns : paperColumns;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const scale = width / columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => c.width * scale);

  const intro = () => {
    pdf.text(input.header, { size: 10, color: '#667085', align: 'center' }).rule();
    pdf.text(`${input.title} 签到表`, { size: 18, bold: true, align: 'center' });
    pdf
      .text(`时间：${input.when || '____年__月__日'}    地点：${input.place}`, { size: 11, align: 'center' })
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
      pdf.text(cell, { size: bold ? 10.5 : 10, bold, width: widths[i]! - 8, height: 14, ellipsis: true });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = y + rowHeight;
  };
  writeRow(
    columns.map((c) => c.title),
    true,
  );
  input.rows.forEach((r, i) => writeRow([String(i + 1), r.name, r.address, r.role, r.signed ?? '', r.note ?? '']));
  for (let i = 0; i < input.blankRows; i += 1) writeRow([String(input.rows.length + i + 1), '', '', '', '', '']);
  return pdf.finish(seal);
}
