import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { closedMeeting, finalizedWithIdentity } from './meetings';
import { coreWithCommunity, makeCore, send, tempDir, testPassphrase } from './helpers';

const tool = (name: string, ...args: string[]) => execFileSync(name, args, { encoding: 'utf8' });
/** pdfsig exits 0 for valid and broken files alike: its words are the verdict. */
const pdfsig = (file: string) => spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;

async function exportTo(core: Core, id: number, kind: 'minutes' | 'sign_in' | 'resolutions', dir: string) {
  const file = await send(core, 'record:export', { id, kind });
  const target = path.join(dir, `${kind}.pdf`);
  fs.writeFileSync(target, Buffer.from(file.data, 'base64'));
  return { file, target };
}

describe('minutes', () => {
  it('are drafted from the record when the meeting closes', async () => {
    const { core, meeting } = await closedMeeting();
    const minutes = await send(core, 'minutes:get', { id: meeting.id });
    expect(minutes.status).toBe('draft');
    const { header, attendance, items } = minutes.content;
    expect(header).toMatchObject({
      host: '陈书记',
      recorder: '林社工',
      place: '社区议事厅',
      pavilion: '东湖幸福议事亭',
    });
    expect(header.time).toMatch(/^\d{2}:\d{2}—\d{2}:\d{2}$/);
    expect(attendance.present).toBe('王𠇔、李喆');
    expect(attendance.proxies).toBe('赵赟 委托 李喆');
    expect(attendance.guests).toContain('周经理（物业公司 · 经理）');
    expect(attendance.absent).toBe('刘昇');
    expect(attendance.quorum).toContain('达到法定人数');
    expect(items.map((i) => i.title)).toEqual(['电动车充电桩选址', '楼道堆物清理']);
    expect(items[0]!.discussion).toBe('王𠇔：建议放在 5 号楼北侧空地');
    expect(items[0]!.vote).toContain('举手表决');
    expect(items[0]!.vote).toContain('赞成 2');
    expect(items[0]!.vote).toMatch(/^表决事项：在 5 号楼北侧建设充电桩。表决方式：/);
    expect(items[0]!.resolution).toBe('同意在 5 号楼北侧建设充电桩。');
    expect(items[1]!.resolution).toBe('本周六由楼组长组织集中清理楼道堆物');
  });

  it('refuse minutes for a meeting that has not closed', async () => {
    const core = await coreWithCommunity();
    const meeting = await send(core, 'meeting:create', { title: '未开的会' });
    const result = await core.guard('minutes:get', { id: meeting.id }, { trusted: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'meeting_not_closed' } });
  });

  it('keep their sections: a save that drops an item is refused and nothing changes', async () => {
    const { core, meeting } = await closedMeeting();
    const draft = await send(core, 'minutes:get', { id: meeting.id });
    const result = await core.guard(
      'minutes:save',
      { id: meeting.id, content: { ...draft.content, items: draft.content.items.slice(1) } },
      { trusted: true },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'minutes_structure' } });
    expect((await send(core, 'minutes:get', { id: meeting.id })).content).toEqual(draft.content);
  });

  it('are locked by finalizing: hash and audit head stored, edits refused, amendments chained after', async () => {
    const { core, meeting } = await closedMeeting();
    const draft = await send(core, 'minutes:get', { id: meeting.id });
    draft.content.closing.other = '会议于 21:00 结束。';
    await send(core, 'minutes:save', { id: meeting.id, content: draft.content });
    const head = core.db!.$client.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').pluck().get();
    const final = await send(core, 'minutes:finalize', { id: meeting.id, by: '林社工' });
    expect(final).toMatchObject({ status: 'final', finalizedBy: '林社工', auditHead: head });
    expect(final.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(final.recordHash).toBe(final.contentHash);

    const edit = await core.guard('minutes:save', { id: meeting.id, content: draft.content }, { trusted: true });
    expect(edit).toMatchObject({
      ok: false,
      error: { code: 'minutes_final', message: expect.stringContaining('修正') },
    });
    // The database itself refuses, whatever a future service might try.
    expect(() => core.db!.$client.prepare("UPDATE minutes SET content = '{}'").run()).toThrow(/immutable/);

    const amended = await send(core, 'minutes:amend', {
      id: meeting.id,
      section: '1 电动车充电桩选址',
      text: '责任方更正为业委会。',
      reason: '会上口误',
      author: '陈书记',
    });
    expect(amended.content).toEqual(final.content);
    expect(amended.contentHash).toBe(final.contentHash);
    expect(amended.amendments).toMatchObject([{ section: '1 电动车充电桩选址', reason: '会上口误', author: '陈书记' }]);
    expect(amended.recordHash).not.toBe(final.contentHash);
    expect(() => core.db!.$client.prepare('DELETE FROM minutes_amendment').run()).toThrow(/append-only/);
  });
});

