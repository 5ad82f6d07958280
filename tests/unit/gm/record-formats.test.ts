import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { contentHashOf } from '../../../electron/records/hash';
import { paths } from '../../../electron/records/gm/ofd/package';
import { readOfdZip, writeOfdZip } from '../../../electron/records/gm/ofd/zip';
import { sealOfd } from '../../../electron/records/gm/ofd/seal-ofd';
import { send } from '../helpers';
import { finalizedWithIdentity } from '../meetings';
import { communitySeal, makeOffice, tempDir, write } from './tools';

const run = (tool: string, args: string[], cwd: string) => spawnSync(tool, args, { cwd, encoding: 'utf8' });
const pdfsig = (dir: string, file: string) => run('pdfsig', [file], dir).stdout;

/** Every character of every TextCode on a page, in order. */
const pageText = (content: Buffer) =>
  [...content.toString('utf8').matchAll(/<ofd:TextCode[^>]*>([^<]*)<\/ofd:TextCode>/g)].map((m) => m[1]).join('');

describe('record:export as OFD', () => {
  it('gives the minutes as an OFD with the PDF’s pages and text, the Ext-B name in an embedded subset font', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const dir = tempDir();
    const ofdFile = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'ofd' });
    expect(ofdFile.fileName).toMatch(/会议纪要\.ofd$/);
    expect(ofdFile.type).toBe('application/ofd');
    const ofd = Buffer.from(ofdFile.data, 'base64');
    write(dir, 'minutes.ofd', ofd);
    expect(run('unzip', ['-t', 'minutes.ofd'], dir).stdout).toContain('No errors detected');
    const pdf = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'pdf' });
    write(dir, 'minutes.pdf', Buffer.from(pdf.data, 'base64'));

    const entries = new Map(readOfdZip(ofd).map((e) => [e.name, e.data]));
    const pages = [...entries.keys()].filter((name) => /Pages\/Page_\d+\/Content\.xml$/.test(name));
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', ['minutes.pdf'], dir).stdout)![1]);
    expect(pages.length).toBe(pdfPages);

    // The same characters as pdftotext reads from the PDF, page by page (its reading order and spacing aside).
    for (let i = 0; i < pdfPages; i += 1) {
      const pdfText = run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), 'minutes.pdf', '-'], dir).stdout;
      const ofdText = pageText(entries.get(paths.page(i))!);
      const squash = (s: string) => [...s.replace(/\s+/g, '')].sort().join('');
      expect(squash(ofdText)).toBe(squash(pdfText));
    }
    const all = pages.map((p) => pageText(entries.get(p)!)).join('');
    expect(all).toContain('王𠇔');
    expect(all).toContain('验证信息');

    const publicRes = entries.get(paths.publicRes)!.toString();
    const subsets = [...publicRes.matchAll(/<ofd:FontFile>(.*?)<\/ofd:FontFile>/g)].map(
      (m) => fontkit.create(entries.get(`Doc_0/Res/${m[1]}`)!) as fontkit.Font,
    );
    expect(subsets.some((f) => f.hasGlyphForCodePoint('𠇔'.codePointAt(0)!))).toBe(true);

    // The OFD carries the same content hash as the PDF.
    const ofdXml = entries.get(paths.ofd)!.toString();
    const minutes = await send(core, 'minutes:get', { id: meeting.id });
    expect(ofdXml).toContain(`<ofd:CustomData Name="YishitingContentHash">${minutes.recordHash}</ofd:CustomData>`);
  }, 60_000);

  it('gives the 公示 as OFD too', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const file = await send(core, 'record:export', { id: meeting.id, kind: 'resolutions', format: 'ofd' });
    const entries = new Map(readOfdZip(Buffer.from(file.data, 'base64')).map((e) => [e.name, e.data]));
    expect(pageText(entries.get(paths.page(0))!)).toContain('同意在 5 号楼北侧建设充电桩');
  }, 30_000);
});

