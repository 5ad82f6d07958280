import type Database from 'better-sqlite3';

/**
 * The collected minutes' search index (collected_pairs, FTS5) holds every text as its overlapping pairs of
 * characters, written out in JS because FTS5's own tokenizers cannot: trigrams find nothing shorter than three
 * characters, and 电梯 or 停车 is what a clerk types. A text of n characters gives n tokens — the pair starting at
 * each character, and the last character alone — so token i stands at position i and a word of k ≥ 2 characters
 * is exactly the phrase of its k − 1 pairs (FTS5 checks the positions); one character is the prefix "its pair
 * with anything, or alone". Each pair is spelled in hex code points ("7535g68af"), so punctuation, quotes, NUL
 * or emoji in the minutes are plain letters to the index and nothing in a query reaches FTS5's syntax.
 */

/** Each character folded, and its code point in hex, remembered: a million minutes are 300 million characters. */
const folded = new Map<number, [char: string, hex: string]>();
function foldedOf(cp: number): [char: string, hex: string] {
  let entry = folded.get(cp);
  if (entry === undefined) {
    const ch = String.fromCodePoint(cp);
    const lower = ch.toLowerCase();
    // Lower case only where that stays one character of the same length (İ would grow): indices stay put.
    const char = lower.length === ch.length && [...lower].length === 1 ? lower : ch;
    entry = [char, char.codePointAt(0)!.toString(16)];
    if (folded.size < 65_536) folded.set(cp, entry);
  }
  return entry;
}

/** The text as the index compares it: case folded one character at a time, every index unchanged. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) out += foldedOf(ch.codePointAt(0)!)[0];
  return out;
}

/** What the index stores for a text: one token per character, as above. */
export function searchPairs(text: string): string {
  let out = '';
  let previous: string | undefined;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const hex = foldedOf(cp)[1];
    if (previous !== undefined) out += `${previous}g${hex} `;
    previous = hex;
  }
  return previous === undefined ? out : `${out}${previous}g`;
}

/** One word of a query as an FTS5 expression: the phrase of its pairs, or a prefix for a single character. */
export function pairQuery(word: string): string {
  const chars = [...word].map((ch) => foldedOf(ch.codePointAt(0)!)[1]);
  if (chars.length === 1) return `${chars[0]}g*`;
  return `"${chars
    .slice(1)
    .map((ch, i) => `${chars[i]}g${ch}`)
    .join(' ')}"`;
}

/**
 * The index's triggers call search_pairs(); every connection to our files gets it (a connection without it could
 * not write a collected meeting, and says so: "no such function").
 */
export function registerSearchPairs(sqlite: Database.Database): void {
  sqlite.function('search_pairs', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchPairs(text) : '',
  );
}