describe('signing identity', () => {
  it('is an RSA-3072 certificate naming the committee and 街道, locked behind its passphrase', async () => {
    const dataDir = tempDir();
    const core = makeCore({ dataDir });
    await send(core, 'community:save', {
      name: '东湖社区',
      subDistrict: '当湖街道',
      district: '平湖市',
      pavilionName: '东湖幸福议事亭',
      pavilionPlace: '文化长廊',
    });
    const short = await core.guard('identity:create', {}, { trusted: true });
    expect(short).toMatchObject({ ok: false, error: { code: 'passphrase_required' } });
    const identity = await send(core, 'identity:create', { passphrase: 'correct horse 1' });
    expect(identity.subject).toContain('CN=东湖社区居民委员会');
    expect(identity.subject).toContain('O=当湖街道');
    expect(identity.unlocked).toBe(true);
    // The stored key is sealed (scrypt + AES-256-GCM), never in the clear: tests/unit/identity-keys.test.ts.
    const stored = core.db!.$client.prepare('SELECT encrypted_key FROM signing_identity').pluck().get() as string;
    expect(JSON.parse(stored)).toMatchObject({ kdf: { name: 'scrypt' }, cipher: 'aes-256-gcm' });
    core.close();

    const reopened = makeCore({ dataDir });
    expect(await send(reopened, 'identity:get', {})).toMatchObject({
      current: { unlocked: false },
      protection: 'passphrase',
    });
    const wrong = await reopened.guard('identity:unlock', { passphrase: 'wrong horse 1' }, { trusted: true });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'passphrase_wrong' } });
    expect(await send(reopened, 'identity:unlock', { passphrase: 'correct horse 1' })).toMatchObject({
      unlocked: true,
    });
  }, 60_000);

  it('uses the shell’s key protection when there is one, and round-trips through an encrypted P12', async () => {
    const sealed: string[] = [];
    const keyProtection = {
      encrypt: (plain: string) => (sealed.push(plain), `sealed:${sealed.length - 1}`),
      decrypt: (stored: string) => sealed[Number(stored.split(':')[1])]!,
    };
    const core = makeCore({ keyProtection });
    await send(core, 'community:save', {
      name: '西湖社区',
      subDistrict: '钟埭街道',
      district: '平湖市',
      pavilionName: '西湖议事亭',
      pavilionPlace: '活动室',
    });
    const identity = await send(core, 'identity:create', {});
    expect(identity).toMatchObject({ protection: 'safe_storage', unlocked: true });
    const p12 = await send(core, 'identity:exportP12', { password: 'backup-pass-1' });

    const other = await coreWithCommunity();
    const bad = await other.guard(
      'identity:importP12',
      { fileName: 'x.p12', data: p12.data, password: 'nope', passphrase: 'another pass 1' },
      { trusted: true },
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'p12_password' } });
    const junk = await other.guard(
      'identity:importP12',
      {
        fileName: 'x.p12',
        data: Buffer.from('not a p12').toString('base64'),
        password: 'x',
        passphrase: 'another pass 1',
      },
      { trusted: true },
    );
    expect(junk).toMatchObject({ ok: false, error: { code: 'p12_invalid' } });
    const imported = await send(other, 'identity:importP12', {
      fileName: 'x.p12',
      data: p12.data,
      password: 'backup-pass-1',
      passphrase: 'another pass 1',
    });
    expect(imported).toMatchObject({
      fingerprint: identity.fingerprint,
      source: 'imported',
      subject: identity.subject,
    });
  }, 60_000);
});