describe('record:verify on OFD', () => {
  it('an unsealed OFD is unsigned; a sealed one from an office unknown here is intact but of an unknown signer; a changed byte is tampered with its reason', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const file = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'ofd' });
    const unsealed = Buffer.from(file.data, 'base64');
    const verify = (data: Buffer, fileName = 'x.ofd') =>
      send(core, 'record:verify', { fileName, data: data.toString('base64') });
    expect(await verify(unsealed)).toMatchObject({ verdict: 'unsigned', reason: null });

    // Sealed by an SM2 office this database does not hold: intact, not trusted.
    const office = await makeOffice();
    const { community, seal } = await communitySeal(office);
    const files = new Map(readOfdZip(unsealed).map((e) => [e.name, e.data]));
    files.set(
      paths.ofd,
      Buffer.from(
        files
          .get(paths.ofd)!
          .toString()
          .replace('</ofd:DocRoot>', '</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>'),
      ),
    );
    const sealed = await sealOfd(files, {
      seal,
      signer: community.signer,
      stamp: { page: 0, x: 140, y: 200, width: 42, height: 42 },
      signedAt: new Date(),
    });
    const minutes = await send(core, 'minutes:get', { id: meeting.id });
    expect(await verify(sealed, 'named.pdf')).toMatchObject({
      verdict: 'unknown_signer',
      signer: { name: '东湖社区居民委员会' },
      contentHash: minutes.recordHash,
      // A copied hash proves nothing: only a seal this database made (or trusts) may say it matches the minutes.
      match: { state: 'none' },
    });

    const pageStart = sealed.indexOf('同意在 5 号楼');
    const changed = Buffer.from(sealed);
    changed[pageStart > 0 ? pageStart : 200]! ^= 1;
    const tampered = await verify(changed);
    expect(tampered.verdict).toBe('tampered');
    expect(['digest_mismatch', 'package_damaged']).toContain(tampered.reason);
    expect(tampered.match).toEqual({ state: 'none' });

    // A file slipped into the package after sealing.
    const entries = readOfdZip(sealed).map(({ name, data }) => ({ name, data }));
    const added = writeOfdZip([...entries, { name: 'Doc_0/Res/extra.png', data: Buffer.from('x') }]);
    expect(await verify(added)).toMatchObject({ verdict: 'tampered', reason: 'not_whole_document' });
    // A damaged ZIP header.
    const header = Buffer.from(sealed);
    header[6]! ^= 1;
    expect(await verify(header)).toMatchObject({ verdict: 'tampered', reason: 'package_damaged' });
  }, 60_000);
});

describe('record:export as the PDF/A-3b archive copy', () => {
  it('is signed (pdfsig valid, whole document), clean for qpdf, and carries the minutes’ canonical JSON', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const dir = tempDir();
    const file = await send(core, 'record:export', { id: meeting.id, kind: 'minutes', format: 'pdfa' });
    expect(file.fileName).toMatch(/会议纪要-存档版\.pdf$/);
    write(dir, 'archive.pdf', Buffer.from(file.data, 'base64'));
    expect(run('qpdf', ['--check', 'archive.pdf'], dir).stdout).toContain('No syntax or stream encoding errors');
    expect(run('qpdf', ['--list-attachments', 'archive.pdf'], dir).stdout).toContain('record.json');
    const json = run('qpdf', ['--show-attachment=record.json', 'archive.pdf'], dir).stdout;
    const minutes = await send(core, 'minutes:get', { id: meeting.id });
    // The JSON is the one the content hash is computed from.
    expect(createHash('sha256').update(json).digest('hex')).toBe(minutes.contentHash);
    expect(contentHashOf(JSON.parse(json))).toBe(minutes.contentHash);
    const sig = pdfsig(dir, 'archive.pdf');
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    run('qpdf', ['--qdf', '--object-streams=disable', 'archive.pdf', 'plain.pdf'], dir);
    const plain = run('cat', ['plain.pdf'], dir).stdout;
    expect(plain).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(plain).toMatch(/\/AFRelationship \/Data/);
    expect(await send(core, 'record:verify', { fileName: 'a.pdf', data: file.data })).toMatchObject({
      verdict: 'valid',
      match: { state: 'current' },
    });
  }, 60_000);

  it('is only for the minutes: asked for the sign-in record, it says so in Chinese', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const result = await core.guard(
      'record:export',
      { id: meeting.id, kind: 'sign_in', format: 'pdfa' },
      { trusted: true },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain('只有会议纪要有存档版');
  });
});
