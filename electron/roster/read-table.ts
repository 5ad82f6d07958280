import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';

export type Table = { encoding: string; headers: string[]; rows: string[][] };

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

function parseCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', '\t', ';', '|'] });
  const [headers = [], ...rows] = parsed.data;
  return { encoding, headers, rows };
}

async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('file_unreadable');
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return { encoding: 'XLSX', headers: [], rows: [] };
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, maxColumns); c += 1) values.push(row.getCell(c).text ?? '');
    table.push(values);
  });
  const [headers = [], ...rows] = table;
  return { encoding: 'XLSX', headers, rows };
}

/** Read a roster file the secretary picked: .xlsx, or .csv/.txt as Excel and WPS export them. */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  let table: Table;
  if (extension === 'xlsx') table = await parseXlsx(bytes);
  else if (extension === 'csv' || extension === 'txt') table = parseCsv(bytes);
  else if (extension === 'xls' || extension === 'et') throw new AppError('old_excel_format');
  else throw new AppError('unsupported_file', { name: fileName });
  if (table.headers.length === 0) throw new AppError('empty_table');
  if (table.rows.length > maxRows || table.headers.length > maxColumns)
    throw new AppError('table_too_large', { max: maxRows });
  return table;
}