describe('signed records', () => {
  it('refuse to export before the minutes are final or without an identity', async () => {
    const { core, meeting } = await closedMeeting();
    expect(await core.guard('record:export', { id: meeting.id, kind: 'minutes' }, { trusted: true })).toMatchObject({
      ok: false,
      error: { code: 'minutes_not_final' },
    });
    await send(core, 'minutes:finalize', { id: meeting.id, by: '林社工' });
    expect(await core.guard('record:export', { id: meeting.id, kind: 'minutes' }, { trusted: true })).toMatchObject({
      ok: false,
      error: { code: 'identity_missing' },
    });
  });

  it('are valid whole-document signatures to pdfsig, clean to qpdf, with embedded subsets and Chinese text', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const dir = tempDir();
    const minutes = await send(core, 'minutes:get', { id: meeting.id });
    for (const kind of ['minutes', 'sign_in', 'resolutions'] as const) {
      const { file, target } = await exportTo(core, meeting.id, kind, dir);
      expect(file.missing).toEqual([]);
      const sig = pdfsig(target);
      expect(sig, kind).toContain('Signature is Valid.');
      expect(sig, kind).toContain('Total document signed');
      expect(sig).toContain('东湖社区居民委员会');
      tool('qpdf', '--check', target);
      // Every font embedded as a subset (ABCDEF+Name, emb yes, sub yes).
      const fonts = tool('pdffonts', target).trim().split('\n').slice(2);
      expect(fonts.some((line) => /^[A-Z]{6}\+NotoSansSC/.test(line))).toBe(true);
      for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+\S+.*\syes\s+yes\s/);
      const text = tool('pdftotext', target, '-');
      expect(text).toContain(minutes.recordHash!);
      if (kind !== 'resolutions') expect(text).toContain('王𠇔');
    }
    const text = tool('pdftotext', path.join(dir, 'minutes.pdf'), '-');
    for (const phrase of ['会议纪要', '出席情况', '电动车充电桩选址', '物业公司', '2026年12月31日', '林社工']) {
      expect(text).toContain(phrase);
    }
    expect(tool('pdftotext', path.join(dir, 'resolutions.pdf'), '-')).toContain('本周六由楼组长组织集中清理楼道堆物');
    // KEEP_RECORDS=DIR keeps the files to look at (pdftoppm) after the run.
    if (process.env.KEEP_RECORDS) fs.cpSync(dir, process.env.KEEP_RECORDS, { recursive: true });
  }, 60_000);

  it('are reported valid by our verifier, tampered when one byte changes, unsigned or unknown otherwise', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const dir = tempDir();
    const { file, target } = await exportTo(core, meeting.id, 'minutes', dir);
    const verify = (data: Buffer, fileName = 'x.pdf') =>
      send(core, 'record:verify', { fileName, data: data.toString('base64') });
    const original = Buffer.from(file.data, 'base64');

    const good = await verify(original);
    expect(good).toMatchObject({
      verdict: 'valid',
      signer: { name: '东湖社区居民委员会' },
      match: { state: 'current', meetingId: meeting.id },
    });
    expect(good.signedAt).toMatch(/^\d{4}-/);

    const text = original.toString('latin1');
    const contents = text.lastIndexOf('/Contents <') + '/Contents <'.length;
    const flip = (at: number) => {
      const copy = Buffer.from(original);
      copy[at] = copy[at] === 0x30 ? 0x31 : copy[at]! ^ 0x01;
      return copy;
    };
    const inContent = flip(text.indexOf('stream', 2000) + 40);
    const inSignature = flip(contents + 1500);
    for (const [name, copy] of [
      ['content', inContent],
      ['signature', inSignature],
    ] as const) {
      const report = await verify(copy);
      expect(report.verdict, name).toBe('tampered');
      expect(report.match, name).toEqual({ state: 'none' });
      const tampered = path.join(dir, `tampered-${name}.pdf`);
      fs.writeFileSync(tampered, copy);
      expect(pdfsig(tampered), name).not.toContain('Signature is Valid.');
    }
    expect((await verify(Buffer.concat([original, Buffer.from('\n% appended\n')]))).verdict).toBe('tampered');

    const notice = await send(core, 'meeting:notice', { id: meeting.id, format: 'pdf' });
    expect(await verify(Buffer.from(notice.data, 'base64'))).toMatchObject({ verdict: 'unsigned', signer: null });
    const notPdf = await core.guard('record:verify', { fileName: '照片.jpg', data: 'aGVsbG8=' }, { trusted: true });
    expect(notPdf).toMatchObject({
      ok: false,
      error: { code: 'not_pdf', message: expect.stringContaining('照片.jpg') },
    });

    // Another community's database knows neither the signer nor the minutes.
    const stranger = await coreWithCommunity();
    expect(await send(stranger, 'record:verify', { fileName: 'x.pdf', data: file.data })).toMatchObject({
      verdict: 'unknown_signer',
      match: { state: 'none' },
    });
    expect(fs.existsSync(target)).toBe(true);
  });

  it('carry the amended hash after an amendment; the earlier export is reported superseded', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const before = await send(core, 'record:export', { id: meeting.id, kind: 'minutes' });
    await send(core, 'minutes:amend', {
      id: meeting.id,
      section: '出席情况',
      text: '补记：刘昇因病请假。',
      reason: '漏记',
      author: '林社工',
    });
    const after = await send(core, 'record:export', { id: meeting.id, kind: 'minutes' });
    const dir = tempDir();
    const file = path.join(dir, 'after.pdf');
    fs.writeFileSync(file, Buffer.from(after.data, 'base64'));
    const text = tool('pdftotext', file, '-');
    expect(text).toContain('修正记录');
    expect(text).toContain('补记：刘昇因病请假。');
    expect(await send(core, 'record:verify', { fileName: 'before.pdf', data: before.data })).toMatchObject({
      verdict: 'valid',
      match: { state: 'superseded' },
    });
    expect(await send(core, 'record:verify', { fileName: 'after.pdf', data: after.data })).toMatchObject({
      match: { state: 'current' },
    });
  });

  it('export the resolutions notice as a phone-sized PNG carrying the hash', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const png = await send(core, 'record:export', { id: meeting.id, kind: 'resolutions', format: 'png' });
    const bytes = Buffer.from(png.data, 'base64');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(1080);
    const refused = await core.guard(
      'record:export',
      { id: meeting.id, kind: 'minutes', format: 'png' },
      { trusted: true },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('npm run verify', () => {
  it('prints a verdict per file and exits non-zero unless every file is valid', async () => {
    const { core, meeting } = await finalizedWithIdentity();
    const { dataDir } = core;
    const dir = tempDir();
    const { target } = await exportTo(core, meeting.id, 'minutes', dir);
    const bytes = fs.readFileSync(target);
    const at = bytes.length - 200;
    bytes[at] = bytes[at]! ^ 0x01;
    const tampered = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(tampered, bytes);
    core.close();
    const cli = (...files: string[]) =>
      spawnSync('npx', ['tsx', 'electron/records/verify-cli.ts', '--data', dataDir, ...files], {
        encoding: 'utf8',
        // The data folder is encrypted: the script gets its passphrase from the environment.
        env: { ...process.env, YISHITING_PASSPHRASE: testPassphrase },
      });

    const good = cli(target);
    expect(good.stdout).toContain('有效 / valid');
    expect(good.stdout).toContain('11月幸福议事会');
    expect(good.status).toBe(0);
    const bad = cli(target, tampered);
    expect(bad.stdout).toContain('已被篡改 / TAMPERED');
    expect(bad.status).toBe(1);
    // At a terminal, without the variable, a person is asked for the passphrase (not echoed), three times at most.
    const atTerminal = (typed: string) =>
      new Promise<{ stdout: string; status: number | null }>((resolve) => {
        const child = spawn(
          'script',
          ['-qec', `npx tsx electron/records/verify-cli.ts --data '${dataDir}' '${target}'`, '/dev/null'],
          { env: { ...process.env, YISHITING_PASSPHRASE: '' } },
        );
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          const before = stdout.split(prompt).length;
          stdout += chunk.toString();
          // Typed when asked, as a person would.
          for (let i = before; i < stdout.split(prompt).length; i += 1) child.stdin.write(`${typed}\n`);
        });
        child.on('close', (status) => resolve({ stdout, status }));
      });
    const prompt = '数据密码 / data passphrase:';
    const asked = await atTerminal(testPassphrase);
    expect(asked.stdout).toContain('有效 / valid');
    // (The terminal may echo what was typed before the prompt muted it; after the last prompt only stars.)
    expect(asked.stdout.split(prompt).at(-1)).not.toContain(testPassphrase);
    expect(asked.status).toBe(0);
    const wrong = await atTerminal('不是这个密码 wrong');
    expect(wrong.stdout.split(prompt)).toHaveLength(4);
    expect(wrong.stdout).toContain('数据密码不正确');
    expect(wrong.stdout).not.toContain('有效 / valid');
    expect(wrong.status).toBe(2);
    // A script's check leaves the backups alone.
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.includes('-start'))).toEqual([]);
  }, 120_000);
});

