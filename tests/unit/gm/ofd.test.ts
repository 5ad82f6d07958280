import { spawnSync } from 'node:child_process';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { recordLayout } from '../../../electron/records/gm/ofd/layout';
import { paths, writeOfd } from '../../../electron/records/gm/ofd/package';
import { sealOfd, signPaths } from '../../../electron/records/gm/ofd/seal-ofd';
import { checkOfd, sealDistrust } from '../../../electron/records/gm/ofd/verify';
import { readOfdZip, writeOfdZip } from '../../../electron/records/gm/ofd/zip';
import { readSm2Certificate } from '../../../electron/records/gm/x509';
import { RecordDocument } from '../../../electron/records/pdf-document';
import { communitySeal, fonts, makeOffice, tempDir, write, type Office } from './tools';

const hash = 'a'.repeat(64);

/** A short record laid out by pdfkit as the app lays out minutes, recorded for OFD. */
async function layoutRecord() {
  const pdf = new RecordDocument(fonts, { title: '东湖社区议事会会议纪要', author: '东湖社区居民委员会' });
  const layout = recordLayout(pdf.doc);
  pdf.text('当湖街道 · 东湖社区', { size: 10, color: '#667085', align: 'center' }).rule();
  pdf.text('东湖社区议事会会议纪要', { size: 20, bold: true, align: 'center' });
  pdf.text('出席居民：王𠇔、李喆、赵赟', { size: 11.5 });
  pdf.text('议定事项：同意在 5 号楼北侧建设电动车充电桩，由物业公司负责，10 月底前完成。', { size: 11.5 });
  pdf.doc.save().fillColor('#000000').rect(72, 500, 6, 6).rect(84, 500, 6, 6).fill().restore();
  const bytes = await pdf.finish();
  return { pdf: bytes, pages: layout() };
}

async function sealedRecord(office: Office, signedAt = new Date()) {
  const { community, seal } = await communitySeal(office);
  const { pdf, pages } = await layoutRecord();
  const files = writeOfd(
    pages,
    {
      title: '东湖社区议事会会议纪要',
      author: '东湖社区居民委员会',
      createdAt: signedAt,
      custom: { YishitingContentHash: hash },
    },
    true,
  );
  const ofd = await sealOfd(files, {
    seal,
    signer: community.signer,
    stamp: { page: 0, x: 140, y: 200, width: 42, height: 42 },
    signedAt,
  });
  return { ofd, pdf, pages, community, seal };
}

describe('OFD package (GB/T 33190)', () => {
  it('is a ZIP that unzip tests clean, with the standard files and subset fonts holding every character used', async () => {
    const office = await makeOffice();
    const { ofd } = await sealedRecord(office);
    const dir = tempDir();
    write(dir, 'record.ofd', ofd);
    const tested = spawnSync('unzip', ['-t', 'record.ofd'], { cwd: dir, encoding: 'utf8' });
    expect(tested.stdout).toContain('No errors detected');
    const names = readOfdZip(ofd).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'OFD.xml',
        'Doc_0/Document.xml',
        'Doc_0/PublicRes.xml',
        'Doc_0/Pages/Page_0/Content.xml',
        'Doc_0/Signs/Signatures.xml',
        'Doc_0/Signs/Sign_0/Signature.xml',
        'Doc_0/Signs/Sign_0/Seal.esl',
        'Doc_0/Signs/Sign_0/SignedValue.dat',
      ]),
    );
    const entries = new Map(readOfdZip(ofd).map((e) => [e.name, e.data]));
    // Every XML file is well-formed for an independent parser (Python's expat).
    for (const [name, data] of entries) {
      if (!name.endsWith('.xml')) continue;
      const file = write(dir, name.replaceAll('/', '_'), data);
      const parsed = spawnSync('python3', [
        '-c',
        'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])',
        file,
      ]);
      expect(parsed.status, `${name}: ${String(parsed.stderr)}`).toBe(0);
    }
    const ofdXml = entries.get('OFD.xml')!.toString();
    expect(ofdXml).toContain('<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>');
    expect(ofdXml).toContain('<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>');
    const publicRes = entries.get(paths.publicRes)!.toString();
    const fontFiles = [...publicRes.matchAll(/<ofd:FontFile>(.*?)<\/ofd:FontFile>/g)].map((m) => m[1]!);
    expect(publicRes).toContain('FamilyName="Noto Sans SC"');
    const subsets = fontFiles.map((file) => fontkit.create(entries.get(`Doc_0/Res/${file}`)!) as fontkit.Font);
    const covers = (char: string) => subsets.some((f) => f.hasGlyphForCodePoint(char.codePointAt(0)!));
    for (const char of '东湖社区议事会会议纪要王李喆赵赟充电桩') expect(covers(char), char).toBe(true);
    expect(covers('𠇔')).toBe(true); // CJK Ext-B, from the fallback font
    expect(subsets.every((f) => f.numGlyphs < 200)).toBe(true); // subsets, not 30,000-glyph fonts
  }, 30_000);

  it('places each text object where pdftotext finds the same text in the PDF', async () => {
    const { pdf, pages } = await layoutRecord();
    const dir = tempDir();
    write(dir, 'record.pdf', pdf);
    const html = spawnSync('pdftotext', ['-bbox', 'record.pdf', '-'], { cwd: dir, encoding: 'utf8' }).stdout;
    const words = [
      ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)<\/word>/g),
    ].map((m) => ({ x: Number(m[1]) * (25.4 / 72), bottom: Number(m[3]) * (25.4 / 72), text: m[4]! }));
    const title = pages[0]!.texts.find((t) => t.text === '东湖社区议事会会议纪要')!;
    const word = words.find((w) => w.text === '东湖社区议事会会议纪要')!;
    expect(Math.abs(title.x - word.x)).toBeLessThan(0.2);
    expect(title.size).toBeCloseTo(20 * (25.4 / 72), 2);
    const resolution = pages[0]!.texts.find((t) => t.text.startsWith('议定事项'))!;
    const resolutionWord = words.find((w) => w.text.startsWith('议定事项'))!;
    expect(Math.abs(resolution.x - resolutionWord.x)).toBeLessThan(0.2);
    expect(resolution.y).toBeGreaterThan(title.y);
    // The footer pdfkit draws last, on every page, is recorded too.
    expect(pages[0]!.texts.some((t) => t.text === '第 1 页 共 1 页')).toBe(true);
    expect(pages[0]!.paths.some((p) => p.fill && p.shapes.length === 2)).toBe(true);
  });
});

