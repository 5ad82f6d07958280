import { z } from 'zod';
import { normalizeAddress, parseAddress } from './address';
import { formatMessage, type Localized } from './errors';
import { defaultResidentTags, maskIdNumber, maskPhone, type Address, type Gender } from './domain/resident';
import type { Locale } from './locale';

/** The columns a roster may carry. `address` is a combined "3-2-301" / "3幢2单元301室" column. */
export const rosterFields = [
  'name',
  'gender',
  'building',
  'unit',
  'room',
  'address',
  'phone',
  'tags',
  'idNumber',
  'area',
] as const;
export type RosterField = (typeof rosterFields)[number];
/** Which column (0-based) feeds each field; null when the file has none. */
export type ColumnMapping = Record<RosterField, number | null>;

/** What offices call each column. `index` (序号) feeds nothing but tells a header row from a title row. */
const headerNames: Record<RosterField | 'index', string[]> = {
  index: ['序号', '编号', '序', 'no', 'no.', '顺序号'],
  name: [
    '姓名',
    '名字',
    '居民姓名',
    '户主姓名',
    '业主姓名',
    '人员姓名',
    '户主',
    '业主',
    '住户姓名',
    '成员姓名',
    'name',
  ],
  gender: ['性别', 'gender', 'sex'],
  building: ['楼栋', '楼号', '楼栋号', '楼幢', '楼幢号', '幢', '幢号', '栋', '栋号', '楼', '楼宇', '楼座', 'building'],
  unit: ['单元', '单元号', 'unit'],
  room: ['房号', '房间号', '房间', '室', '室号', '门牌号', '户号', '户室号', '房屋号', '房屋编号', 'room'],
  address: [
    '地址',
    '住址',
    '家庭住址',
    '居住地址',
    '现住址',
    '现居住地址',
    '现居地址',
    '门牌',
    '房屋地址',
    '房屋坐落',
    '居住房屋',
    'address',
  ],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '联系方式',
    '电话号码',
    '联系手机',
    '移动电话',
    '手机电话',
    'phone',
    'mobile',
    'tel',
  ],
  tags: ['身份', '角色', '标签', '人员类别', '人员类型', '类别', '职务', '身份标签', 'tags', 'role'],
  idNumber: ['身份证', '身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '证件号', 'idnumber'],
  area: ['面积', '专有部分面积', '建筑面积', '房屋面积', '专有面积', '套内面积', '产权面积', 'area'],
};

/** "手机号码（必填）*" → "手机号码": Excel headers carry notes, stars, full-width spaces and units. */
function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[\s*:：/、\\·.-]/g, '')
    .replace(/m2$/i, '')
    .toLowerCase();
}

/** How surely a header names a field: 2 for the exact name, 1 when it contains a known name of 2+ characters. */
function headerMatch(header: string): { field: RosterField | 'index'; score: number } | null {
  const text = normalizeHeader(header);
  if (!text) return null;
  let best: { field: RosterField | 'index'; score: number; length: number } | null = null;
  for (const [field, names] of Object.entries(headerNames) as [RosterField | 'index', string[]][]) {
    for (const name of names) {
      const score = text === name ? 2 : name.length >= 2 && text.includes(name) ? 1 : 0;
      if (score && (!best || score > best.score || (score === best.score && name.length > best.length)))
        best = { field, score, length: name.length };
    }
  }
  return best && { field: best.field, score: best.score };
}

export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping = Object.fromEntries(rosterFields.map((f) => [f, null])) as ColumnMapping;
  const matches = headers
    .map((header, column) => ({ column, match: headerMatch(header) }))
    .filter((m) => m.match && m.match.field !== 'index')
    .sort((a, b) => b.match!.score - a.match!.score || a.column - b.column);
  for (const { column, match } of matches) {
    const field = match!.field as RosterField;
    if (mapping[field] === null) mapping[field] = column;
  }
  return mapping;
}

/** Where the headers are: the Excel row (1-based) and whether a second row below it names sub-columns. */
export type RosterLayout = { headerRow: number; headerRows: 1 | 2 };

