import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';
import { hasNameHeader } from '../../shared/roster-import';

/** Every row of the sheet as text, row i being Excel's row i + 1 (blank rows kept, so row numbers stay true). */
export type Table = { encoding: string; rows: string[][] };

/** Far above any community's roster (a large one has ~20,000 residents); guards memory against odd files. */
const maxRows = 100_000;
const maxColumns = 200;

/**
 * Excel and WPS save CSV as UTF-8 (with or without BOM), as the system code page (GBK on Chinese Windows,
 * which GB18030 decodes as a superset) or, for "Unicode text", as UTF-16LE. A BOM decides; otherwise text
 * that is valid UTF-8 is UTF-8 — GBK bytes of Chinese text are practically never valid UTF-8 — and the rest
 * is GB18030. The platform's WHATWG TextDecoder does the decoding: no statistical guess, no extra library.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030/GBK' };
  }
}

function trimTrailingBlanks(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.every((v) => v.trim() === '')) end -= 1;
  return rows.slice(0, end);
}

function parseCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  // Never a million rows in memory: parsing stops past the limit, and a file that goes on is too large.
  const parsed = Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: [',', '\t', ';', '|'],
    preview: maxRows + 1,
  });
  if (parsed.meta.truncated) throw new AppError('table_too_large', { max: maxRows });
  return { encoding, rows: trimTrailingBlanks(parsed.data) };
}

async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('file_unreadable');
  }
  const sheets = workbook.worksheets.filter((s) => s.actualRowCount > 0);
  if (sheets.some((s) => s.rowCount > maxRows)) throw new AppError('table_too_large', { max: maxRows });
  const tables = sheets.map(rowsOf);
  // A workbook may open with a 填表说明 sheet: take the first sheet whose headers name the residents.
  return { encoding: 'XLSX', rows: tables.find(hasNameHeader) ?? tables[0] ?? [] };
}

function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  // A merged cell reads as its top-left value in every cell it covers: a title over all columns, "住址" over
  // 楼栋/单元/房号, one address over a family's rows.
  const width = Math.min(sheet.columnCount, maxColumns);
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const values: string[] = [];
    for (let c = 1; c <= width; c += 1) values.push(row.getCell(c).text ?? '');
    rows.push(values);
  }
  return trimTrailingBlanks(rows);
}

/** Read a roster file the secretary picked: .xlsx, or .csv/.txt as Excel and WPS export them. */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  let table: Table;
  if (extension === 'xlsx') table = await parseXlsx(bytes);
  else if (extension === 'csv' || extension === 'txt') table = parseCsv(bytes);
  else if (extension === 'xls' || extension === 'et') throw new AppError('old_excel_format');
  else throw new AppError('unsupported_file', { name: fileName });
  if (table.rows.length === 0) throw new AppError('empty_table');
  if (table.rows.length > maxRows || table.rows.some((row) => row.length > maxColumns))
    throw new AppError('table_too_large', { max: maxRows });
  return table;
}
