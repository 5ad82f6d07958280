import * as fontkit from 'fontkit';
import type { FontFiles } from './font-files';

import fs from 'node:fs';

type Coverage = { file: string; has(codePoint: number): boolean };

const bytesCache = new Map<string, Buffer>();
const coverageCache = new Map<string, Coverage>();

/**
 * A font file's bytes, read once per process: pdfkit and fontkit then share them instead of each document
 * reading 10–30 MB files again (which is what made memory climb from one export to the next).
 */
export function fontBytes(file: string): Buffer {
  let bytes = bytesCache.get(file);
  if (!bytes) {
    bytes = fs.readFileSync(file);
    bytesCache.set(file, bytes);
  }
  return bytes;
}

function coverage(file: string): Coverage {
  let found = coverageCache.get(file);
  if (!found) {
    const opened = fontkit.create(fontBytes(file));
    const font = 'fonts' in opened ? opened.fonts[0]! : opened;
    found = { file, has: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
    coverageCache.set(file, found);
  }
  return found;
}

export type Run = { font: string; text: string };

/** Cut text into runs each set in the first font that has its characters; the primary font otherwise. */
export function fontRuns(text: string, primary: string, fallbacks: readonly string[]): Run[] {
  // Fallback fonts are opened only when a character needs them.
  const files = [primary, ...fallbacks];
  const runs: Run[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const font = codePoint < 0x2e80 ? primary : (files.find((file) => coverage(file).has(codePoint)) ?? primary);
    const last = runs.at(-1);
    if (last?.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}

/** Characters no available font can draw: named to the secretary before export, never printed as tofu. */
export function missingGlyphs(texts: readonly string[], fonts: FontFiles): string[] {
  const files = [fonts.regular, ...fonts.fallbacks];
  const missing = new Set<string>();
  for (const text of texts) {
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (codePoint > 0x20 && !/\s/.test(char) && !files.some((file) => coverage(file).has(codePoint))) {
        missing.add(char);
      }
    }
  }
  return [...missing];
}