describe('a certificate issued by the sub-district', () => {
  it('imports from a P12 with its CA, signs records pdfsig accepts, and is recognised through the CA', async () => {
    const keys = () => {
      const pair = generateKeyPairSync('rsa', { modulusLength: 3072 });
      return {
        privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
        publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
      };
    };
    const utf8 = forge.asn1.Type.UTF8;
    const name = (cn: string) =>
      [
        { shortName: 'C', value: 'CN' },
        { shortName: 'O', value: '当湖街道办事处', valueTagClass: utf8 },
        { shortName: 'CN', value: cn, valueTagClass: utf8 },
      ] as forge.pki.CertificateField[];
    const certificate = (
      subject: string,
      issuer: string,
      key: ReturnType<typeof keys>,
      signer: ReturnType<typeof keys>,
      ca: boolean,
    ) => {
      const cert = forge.pki.createCertificate();
      cert.publicKey = key.publicKey;
      cert.serialNumber = ca ? '01' : '02';
      cert.validity.notBefore = new Date(Date.now() - 86_400_000);
      cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
      cert.setSubject(name(subject));
      cert.setIssuer(name(issuer));
      cert.setExtensions(
        ca
          ? [
              { name: 'basicConstraints', cA: true },
              { name: 'keyUsage', keyCertSign: true, cRLSign: true },
            ]
          : [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }],
      );
      cert.sign(signer.privateKey, forge.md.sha256.create());
      return cert;
    };
    const caKey = keys();
    const leafKey = keys();
    const ca = certificate('当湖街道议事监督中心', '当湖街道议事监督中心', caKey, caKey, true);
    const leaf = certificate('东湖社区居民委员会', '当湖街道议事监督中心', leafKey, caKey, false);
    const p12 = forge.asn1
      .toDer(forge.pkcs12.toPkcs12Asn1(leafKey.privateKey, [leaf, ca], '街道签发', { algorithm: 'aes256' }))
      .getBytes();

    const { core, meeting } = await closedMeeting();
    await send(core, 'minutes:finalize', { id: meeting.id, by: '林社工' });
    const imported = await send(core, 'identity:importP12', {
      fileName: '东湖社区.p12',
      data: Buffer.from(p12, 'binary').toString('base64'),
      password: '街道签发',
      passphrase: 'correct horse 1',
    });
    expect(imported).toMatchObject({ source: 'imported', issuer: expect.stringContaining('CN=当湖街道议事监督中心') });

    const dir = tempDir();
    const { file, target } = await exportTo(core, meeting.id, 'minutes', dir);
    const sig = pdfsig(target);
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(await send(core, 'record:verify', { fileName: 'x.pdf', data: file.data })).toMatchObject({
      verdict: 'valid',
      signer: { name: '东湖社区居民委员会', issuer: expect.stringContaining('当湖街道议事监督中心') },
    });
  }, 60_000);
});