/** Flip one byte and say what the verifier answers. */
const flipped = (ofd: Buffer, at: number) => {
  const copy = Buffer.from(ofd);
  copy[at]! ^= 0x20;
  return checkOfd(copy);
};

describe('OFD seal signature and verifier', () => {
  it('an untouched sealed OFD is intact: signer, seal, time and the content hash it carries', async () => {
    const office = await makeOffice();
    const signedAt = new Date();
    const { ofd, community } = await sealedRecord(office, signedAt);
    const check = checkOfd(ofd);
    expect(check.state).toBe('intact');
    if (check.state !== 'intact') return;
    expect(check.signer.fingerprint).toBe(readSm2Certificate(community.signer.certificate).fingerprint);
    expect(check.seal.name).toBe('东湖社区居民委员会');
    expect(check.signedAt.getTime()).toBe(Math.floor(signedAt.getTime() / 1000) * 1000);
    expect(check.custom.YishitingContentHash).toBe(hash);
    expect(sealDistrust(check, readSm2Certificate(office.signer.certificate))).toBeNull();
  });

  it('one flipped byte anywhere → tampered, with the reason for where it was', async () => {
    const office = await makeOffice();
    const { ofd } = await sealedRecord(office);
    const entries = readOfdZip(ofd);
    // Where each entry's data sits in the file: everything else is ZIP structure.
    const regions: { start: number; end: number; name: string }[] = [];
    let at = 0;
    for (const entry of entries) {
      const start = at + 30 + entry.name.length;
      regions.push({ start, end: start + entry.data.length, name: entry.name });
      at = start + entry.data.length;
    }
    // As in a PDF's CMS: a changed signature value or structure, or a changed digest (of Signature.xml, or the
    // seal it carries) inside it.
    const expected = (name: string) =>
      name === signPaths.signedValue
        ? ['signature_unreadable', 'signature_invalid', 'digest_mismatch']
        : name === paths.signatures
          ? ['package_damaged']
          : ['digest_mismatch'];

    let checked = 0;
    for (let position = 0; position < ofd.length; position += 1) {
      const region = regions.find((r) => position >= r.start && position < r.end);
      // Every structure byte; inside files, 24 spread positions each (every byte of a file is alike to SM3).
      if (region && (position - region.start) % Math.max(1, Math.floor((region.end - region.start) / 24))) continue;
      const check = flipped(ofd, position);
      checked += 1;
      expect(check.state, `byte ${position} (${region?.name ?? 'zip structure'})`).toBe('tampered');
      if (check.state !== 'tampered') continue;
      const allowed = region ? expected(region.name) : ['package_damaged'];
      expect(allowed, `byte ${position} in ${region?.name ?? 'zip structure'}: ${check.reason}`).toContain(
        check.reason,
      );
    }
    expect(checked).toBeGreaterThan(1000);
  }, 120_000);

  it('a file added after sealing is "not the whole document"; a removed one is a changed file', async () => {
    const office = await makeOffice();
    const { ofd } = await sealedRecord(office);
    const entries = readOfdZip(ofd).map(({ name, data }) => ({ name, data }));
    const added = writeOfdZip([...entries, { name: 'Doc_0/Pages/Page_1/Content.xml', data: Buffer.from('<x/>') }]);
    expect(checkOfd(added)).toMatchObject({ state: 'tampered', reason: 'not_whole_document' });
    const removed = writeOfdZip(entries.filter((e) => e.name !== paths.publicRes));
    expect(checkOfd(removed)).toMatchObject({ state: 'tampered', reason: 'digest_mismatch' });
    const unsigned = writeOfdZip(entries.filter((e) => !e.name.startsWith('Doc_0/Signs/')));
    expect(checkOfd(unsigned)).toEqual({ state: 'unsigned' });
  });

  it('a seal issued by another office is untrusted here, though the file is intact', async () => {
    const office = await makeOffice();
    const other = await makeOffice(new Date(), office.name);
    const { ofd } = await sealedRecord(other);
    const check = checkOfd(ofd);
    expect(check.state).toBe('intact');
    if (check.state !== 'intact') return;
    expect(sealDistrust(check, readSm2Certificate(office.signer.certificate))).toBe('seal_maker_unknown');
    expect(sealDistrust(check, readSm2Certificate(other.signer.certificate))).toBeNull();
  });
});
