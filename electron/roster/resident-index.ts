import { addressQuery, matchesAddress } from '../../shared/address';
import type { Resident } from '../../shared/domain/resident';
import { normalizeQuery } from '../../shared/roster-import';

/** `phone` stays on the main side: it answers a search by the number's last digits, never leaves in a result. */
export type IndexEntry = { resident: Resident; phone: string; searchText: string; initials: string };

/** SQLite's CAST(text AS INTEGER): the longest integer prefix after leading spaces, else 0. */
const sqliteInteger = (text: string) => {
  const prefix = /^\s*([+-]?\d+)/.exec(text);
  return prefix ? Number(prefix[1]) : 0;
};
/** SQLite's BINARY collation compares UTF-8 bytes, i.e. code points (JS `<` compares UTF-16 units). */
const binary = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The roster's address order, as the SQL that loads the index sorts it: building, unit and room by their
 * number and then their text, then the name.
 */
export function byAddressThenName(a: Resident, b: Resident): number {
  return (
    sqliteInteger(a.building) - sqliteInteger(b.building) ||
    binary(a.building, b.building) ||
    sqliteInteger(a.unit) - sqliteInteger(b.unit) ||
    sqliteInteger(a.room) - sqliteInteger(b.room) ||
    binary(a.room, b.room) ||
    binary(a.name, b.name)
  );
}

/**
 * What a query is looked for in: the search keys and the lower-cased role tags, made once per resident rather
 * than on every keystroke (lower-casing 20,000 residents' tags per keystroke was half the search). A query has
 * no whitespace, so it cannot match across the separators.
 */
type Indexed = IndexEntry & { haystack: string };
const indexed = (entry: IndexEntry): Indexed => ({
  ...entry,
  haystack: [entry.searchText, ...entry.resident.tags.map((tag) => tag.toLowerCase())].join('\n'),
});

const sameFlat = (a: Resident, b: Resident) => a.building === b.building && a.unit === b.unit && a.room === b.room;

/**
 * Strings joined into one, NUL-separated (no query holds a NUL), with where each starts: one `indexOf` walk over
 * it finds every string holding a needle, visiting no object (testing 20,000 residents' own strings took 2–8 ms
 * a keystroke: they lie scattered over the heap).
 */
class Joined {
  readonly text: string;
  private readonly starts: Int32Array;

  constructor(strings: readonly string[]) {
    this.starts = new Int32Array(strings.length);
    let at = 1;
    strings.forEach((value, i) => {
      this.starts[i] = at;
      at += value.length + 1;
    });
    this.text = `\0${strings.join('\0')}\0`;
  }

  /** Call `hit` once, in order, for each string that holds `needle` (a leading or trailing NUL anchors it). */
  each(needle: string, hit: (i: number) => void): void {
    const lead = needle.startsWith('\0') ? 1 : 0;
    const count = this.starts.length;
    let i = 0;
    for (let at = this.text.indexOf(needle); at !== -1;) {
      while (i + 1 < count && this.starts[i + 1]! <= at + lead) i += 1;
      hit(i);
      if (i + 1 >= count) return;
      at = this.text.indexOf(needle, this.starts[i + 1]! - lead);
    }
  }
}

const found = 1;
const initial = 2;
const exact = 4;

/**
 * The roster in memory, in address order, with its search keys, answered without visiting 20,000 objects per
 * keystroke (a LIKE scan with its count took ~20 ms; this takes well under 1 ms for most queries). Loaded on the
 * first search; one saved resident is put in place (a few ms, during the save) instead of reloading all 20,000
 * (~110 ms, which the check-in box felt on the first keystroke after a walk-in was added). An import reloads.
 */
export class ResidentIndex {
  private entries: Indexed[] | null = null;
  private keys = new Joined([]);
  private names = new Joined([]);
  private initials = new Joined([]);
  private phones = new Joined([]);

  constructor(private readonly load: () => IndexEntry[]) {}

  invalidate(): void {
    this.entries = null;
  }

  private loaded(): Indexed[] {
    if (!this.entries) {
      this.entries = this.load().map(indexed);
      this.join();
    }
    return this.entries;
  }

  private join(): void {
    const entries = this.entries!;
    this.keys = new Joined(entries.map((e) => e.haystack));
    this.names = new Joined(entries.map((e) => e.resident.name));
    this.initials = new Joined(entries.map((e) => e.initials));
    this.phones = new Joined(entries.map((e) => e.phone));
  }

  /** One resident added or changed: placed by address, and its flat's area given to everyone living there. */
  put(entry: IndexEntry): void {
    const entries = this.entries;
    if (!entries) return;
    const at = entries.findIndex((e) => e.resident.id === entry.resident.id);
    if (at >= 0) entries.splice(at, 1);
    for (const other of entries) {
      if (sameFlat(other.resident, entry.resident) && other.resident.area !== entry.resident.area)
        other.resident = { ...other.resident, area: entry.resident.area };
    }
    // After every entry that sorts before or with it, as a reload would place it.
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byAddressThenName(entries[middle]!.resident, entry.resident) <= 0) low = middle + 1;
      else high = middle;
    }
    entries.splice(low, 0, indexed(entry));
    this.join();
  }

  /**
   * Exact names first, then initials that start with the query, then every other match; each in address order.
   * A query written as an address ("7幢1单元101", "7-1-101") finds the flat whatever form the roster came in;
   * four or more digits also find a phone number ending with them (a resident says "尾号 0037"); a role tag
   * ("社区工作者", "党员") finds everyone who has it.
   */
  search(query: string, limit: number, offset: number): { total: number; items: Resident[] } {
    const entries = this.loaded();
    const q = normalizeQuery(query);
    if (!q) return { total: entries.length, items: entries.slice(offset, offset + limit).map((e) => e.resident) };

    const flags = new Uint8Array(entries.length);
    const address = addressQuery(q);
    if (address) {
      entries.forEach((entry, i) => {
        if (matchesAddress(address, entry.resident)) flags[i] = found;
      });
    } else {
      this.keys.each(q, (i) => (flags[i] = found));
    }
    if (/^\d{4,11}$/.test(q)) this.phones.each(`${q}\0`, (i) => (flags[i] = found));
    this.initials.each(`\0${q}`, (i) => (flags[i]! |= flags[i]! & found ? initial : 0));
    this.names.each(`\0${q}\0`, (i) => (flags[i]! |= flags[i]! & found ? exact : 0));

    let total = 0;
    for (const flag of flags) total += flag & found;
    const page: Resident[] = [];
    const wanted = offset + limit;
    let seen = 0;
    const collect = (test: (flag: number) => boolean) => {
      for (let i = 0; i < flags.length && seen < wanted; i += 1) {
        if (!test(flags[i]!)) continue;
        if (seen >= offset) page.push(entries[i]!.resident);
        seen += 1;
      }
    };
    collect((flag) => (flag & exact) !== 0);
    collect((flag) => (flag & (exact | initial)) === initial);
    collect((flag) => flag === found);
    return { total, items: page };
  }
}
