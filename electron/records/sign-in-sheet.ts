import type { FontFiles } from './font-files';
import { RecordDocument, type RecordOutput, type RecordSeal } from './pdf-document';

/** `signed` and `note` are filled on the record made after the meeting; before it they are left for pens. */
export type SheetRow = { name: string; address: string; role: string; signed?: string; note?: string };
export type SheetInput = {
  header: string;
  title: string;
  /** "2026年11月30日（星期一）19:00", or empty when no date is fixed yet. */
  when: string;
  place: string;
  /** The figures line under the title on the record made after the meeting (`figuresSentence`). */
  summary?: string;
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
  { title: '住址 / 单位', width: 100 },
  { title: '身份', width: 60 },
  { title: '签到', width: 60 },
  { title: '备注', width: 130 },
];

/** 签到表: invitees pre-printed, a wide column for handwritten signatures, blank lines for walk-ins. */
export function signInSheetPdf(
  input: SheetInput,
  fonts: FontFiles,
  seal?: RecordSeal,
  output?: RecordOutput,
): Promise<Buffer> {
  const pdf = new RecordDocument(fonts, { title: `${input.title} 签到表`, author: input.header }, output);
  const record = input.rows.some((r) => r.signed);
  pdf.text(input.header, { size: 10, color: '#667085', align: 'center' }).rule();
  pdf.text(`${input.title} 签到表`, { size: 18, bold: true, align: 'center' });
  pdf.text(`时间：${input.when || '____年__月__日'}    地点：${input.place}`, { size: 11, align: 'center' }).space(0.3);
  if (input.summary) pdf.text(input.summary, { size: 11, align: 'center' });
  pdf.space(0.3);
  pdf.table(
    record ? recordColumns : paperColumns,
    [
      ...input.rows.map((r, i) => [String(i + 1), r.name, r.address, r.role, r.signed ?? '', r.note ?? '']),
      ...Array.from({ length: input.blankRows }, (_, i) => [String(input.rows.length + i + 1), '', '', '', '', '']),
    ],
    // Pens need room on paper; the verification block keeps the last rows with it.
    { size: 10, minRowHeight: record ? 0 : 18, tail: seal ? pdf.verificationHeight(seal) : 0 },
  );
  return pdf.finish(seal);
}
