import fs from 'node:fs';
import * as fontkit from 'fontkit';
import type { FontFiles } from './font-files';

const bytesCache = new Map<string, Buffer>();
const fontCache = new Map<string, fontkit.Font>();

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

/**
 * A font file parsed once per process and shared by every document, the glyph check and the OFD writer: pdfkit
 * given bytes parses the font again for each document and lays out every character afresh (a third of a warm
 * 30-page export); given this object it keeps fontkit's glyphs and tables from one export to the next.
 */
export function parsedFont(file: string): fontkit.Font {
  let font = fontCache.get(file);
  if (!font) {
    const opened = fontkit.create(fontBytes(file));
    font = 'fonts' in opened ? opened.fonts[0]! : opened;
    fontCache.set(file, font);
  }
  return font;
}

const has = (file: string, codePoint: number) => parsedFont(file).hasGlyphForCodePoint(codePoint);

export type Run = { font: string; text: string };

/** Cut text into runs each set in the first font that has its characters; the primary font otherwise. */
export function fontRuns(text: string, primary: string, fallbacks: readonly string[]): Run[] {
  // Fallback fonts are opened only when a character needs them.
  const files = [primary, ...fallbacks];
  const runs: Run[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const font = codePoint < 0x2e80 ? primary : (files.find((file) => has(file, codePoint)) ?? primary);
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
      if (codePoint > 0x20 && !/\s/.test(char) && !files.some((file) => has(file, codePoint))) {
        missing.add(char);
      }
    }
  }
  return [...missing];
}
