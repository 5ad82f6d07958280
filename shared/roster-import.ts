import { z } from 'zod';
import { formatMessage, type Localized } from './errors';
import { genders, maskIdNumber, type Address, type Gender } from './domain/resident';
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

const headerNames: Record<RosterField, string[]> = {
  name: ['姓名', '名字', '居民姓名', '户主姓名', '人员姓名', 'name'],
  gender: ['性别', 'gender', 'sex'],
  building: ['楼栋', '楼号', '楼栋号', '楼幢', '幢', '幢号', '栋', '栋号', '楼', 'building'],
  unit: ['单元', '单元号', 'unit'],
  room: ['房号', '房间号', '室', '室号', '门牌号', '户号', '房屋号', 'room'],
  address: ['地址', '住址', '家庭住址', '居住地址', '现住址', '门牌', 'address'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话', '联系方式', '电话号码', 'phone', 'mobile'],
  tags: ['身份', '角色', '标签', '人员类别', '类别', '职务', '身份标签', 'tags', 'role'],
  idNumber: ['身份证', '身份证号', '身份证号码', '公民身份号码', '证件号码', '证件号', 'idnumber'],
  area: ['面积', '专有部分面积', '建筑面积', '房屋面积', '专有面积', 'area'],
};

/** "手机号码（必填）*" → "手机号码": Excel headers carry notes, stars, full-width spaces and units. */
function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[\s*:：㎡]/g, '')
    .replace(/m2$/i, '')
    .toLowerCase();
}

export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const mapping = Object.fromEntries(rosterFields.map((f) => [f, null])) as ColumnMapping;
  for (const field of rosterFields) {
    const index = normalized.findIndex((h, i) => headerNames[field].includes(h) && !Object.values(mapping).includes(i));
    if (index >= 0) mapping[field] = index;
  }
  return mapping;
}

export type RosterRow = Address & {
  /** The row number the secretary sees in Excel (the header is row 1). */
  line: number;
  name: string;
  gender: Gender | null;
  phone: string;
  tags: string[];
  idNumber: string | null;
  area: number | null;
};

export type RowProblem = { line: number; reason: string };

const reasons = {
  noName: { 'zh-CN': '缺少姓名', en: 'the name is missing' },
  longName: { 'zh-CN': '姓名超过 40 个字', en: 'the name is longer than 40 characters' },
  gender: { 'zh-CN': '性别“{value}”只能是“男”或“女”', en: 'gender “{value}” must be 男 or 女' },
  phone: { 'zh-CN': '手机号“{value}”格式不对', en: 'phone number “{value}” is not valid' },
  idNumber: { 'zh-CN': '身份证号格式不对', en: 'the ID number is not valid' },
  area: { 'zh-CN': '面积“{value}”不是有效的平方米数', en: 'area “{value}” is not a valid number of m²' },
  address: { 'zh-CN': '住址“{value}”过长', en: 'address “{value}” is too long' },
  duplicate: {
    'zh-CN': '与第 {line} 行是同一个人（姓名和房号相同）',
    en: 'same person as row {line} (same name and room)',
  },
} satisfies Record<string, Localized>;

const cell = (row: readonly string[], index: number | null) =>
  index === null ? '' : (row[index] ?? '').normalize('NFKC').trim();

/** "3幢" "3号楼" "3栋" → "3"; "2单元" → "2"; "301室" → "301". */
function stripSuffix(value: string, suffixes: RegExp): string {
  return value.replace(suffixes, '').trim();
}

/** Split "3-2-301", "3幢2单元301室" or "3号楼301" into its parts. */
export function parseAddress(text: string): Address {
  const value = text.normalize('NFKC').replace(/\s+/g, '');
  const dashed = /^([^-—–]+)[-—–]([^-—–]+)(?:[-—–]([^-—–]+))?$/.exec(value);
  if (dashed) {
    return dashed[3] === undefined
      ? { building: dashed[1]!, unit: '', room: dashed[2]! }
      : { building: dashed[1]!, unit: dashed[2]!, room: dashed[3] };
  }
  const words = /^(?:(.+?)(?:号楼|幢|栋|楼))?(?:(.+?)单元)?(.+?)(?:室|号)?$/.exec(value);
  return { building: words?.[1] ?? '', unit: words?.[2] ?? '', room: words?.[3] ?? value };
}