const text = (row: readonly string[] | undefined, column: number) => (row?.[column] ?? '').normalize('NFKC').trim();
const isBlank = (row: readonly string[] | undefined) => !row || row.every((value) => value.trim() === '');

/** Distinct fields a row's cells name, and whether one of them is the name. */
function headerScore(row: readonly string[]): { fields: number; name: boolean } {
  const fields = new Set(row.map((cell) => headerMatch(cell)?.field).filter(Boolean));
  return { fields: fields.size, name: fields.has('name') };
}

/**
 * Find the header row among the first rows: offices put a title ("东湖社区居民花名册", merged over the columns),
 * a date or blank rows above it. The row naming most known columns wins. A row below it that names columns
 * where the header row has a group ("住址" over 楼栋/单元/房号) or the same merged text is the second header row.
 */
export function detectLayout(grid: readonly (readonly string[])[]): RosterLayout {
  let best = -1;
  let bestScore = { fields: 0, name: false };
  for (let r = 0; r < Math.min(grid.length, 30); r += 1) {
    const score = headerScore(grid[r]!);
    if (score.fields > bestScore.fields || (score.fields === bestScore.fields && score.name && !bestScore.name)) {
      best = r;
      bestScore = score;
    }
  }
  if (best < 0) return layoutAt(grid, Math.max(1, grid.findIndex((row) => !isBlank(row)) + 1));
  // Merged down, the lower of two header rows names every column; the upper one is still where they start.
  if (best > 0 && secondHeaderRow(grid, best - 1)) return { headerRow: best, headerRows: 2 };
  return layoutAt(grid, best + 1);
}

/** The layout when the headers are on a given Excel row (the secretary's pick, or the detected one). */
export function layoutAt(grid: readonly (readonly string[])[], headerRow: number): RosterLayout {
  return { headerRow, headerRows: secondHeaderRow(grid, headerRow - 1) ? 2 : 1 };
}

/** Does a sheet look like a roster: a row among its first ones names the residents' column? */
export function hasNameHeader(grid: readonly (readonly string[])[]): boolean {
  return grid.slice(0, 30).some((row) => headerScore(row).name);
}

function secondHeaderRow(grid: readonly (readonly string[])[], headerIndex: number): boolean {
  const top = grid[headerIndex];
  const below = grid[headerIndex + 1];
  // A title or a blank row above is no header; a header row names at least one column itself.
  if (!top || !below || headerScore(top).fields === 0) return false;
  let named = 0;
  for (let c = 0; c < below.length; c += 1) {
    const match = headerMatch(text(below, c));
    if (!match) continue;
    const above = text(top, c);
    const aboveMatch = headerMatch(above);
    // Under a group label, an empty cell or the same (vertically merged) text: a sub-header.
    if (!above || above === text(below, c) || !aboveMatch || aboveMatch.field === 'address') named += 1;
    else return false;
  }
  return named > 0;
}

/** One header per column; with two header rows, "住址 · 楼栋" (or just "姓名" where both rows say so). */
export function headersOf(grid: readonly (readonly string[])[], layout: RosterLayout): string[] {
  const top = grid[layout.headerRow - 1] ?? [];
  const below = layout.headerRows === 2 ? (grid[layout.headerRow] ?? []) : [];
  const width = Math.max(top.length, below.length);
  const written = (row: readonly string[], c: number) => (row[c] ?? '').trim();
  return Array.from({ length: width }, (_, c) => {
    const upper = written(top, c);
    const lower = written(below, c);
    return lower && lower !== upper ? (upper ? `${upper} · ${lower}` : lower) : upper;
  });
}

/** The mapping reads the lower header first: "住址 · 楼栋" is the building, not the combined address. */
export function mappingFor(grid: readonly (readonly string[])[], layout: RosterLayout): ColumnMapping {
  const headers = headersOf(grid, layout).map((header) => {
    const parts = header.split(' · ');
    const lower = parts.at(-1)!;
    return headerMatch(lower) ? lower : parts[0]!;
  });
  return suggestMapping(headers);
}

