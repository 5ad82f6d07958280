import * as fontkit from 'fontkit';
import type { FontFiles } from './font-files';

type Coverage = { file: string; has(codePoint: number): boolean };

const coverageCache = new Map<string, Coverage>();

function coverage(file: string): Coverage {
  let found = coverageCache.get(file);
  if (!found) {
    const opened = fontkit.openSync(file);
    const font = 'fonts' in opened ? opened.fonts[0]! : opened;
    found = { file, has: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
    coverageCache.set(file, found);
  }
  return found;
}

export type Run = { font: string; text: string };

/** Cut text into runs each set in the first font that has its characters; the primary font otherwise. */
export function fontRuns(text: string, primary: string, fallbacks: readonly string[]): Run[] {
  const fonts = [primary, ...fallbacks].map(coverage);
  const runs: Run[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const font = codePoint < 0x2e80 ? primary : (fonts.find((f) => f.has(codePoint))?.file ?? primary);
    const last = runs.at(-1);
    if (last?.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}

/** Characters no available font can draw: named to the secretary before export, never printed as tofu. */
export function missingGlyphs(texts: readonly string[], fonts: FontFiles): string[] {
  const all = [fonts.regular, ...fonts.fallbacks].map(coverage);
  const missing = new Set<string>();
  for (const text of texts) {
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (codePoint > 0x20 && !/\s/.test(char) && !all.some((f) => f.has(codePoint))) missing.add(char);
    }
  }
  return [...missing];
}
