import type { Resident } from '../../shared/domain/resident';

export type IndexEntry = { resident: Resident; searchText: string; initials: string };

/**
 * The roster in memory, in address order, with its search keys. A LIKE scan of 20,000 rows plus its count
 * and the row fetch took ~20 ms per keystroke; filtering these objects takes ~1 ms. Rebuilt lazily after a change.
 */
export class ResidentIndex {
  private entries: IndexEntry[] | null = null;

  constructor(private readonly load: () => IndexEntry[]) {}

  invalidate(): void {
    this.entries = null;
  }

  /** Exact names first, then initials that start with the query, then every other match; each in address order. */
  search(query: string, limit: number, offset: number): { total: number; items: Resident[] } {
    this.entries ??= this.load();
    const q = query.trim().toLowerCase();
    let matches = this.entries;
    if (q) {
      const exact: IndexEntry[] = [];
      const initials: IndexEntry[] = [];
      const rest: IndexEntry[] = [];
      for (const entry of this.entries) {
        if (!entry.searchText.includes(q)) continue;
        if (entry.resident.name === q) exact.push(entry);
        else if (entry.initials.startsWith(q)) initials.push(entry);
        else rest.push(entry);
      }
      matches = [...exact, ...initials, ...rest];
    }
    return { total: matches.length, items: matches.slice(offset, offset + limit).map((e) => e.resident) };
  }
}