export type RosterRow = Address & {
  /** The row number the secretary sees in Excel. */
  line: number;
  name: string;
  gender: Gender | null;
  phone: string;
  tags: string[];
  idNumber: string | null;
  area: number | null;
};

/** One thing wrong in one row: `skipped` when the row is left out, otherwise the person is kept without it. */
export type RowProblem = { line: number; field: RosterField | null; reason: string; skipped: boolean };

const reasons = {
  noName: { 'zh-CN': '缺少姓名，此行未导入', en: 'no name; the row was not imported' },
  badName: {
    'zh-CN': '姓名“{value}”不像人名，此行未导入',
    en: 'name “{value}” is not a name; the row was not imported',
  },
  longName: { 'zh-CN': '姓名超过 40 个字，此行未导入', en: 'the name is longer than 40 characters; not imported' },
  note: {
    'zh-CN': '“{value}”是说明或合计，不是居民，此行未导入',
    en: '“{value}” is a note or a total, not a resident; not imported',
  },
  duplicate: {
    'zh-CN': '与第 {line} 行是同一个人（姓名和房号相同），此行未导入',
    en: 'same person as row {line} (same name and room); not imported',
  },
  longAddress: { 'zh-CN': '住址“{value}”过长，此行未导入', en: 'address “{value}” is too long; not imported' },
  gender: {
    'zh-CN': '性别“{value}”只能是“男”或“女”，已留空',
    en: 'gender “{value}” must be 男 or 女; left empty',
  },
  phone: { 'zh-CN': '手机号“{value}”格式不对，已留空', en: 'phone number “{value}” is not valid; left empty' },
  idNumber: { 'zh-CN': '身份证号格式不对，已留空', en: 'the ID number is not valid; left empty' },
  area: {
    'zh-CN': '面积“{value}”不是有效的平方米数，已留空',
    en: 'area “{value}” is not a valid number of m²; left empty',
  },
  noRoom: { 'zh-CN': '缺少房号', en: 'no room number' },
  unclearAddress: {
    'zh-CN': '住址“{value}”认不出楼栋、单元和房号，已原样记为房号',
    en: 'address “{value}” has no recognisable building, unit and room; kept as the room as written',
  },
} satisfies Record<string, Localized>;

/**
 * "张 伟" → "张伟": spaces between Chinese characters are typing, not part of the name; a foreign name keeps one
 * space between its words; the various dots of minority names become "·".
 */
export function normalizeName(value: string): string {
  const cjk = '\\p{Script=Han}';
  return value
    .normalize('NFKC')
    .trim()
    .replace(new RegExp(`(?<=${cjk})[\\s]+|[\\s]+(?=${cjk})`, 'gu'), '')
    .replace(new RegExp(`(?<=${cjk})[•・･.．]|[•・･.．](?=${cjk})`, 'gu'), '·')
    .replace(/\s+/g, ' ');
}

/** Search text as typed: full-width folded, lower case, no spaces ("张 伟" and "zhang wei" find 张伟). */
export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** A mobile number (a leading +86 dropped), a landline with its area code (0573…) or a local 7–8 digit one. */
function normalizePhone(value: string): string | null {
  const digits = value.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits) || /^[2-9]\d{6,7}$/.test(digits) ? digits : null;
}

/** "13800001111 / 0573-85551234": the first valid number of the ones a cell lists. */
function firstPhone(value: string): string | null {
  for (const candidate of value.split(/[/,，;；、|]+/)) {
    const phone = normalizePhone(candidate);
    if (phone) return phone;
  }
  return null;
}

const genderWords: Record<string, Gender> = { 男: '男', 女: '女', 男性: '男', 女性: '女', m: '男', f: '女' };

/** "党员、楼组长" or "党员/楼组长"; a tag that has a slash of its own (志愿者/幸福合伙人) stays whole. */
function splitTags(value: string): string[] {
  const known = new Set<string>(defaultResidentTags);
  const tags = value
    .split(/[,，、;；|\s]+/)
    .flatMap((t) => (known.has(t) ? [t] : t.split('/')))
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(tags)].slice(0, 20);
}