export function normalizeAddress(address: Address): Address {
  return {
    building: stripSuffix(address.building.normalize('NFKC'), /(号楼|幢|栋|楼)$/),
    unit: stripSuffix(address.unit.normalize('NFKC'), /单元$/),
    room: stripSuffix(address.room.normalize('NFKC'), /(室|号)$/),
  };
}

/** A mobile number (a leading +86 dropped), a landline with its area code (0573…) or a local 7–8 digit one. */
function normalizePhone(value: string): string | null {
  const digits = value.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits) || /^[2-9]\d{6,7}$/.test(digits) ? digits : null;
}

function splitTags(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,，、;；/|\s]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ].slice(0, 20);
}

export type RosterCheck = { rows: RosterRow[]; problems: RowProblem[] };

/**
 * Turn the file's rows into residents, or a reason per bad row. Nothing is written here: the preview shows
 * both lists and the secretary decides. Blank rows are skipped silently (Excel exports trail them).
 */
export function checkRoster(
  dataRows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  options: { includeIdNumbers: boolean; locale: Locale },
): RosterCheck {
  const say = (key: keyof typeof reasons, params: Record<string, string | number> = {}) =>
    formatMessage(reasons[key][options.locale], params, options.locale);
  const rows: RosterRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();

  dataRows.forEach((raw, index) => {
    const line = index + 2;
    if (raw.every((value) => value.trim() === '')) return;
    const fail = (reason: string) => problems.push({ line, reason });
    const name = cell(raw, mapping.name).replace(/\s+/g, '');
    if (!name) return fail(say('noName'));
    if ([...name].length > 40) return fail(say('longName'));

    const genderText = cell(raw, mapping.gender);
    const gender = genders.find((g) => g === genderText) ?? null;
    if (genderText && !gender) return fail(say('gender', { value: genderText }));

    const combined = cell(raw, mapping.address);
    const parts = combined ? parseAddress(combined) : { building: '', unit: '', room: '' };
    const address = normalizeAddress({
      building: cell(raw, mapping.building) || parts.building,
      unit: cell(raw, mapping.unit) || parts.unit,
      room: cell(raw, mapping.room) || parts.room,
    });
    if (Object.values(address).some((p) => p.length > 20))
      return fail(say('address', { value: combined || Object.values(address).join('-') }));

    const phoneText = cell(raw, mapping.phone);
    const phone = phoneText ? normalizePhone(phoneText) : '';
    if (phone === null) return fail(say('phone', { value: phoneText }));

    let idNumber: string | null = null;
    if (options.includeIdNumbers && cell(raw, mapping.idNumber)) {
      const id = cell(raw, mapping.idNumber).toUpperCase();
      if (!/^(\d{17}[\dX]|\d{15})$/.test(id)) return fail(say('idNumber'));
      idNumber = maskIdNumber(id);
    }

    const areaText = cell(raw, mapping.area);
    const area = areaText ? Number(areaText.replace(/(平方米|平米|㎡|m2)$/i, '')) : null;
    if (area !== null && !(Number.isFinite(area) && area > 0 && area < 100_000))
      return fail(say('area', { value: areaText }));

    const key = residentKey(name, address);
    const first = seen.get(key);
    if (first !== undefined) return fail(say('duplicate', { line: first }));
    seen.set(key, line);
    rows.push({ line, name, gender, ...address, phone, tags: splitTags(cell(raw, mapping.tags)), idNumber, area });
  });
  return { rows, problems };
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
  includeIdNumbers: z.boolean().default(false),
});

export type RosterPreview = {
  encoding: string;
  headers: string[];
  mapping: ColumnMapping;
  /** The first rows as read, for the secretary to check the mapping against. */
  sample: string[][];
  valid: number;
  creates: number;
  updates: number;
  problems: RowProblem[];
  problemCount: number;
  hasIdNumbers: boolean;
};

export type RosterImportResult = { created: number; updated: number; skipped: number };
export type ExportedFile = { fileName: string; data: string; count: number };
