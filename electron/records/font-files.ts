import fs from 'node:fs';
import path from 'node:path';

export type FontFiles = { regular: string; bold: string; fallbacks: string[] };

/**
 * Noto Sans SC is bundled (users' machines have no CJK font we can count on), but it holds only 54 of the
 * 42,720 CJK Ext-B characters real rosters use. Fallbacks that cover them: SimSun-ExtB on every Windows,
 * HanaMin on Debian (fonts-hanazono), and the common macOS CJK fonts.
 */
export const fallbackCandidates = [
  'C:\\Windows\\Fonts\\simsunb.ttf',
  '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf',
  '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf',
  '/System/Library/Fonts/Supplemental/Songti.ttc',
];

export function bundledFonts(fontPackageDir: string): FontFiles {
  return {
    regular: path.join(fontPackageDir, '400Regular', 'NotoSansSC_400Regular.ttf'),
    bold: path.join(fontPackageDir, '700Bold', 'NotoSansSC_700Bold.ttf'),
    fallbacks: fallbackCandidates.filter((file) => fs.existsSync(file)),
  };
}