const idPattern = /^(\d{17}[\dX]|\d{15})$/i;
const notePattern = /^(合计|总计|小计|共计|制表|填表|审核|负责人|联系人|备注|说明|注[:：]|填报)|[:：]/;

/** What the preview may show of a cell: never a full ID number or phone number. */
export function maskCell(value: string): string {
  const compact = value.replace(/\s/g, '');
  if (idPattern.test(compact)) return maskIdNumber(compact);
  const phone = normalizePhone(compact);
  return phone && /^1/.test(phone) ? maskPhone(phone) : value;
}

export type RosterCheck = { rows: RosterRow[]; problems: RowProblem[] };

/**
 * Turn the rows below the headers into residents, and list every problem with its Excel row. A person is kept
 * whenever there is a name: a bad phone, gender, area or ID number is left empty with a note on the row. Nothing
 * is written here: the preview shows both lists and the secretary decides. Blank rows, rows with only a 序号 and
 * repeated header rows (printed pages repeat them) are skipped silently.
 */
export function checkRoster(
  grid: readonly (readonly string[])[],
  layout: RosterLayout,
  mapping: ColumnMapping,
  options: { includeIdNumbers: boolean; locale: Locale },
): RosterCheck {
  const say = (key: keyof typeof reasons, params: Record<string, string | number> = {}) =>
    formatMessage(reasons[key][options.locale], params, options.locale);
  const rows: RosterRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const firstData = layout.headerRow - 1 + layout.headerRows;
  const headerLine = grid[layout.headerRow - 1]?.map((c) => c.trim()).join('\u0000');
  const indexColumns = new Set(
    headersOf(grid, layout)
      .map((header, column) => (headerMatch(header)?.field === 'index' ? column : -1))
      .filter((c) => c >= 0),
  );
  const cell = (raw: readonly string[], field: RosterField) => {
    const column = mapping[field];
    return column === null ? '' : text(raw, column);
  };

  for (let index = firstData; index < grid.length; index += 1) {
    const raw = grid[index]!;
    const line = index + 1;
    if (raw.every((value, column) => value.trim() === '' || indexColumns.has(column))) continue;
    if (raw.map((c) => c.trim()).join('\u0000') === headerLine) continue;
    const found: RowProblem[] = [];
    const note = (field: RosterField | null, key: keyof typeof reasons, params = {}, skipped = false) =>
      found.push({ line, field, reason: say(key, params), skipped });
    const skip = (field: RosterField | null, key: keyof typeof reasons, params = {}) => {
      note(field, key, params, true);
      problems.push(...found);
    };

    const name = normalizeName(cell(raw, 'name'));
    // "合计：10 人", "制表人：周敏" under the table, wherever the office typed it.
    const remark = raw.map((c) => c.trim()).find((c) => notePattern.test(c.normalize('NFKC')));
    if (remark && (!name || notePattern.test(name))) {
      skip(null, 'note', { value: [...remark].slice(0, 20).join('') });
      continue;
    }
    if (!name) {
      skip('name', 'noName');
      continue;
    }
    if (!/\p{L}/u.test(name)) {
      skip('name', 'badName', { value: name });
      continue;
    }
    if ([...name].length > 40) {
      skip('name', 'longName');
      continue;
    }

    const genderText = cell(raw, 'gender');
    const gender = genderWords[genderText.toLowerCase()] ?? null;
    if (genderText && !gender) note('gender', 'gender', { value: genderText });

    const combined = cell(raw, 'address');
    const own = { building: cell(raw, 'building'), unit: cell(raw, 'unit'), room: cell(raw, 'room') };
    const { address, unclear } = readAddress(own, combined);
    if (unclear) note('address', 'unclearAddress', { value: combined });
    if (Object.values(address).some((p) => p.length > 20)) {
      skip('address', 'longAddress', { value: combined || Object.values(address).join('-') });
      continue;
    }
    if (!address.room) note('room', 'noRoom');

    const phoneText = cell(raw, 'phone');
    const phone = phoneText ? firstPhone(phoneText) : '';
    if (phone === null) note('phone', 'phone', { value: phoneText });

    let idNumber: string | null = null;
    const idText = cell(raw, 'idNumber').replace(/\s/g, '').toUpperCase();
    if (options.includeIdNumbers && idText) {
      if (idPattern.test(idText)) idNumber = maskIdNumber(idText);
      else note('idNumber', 'idNumber');
    }

    const areaText = cell(raw, 'area');
    let area = areaText ? Number(areaText.replace(/(平方米|平米|㎡|m2)$/i, '')) : null;
    if (area !== null && !(Number.isFinite(area) && area > 0 && area < 100_000)) {
      note('area', 'area', { value: areaText });
      area = null;
    }

    const key = residentKey(name, address);
    const first = seen.get(key);
    if (first !== undefined) {
      found.length = 0;
      skip(null, 'duplicate', { line: first });
      continue;
    }
    seen.set(key, line);
    problems.push(...found);
    rows.push({
      line,
      name,
      gender,
      ...address,
      phone: phone ?? '',
      tags: splitTags(cell(raw, 'tags')),
      idNumber,
      area,
    });
  }
  return { rows, problems };
}

