import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import { bundledFonts } from '../../../electron/records/font-files';
import { archiveJsonName } from '../../../electron/records/gm/pdfa';
import { RecordDocument } from '../../../electron/records/pdf-document';
import { tempDir, write } from './tools';

const fonts = bundledFonts(path.resolve('node_modules/@expo-google-fonts/noto-sans-sc'));
const run = (tool: string, args: string[], cwd: string) => spawnSync(tool, args, { cwd, encoding: 'utf8' });

/**
 * No PDF/A validator (veraPDF) is available here, so these are the ISO 19005-3 clauses we check, each with an
 * independent tool: XMP identification (6.6.4) and an sRGB output intent (6.2.3) in the uncompressed file
 * qpdf writes; every font embedded (6.2.11.4.1) by pdffonts; no encryption (6.1.3) by qpdf; the
 * associated file with AFRelationship, MIME type and the catalog's /AF (6.8) by qpdf --list-attachments and the
 * object text; a clean structure (6.1) by qpdf --check.
 */
describe('PDF/A-3b archive copy', () => {
  it("carries the record's canonical JSON as an associated file, XMP identification, sRGB intent, embedded fonts", async () => {
    const dir = tempDir();
    const record = { header: { title: '东湖社区议事会', community: '东湖社区' }, present: '王𠇔、李喆' };
    const json = canonicalJson(record);
    const pdf = new RecordDocument(
      fonts,
      { title: '东湖社区议事会会议纪要', author: '东湖社区居民委员会' },
      { format: 'pdfa', json },
    );
    pdf.text('东湖社区议事会会议纪要', { size: 20, bold: true, align: 'center' });
    pdf.text('出席居民：王𠇔、李喆', { size: 11.5 });
    write(dir, 'archive.pdf', await pdf.finish());

    expect(run('qpdf', ['--check', 'archive.pdf'], dir).stdout).toContain('No syntax or stream encoding errors');
    expect(run('qpdf', ['--list-attachments', 'archive.pdf'], dir).stdout).toContain(archiveJsonName);
    expect(run('qpdf', [`--show-attachment=${archiveJsonName}`, 'archive.pdf'], dir).stdout).toBe(json);
    expect(run('qpdf', ['--show-encryption', 'archive.pdf'], dir).stdout).toContain('File is not encrypted');

    const fontsTable = run('pdffonts', ['archive.pdf'], dir).stdout.trim().split('\n').slice(2);
    expect(fontsTable.length).toBeGreaterThanOrEqual(2); // Noto Sans SC (regular, bold) and the Ext-B fallback
    for (const line of fontsTable) expect(line.split(/\s+/).at(-5), line).toBe('yes'); // emb

    run('qpdf', ['--qdf', '--object-streams=disable', 'archive.pdf', 'plain.pdf'], dir);
    const plain = run('cat', ['plain.pdf'], dir).stdout;
    expect(plain).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(plain).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(plain).toMatch(/\/S \/GTS_PDFA1/);
    expect(plain).toContain('sRGB IEC61966-2.1');
    expect(plain).toMatch(/\/AFRelationship \/Data/);
    expect(plain).toMatch(/\/Subtype \/application#2fjson/);
    expect(plain).toMatch(/\/AF \[/);
    expect(plain.startsWith('%PDF-1.7')).toBe(true);
    expect(plain).toMatch(/\/ID \[/);
  });
});
