import type { Address } from './domain/resident';

/**
 * One rule for the ways an address is written in a compound: "7-1-101", "7幢1单元101室", "7栋一单元101号",
 * "7号楼1单元101", "A座1201", "7#1-101". Every form comes out as the same parts ({7, 1, 101}), which is what the
 * roster stores, what "7-1-101" displays and what search compares.
 */

const numerals: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "一单元" "十二幢" "二十一栋": the small Chinese numbers people write before 幢/栋/单元. */
function arabic(text: string): string {
  return text.replace(
    /([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)(?=号楼|幢|栋|座|单元|楼|号|室)/g,
    (all, a, ten, b) => {
      if (!all) return all;
      if (!ten) return String(numerals[a as string] ?? '') + (b ? String(numerals[b as string]) : '');
      return String((a ? numerals[a as string]! : 1) * 10 + (b ? numerals[b as string]! : 0));
    },
  );
}

const part = '([0-9A-Za-z]+)';
const buildingMark = /^([0-9A-Za-z]+)(?:号楼|#楼|幢|栋|座|楼|#|号(?=[0-9A-Za-z]+单元))/;
const unitMark = /^([0-9A-Za-z]+)单元/;
const roomMark = new RegExp(`^${part}(?:室|号|户)?$`);

/** Full-width forms folded, spaces dropped, every kind of dash made "-", a compound's name in front dropped. */
function tidy(text: string): string {
  return arabic(
    text
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[‐‑‒–—―－~～_/\\]/g, '-'),
  )
    .replace(/^[^0-9A-Za-z]*?(?=[0-9A-Za-z])/, '')
    .toUpperCase();
}

export type ParsedAddress = Address & { recognised: boolean };

/** Split an address as written into its parts; `recognised` is false when some of it fits no known form. */
export function parseAddress(text: string): ParsedAddress {
  let rest = tidy(text);
  const found: Address = { building: '', unit: '', room: '' };
  const building = buildingMark.exec(rest);
  if (building) {
    found.building = building[1]!;
    rest = rest.slice(building[0].length).replace(/^-/, '');
  }
  const unit = unitMark.exec(rest);
  if (unit) {
    found.unit = unit[1]!;
    rest = rest.slice(unit[0].length).replace(/^-/, '');
  }
  const dashed = rest.split('-').filter(Boolean);
  if (dashed.length > 1 && dashed.every((p) => /^[0-9A-Za-z]+(?:室|号|户)?$/.test(p))) {
    const [a, b, c] = dashed.map((p) => p.replace(/(室|号|户)$/, ''));
    if (dashed.length === 3 && !found.building && !found.unit) Object.assign(found, { building: a, unit: b, room: c });
    else if (dashed.length === 2 && !found.building) Object.assign(found, { building: a, room: b });
    else if (dashed.length === 2 && !found.unit) Object.assign(found, { unit: a, room: b });
    else return { ...found, recognised: false };
    return { ...found, recognised: true };
  }
  if (rest) {
    const room = roomMark.exec(rest);
    if (!room) return { ...found, recognised: false };
    found.room = room[1]!;
  }
  return { ...found, recognised: Boolean(found.building || found.unit || found.room) };
}

/** Each part as its own column holds it: "7幢" "7号楼" "七栋" → "7"; "1单元" "一单元" → "1"; "101室" → "101". */
export function normalizeAddress(address: Address): Address {
  const strip = (value: string, marks: RegExp) => tidy(value).replace(marks, '');
  return {
    building: strip(address.building, /(号楼|#楼|幢|栋|座|楼|#|号)$/),
    unit: strip(address.unit, /单元$/),
    room: strip(address.room, /(室|号|户)$/),
  };
}

/** Does a search look like an address ("7幢1单元", "7-1-101") rather than a name, a room or a phone tail? */
export function addressQuery(query: string): ParsedAddress | null {
  const value = query.normalize('NFKC');
  if (!/[0-9A-Za-z]/.test(value) || !/(号楼|幢|栋|座|单元|室|#|\d\s*[-－—–]\s*\d)/.test(value)) return null;
  const parsed = parseAddress(value);
  return parsed.recognised ? parsed : null;
}

/**
 * A resident lives at the address a query names: every part given must match, the last one may be half typed
 * ("7-1-10" finds 7-1-101), and "7-1" finds both unit 1 of building 7 and room 1… of a building without units.
 */
export function matchesAddress(query: Address, address: Address): boolean {
  const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
  const starts = (a: string, b: string) => a.toUpperCase().startsWith(b.toUpperCase());
  if (query.building && !same(address.building, query.building)) return false;
  if (query.unit && !same(address.unit, query.unit)) return false;
  if (!query.room) return true;
  return starts(address.room, query.room) || (!query.unit && same(address.unit, query.room));
}