/**
 * The address from its own columns, a combined one ("7幢1单元101室") or a room column that holds more than the
 * room ("7-1-101", "1-101" beside a building column); its own columns win where both are given.
 */
function readAddress(own: Address, combined: string): { address: Address; unclear: boolean } {
  const columns = normalizeAddress(own);
  if (combined) {
    const parsed = parseAddress(combined);
    const parts = parsed.recognised ? parsed : { building: '', unit: '', room: combined.replace(/\s+/g, '') };
    const address = {
      building: columns.building || parts.building,
      unit: columns.unit || parts.unit,
      room: columns.room || parts.room,
    };
    return { address, unclear: !parsed.recognised && !columns.room };
  }
  if (/-|单元|幢|栋|楼|#/.test(columns.room)) {
    const written = `${columns.building && `${columns.building}幢`}${columns.unit && `${columns.unit}单元`}${columns.room}`;
    const parsed = parseAddress(written);
    if (parsed.recognised)
      return { address: { building: parsed.building, unit: parsed.unit, room: parsed.room }, unclear: false };
  }
  return { address: columns, unclear: false };
}

/** The same person is the same name in the same room: re-importing updates instead of duplicating. */
export function residentKey(name: string, address: Address): string {
  return [name, address.building, address.unit, address.room].join('\u0000');
}

/** A file the secretary picked, sent as bytes (never a path: ARCHITECTURE rule 7). 20 MB of base64 at most. */
export const RosterFileInput = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  data: z.base64().max(28_000_000),
  mapping: z
    .strictObject(
      Object.fromEntries(
        rosterFields.map((f) => [f, z.number().int().min(0).max(199).nullable().optional()]),
      ) as Record<RosterField, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>,
    )
    .optional(),
  /** The Excel row of the headers, when the secretary picks it; detected otherwise. */
  headerRow: z.number().int().min(1).max(100).optional(),
  headerRows: z.union([z.literal(1), z.literal(2)]).optional(),
  includeIdNumbers: z.boolean().default(false),
});

export type RosterPreview = {
  encoding: string;
  layout: RosterLayout;
  /** The file's first rows (masked), so the secretary can see the title and pick the header row. */
  topRows: { line: number; cells: string[] }[];
  headers: string[];
  mapping: ColumnMapping;
  /** The first rows below the headers as read (masked), to check the mapping against. */
  sample: { line: number; cells: string[] }[];
  valid: number;
  creates: number;
  updates: number;
  unchanged: number;
  /** Rows left out, and notes on people kept without a value; the first 500, with the totals. */
  problems: RowProblem[];
  skippedCount: number;
  warningCount: number;
  hasIdNumbers: boolean;
};

export type RosterImportResult = { created: number; updated: number; unchanged: number; skipped: number };
export type ExportedFile = { fileName: string; data: string; count: number };
