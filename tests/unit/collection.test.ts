import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../shared/domain/bundle';
import { readZip, writeZip } from '../../electron/records/bundle';
import { recordHashOf, sha256 } from '../../electron/records/hash';
import { statistics, summarizeMany } from '../../electron/services/statistics';
import { inThread, type Work } from '../../electron/work/work';
import { AppError } from '../../shared/errors';
import { makeCore, send, tempDir } from './helpers';
import { finalizedWithIdentity } from './meetings';
import {
  communityWithBundle,
  issuedPair,
  issuedPairWith,
  keysOf,
  rebundle,
  relist,
  replaced,
  subDistrictCore,
} from './office';

describe('export bundle (上报包)', () => {
  it('holds the signed PDFs and a signed manifest that lists them with their SHA-256', async () => {
    const { bundle, meeting } = await communityWithBundle();
    expect(bundle.fileName).toMatch(/^东湖社区-上报包-11月幸福议事会-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = readZip(Buffer.from(bundle.data, 'base64'));
    expect([...files.keys()].sort()).toEqual([
      'manifest.json',
      'manifest.json.p7s',
      `meetings/${meeting.id}/minutes.pdf`,
      `meetings/${meeting.id}/resolutions.pdf`,
      `meetings/${meeting.id}/sign-in.pdf`,
    ]);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as BundleManifest;
    expect(manifest).toMatchObject({
      schema: 'yishiting/bundle',
      version: 1,
      community: { name: '东湖社区', unit: '平湖市当湖街道东湖社区居民委员会' },
      meetings: [{ id: meeting.id, title: '11月幸福议事会', attendees: 3 }],
      votes: [{ adopted: true }, { adopted: true }],
      resolutions: [
        { title: '电动车充电桩选址', status: 'done', satisfaction: 'satisfied' },
        { title: '楼道堆物清理', status: 'pending' },
      ],
    });
    for (const f of manifest.files) expect(sha256(files.get(f.path)!)).toBe(f.sha256);
    expect(recordHashOf(manifest.meetings[0]!.minutes, [])).toBe(manifest.meetings[0]!.minutesHash);
    // The manifest's own signature checks with OpenSSL, independently of our code.
    const dir = tempDir();
    for (const name of ['manifest.json', 'manifest.json.p7s']) fs.writeFileSync(path.join(dir, name), files.get(name)!);
    const openssl = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-noverify',
        '-inform',
        'DER',
        '-in',
        'manifest.json.p7s',
        '-content',
        'manifest.json',
        '-out',
        '/dev/null',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(openssl.stderr).toContain('Verification successful');
  }, 60_000);

  it('covers a period: every finalized meeting in it; an empty period is refused with a reason', async () => {
    const { core } = await communityWithBundle();
    const period = await send(core, 'bundle:export', { from: '2000-01-01', to: '2099-12-31' });
    const manifest = JSON.parse(
      readZip(Buffer.from(period.data, 'base64')).get('manifest.json')!.toString(),
    ) as BundleManifest;
    expect(manifest.meetings).toHaveLength(1);
    const empty = await core.guard('bundle:export', { from: '2001-01-01', to: '2001-12-31' }, { trusted: true });
    expect(empty.ok === false && empty.error.code).toBe('bundle_empty');
    const backwards = await core.guard('bundle:export', { from: '2002-01-01', to: '2001-12-31' }, { trusted: true });
    expect(backwards.ok === false && backwards.error.message).toContain('开始日期不能晚于结束日期');
  }, 60_000);
});

describe('certificates issued by the sub-district', () => {
  it('turn a community’s request into a certificate for its own key, trusted by an NSS store holding the CA', async () => {
    const { office, community, issued, bundle } = await issuedPair();
    const identity = await send(community.core, 'identity:get', {});
    expect(identity.current).toMatchObject({
      issuer: expect.stringContaining('CN=当湖街道办事处'),
      source: 'imported',
    });
    expect(await send(office, 'ca:issued', {})).toMatchObject([
      { subject: expect.stringContaining('东湖社区居民委员会') },
    ]);

    const dir = tempDir();
    const pem = Buffer.from(issued.data, 'base64').toString();
    fs.writeFileSync(path.join(dir, 'ca.pem'), pem.slice(pem.lastIndexOf('-----BEGIN CERTIFICATE-----')));
    const pdf = readZip(Buffer.from(bundle.data, 'base64')).get(`meetings/${community.meeting.id}/minutes.pdf`)!;
    fs.writeFileSync(path.join(dir, 'minutes.pdf'), pdf);
    spawnSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
    spawnSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'ca', '-t', 'CT,C,C', '-i', path.join(dir, 'ca.pem')]);
    const sig = spawnSync('pdfsig', ['-nssdir', `sql:${dir}`, path.join(dir, 'minutes.pdf')], {
      encoding: 'utf8',
    }).stdout;
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Certificate is Trusted.');
  }, 90_000);

  it('refuse a request that is not one, and a certificate for another key', async () => {
    const office = await subDistrictCore();
    await send(office, 'identity:create', { passphrase: 'office passphrase' });
    const junk = await office.guard(
      'ca:issue',
      { fileName: 'x.csr', data: Buffer.from('hello').toString('base64') },
      { trusted: true },
    );
    expect(junk.ok === false && junk.error.code).toBe('csr_invalid');
    const { core } = await finalizedWithIdentity();
    const other = await finalizedWithIdentity();
    const request = await send(other.core, 'identity:request', {});
    // The office reads whom the request names before it issues.
    expect(await send(office, 'ca:inspect', { fileName: request.fileName, data: request.data })).toEqual({
      subject: expect.stringMatching(/^UID=[0-9a-f-]{36}, CN=东湖社区居民委员会, O=当湖街道, L=平湖市, C=CN$/),
      name: '东湖社区',
      unit: '平湖市当湖街道东湖社区居民委员会',
      communityUid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      algorithm: 'rsa',
      replaces: null,
    });
    const unreadable = await office.guard(
      'ca:inspect',
      { fileName: 'x.csr', data: Buffer.from('junk').toString('base64') },
      { trusted: true },
    );
    expect(unreadable.ok === false && unreadable.error.code).toBe('csr_invalid');
    const issued = await send(office, 'ca:issue', { fileName: request.fileName, data: request.data });
    const wrong = await core.guard(
      'identity:installCertificate',
      { fileName: 'x.crt', data: issued.data },
      { trusted: true },
    );
    expect(wrong.ok === false && wrong.error.code).toBe('certificate_mismatch');
  }, 90_000);
});

describe('collection (街道汇总)', () => {
  it('imports a trusted bundle into the statistics, searches its minutes and opens the signed PDF', async () => {
    const { office, bundle } = await issuedPair();
    const row = await send(office, 'collection:import', { fileName: bundle.fileName, data: bundle.data });
    expect(row).toMatchObject({
      verdict: 'trusted',
      reason: null,
      unit: '平湖市当湖街道东湖社区居民委员会',
      meetings: 1,
    });

    const month = new Date().toISOString().slice(0, 7);
    const stats = await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' });
    expect(stats.totals).toMatchObject({
      meetings: 1,
      attendees: 3,
      votes: 2,
      adopted: 2,
      resolutions: 2,
      done: 1,
      onTime: 1,
      rated: 1,
      satisfied: 1,
    });
    expect(stats.communities).toMatchObject([{ name: '东湖社区' }]);
    expect(stats.resolutionsByStatus).toContainEqual({ key: '已办结', count: 1 });
    expect(stats.satisfaction).toContainEqual({ key: '满意', count: 1 });
    const monthly = await send(office, 'collection:stats', { from: month, to: month });
    expect(monthly.meetingsByMonth).toEqual({
      months: [month],
      series: [{ name: '东湖社区', counts: [1] }],
      others: null,
    });

    const hits = await send(office, 'collection:search', { query: '充电桩选址' });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.snippet).toContain('\u0002充电桩选址\u0003');
    const short = await send(office, 'collection:search', { query: '堆物' });
    expect(short[0]!.snippet).toContain('\u0002堆物\u0003');
    expect(await send(office, 'collection:search', { query: '加装电梯' })).toEqual([]);
    // A control character pasted with the words splits them; it never breaks the search.
    expect(await send(office, 'collection:search', { query: '充电桩\u0000选址' })).toHaveLength(1);
    expect(await send(office, 'collection:search', { query: '\u0000\u0013' })).toEqual([]);

    const pdf = await send(office, 'collection:file', { meetingRowId: hits[0]!.meetingRowId });
    const file = path.join(tempDir(), 'm.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.data, 'base64'));
    expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');

    const xlsx = await send(office, 'collection:xlsx', { from: '2000-01', to: '2099-12' });
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.data, 'base64') as unknown as ArrayBuffer);
    const overview = book.getWorksheet('概览')!;
    const values = new Map(
      overview
        .getSheetValues()
        .slice(2)
        .map((r) => [(r as string[])[1], (r as unknown[])[2]]),
    );
    expect(values.get('召开议事会（次）')).toBe(1);
    expect(values.get('落实率')).toBe('50.0%');
    expect(values.get('满意率（满意+基本满意）')).toBe('100.0%');
  }, 120_000);

  it('counts on time, overdue and satisfaction by the rules; a later report replaces an earlier one, never the reverse', async () => {
    const { office, community } = await issuedPair();
    const [, second] = await send(community.core, 'followup:list', {});
    const late = { id: second!.id, owner: '社区', deadline: '2020-01-01' };
    const exported = () => send(community.core, 'bundle:export', { meetingId: community.meeting.id });
    const report = async (bundle: { data: string }) => {
      expect(await send(office, 'collection:import', { fileName: 'b.zip', data: bundle.data })).toMatchObject({
        verdict: 'trusted',
      });
      return (await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' })).totals;
    };
    await send(community.core, 'followup:update', { ...late, status: 'pending' });
    const older = await exported();
    await send(community.core, 'followup:update', { ...late, status: 'done', satisfaction: 'dissatisfied' });
    const newer = await exported();

    expect(await report(older)).toMatchObject({
      meetings: 1,
      resolutions: 2,
      done: 1,
      onTime: 1,
      overdue: 1,
      rated: 1,
      satisfied: 1,
    });
    // Closed today, after its deadline: done but not on time; no longer overdue; one of two rated satisfied.
    const after = { meetings: 1, resolutions: 2, done: 2, onTime: 1, overdue: 0, rated: 2, satisfied: 1 };
    expect(await report(newer)).toMatchObject(after);
    // An older report arriving late (re-exported a second earlier, so not a duplicate) does not undo the newer one.
    const resent = await rebundle(
      Buffer.from(older.data, 'base64'),
      (_f, m) => (m.exportedAt = new Date(Date.parse(m.exportedAt) - 1000).toISOString()),
      await keysOf(community.core),
    );
    expect(await report({ data: resent })).toMatchObject(after);

    const nobody = await send(office, 'collection:stats', {
      from: '2000-01',
      to: '2099-12',
      community: '00000000-0000-4000-8000-000000000000',
    });
    expect(nobody.totals).toMatchObject({ meetings: 0, resolutions: 0, overdue: 0 });
    expect(nobody.meetingsByMonth.series).toEqual([]);
    const future = await send(office, 'collection:stats', { from: '2099-01', to: '2099-12' });
    expect(future.totals.meetings).toBe(0);
    expect(future.meetingsByMonth.months).toHaveLength(12);
  }, 120_000);

  it('keeps a bundle from an unknown signer apart: listed, not counted', async () => {
    const office = await subDistrictCore();
    await send(office, 'identity:create', { passphrase: 'office passphrase' });
    const { bundle } = await communityWithBundle();
    expect(await send(office, 'collection:import', { fileName: 'x.zip', data: bundle.data })).toMatchObject({
      verdict: 'unknown_signer',
    });
    expect((await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' })).totals.meetings).toBe(0);
  }, 60_000);

  it('rejects every kind of broken or forged bundle with its reason, and imports nothing of it', async () => {
    const { office, community, bundle } = await issuedPair();
    const zip = Buffer.from(bundle.data, 'base64');
    const keys = await keysOf(community.core);
    const minutesPath = `meetings/${community.meeting.id}/minutes.pdf`;
    const stranger = await finalizedWithIdentity();
    const strangerKeys = await keysOf(stranger.core);
    const flipped = (pdf: Buffer) => {
      const copy = Buffer.from(pdf);
      const at = copy.indexOf('/Type /Page') + 3;
      copy[at] = copy[at]! ^ 1;
      return copy;
    };
    const imports = async (data: string) => send(office, 'collection:import', { fileName: 'b.zip', data });

    const cases: [string, string][] = [
      ['not_zip', Buffer.from('not a zip at all, just words').toString('base64')],
      ['zip_unsafe', Buffer.from(zipSync({ '../evil.pdf': Buffer.from('x') })).toString('base64')],
      ['zip_unsafe', Buffer.from(zipSync({ 'C:/Windows/evil.pdf': Buffer.from('x') })).toString('base64')],
      ['manifest_missing', writeZip(replaced(zip, 'manifest.json', null)).toString('base64')],
      ['manifest_invalid', await rebundle(zip, (_f, m) => Object.assign(m, { version: 2 }))],
      ['manifest_invalid', writeZip(replaced(zip, 'manifest.json', Buffer.from('{oops'))).toString('base64')],
      ['manifest_signature', await rebundle(zip, (_f, m) => (m.meetings[0]!.attendees = 300))],
      ['file_missing', writeZip(replaced(zip, minutesPath, null)).toString('base64')],
      ['file_unlisted', writeZip(replaced(zip, 'extra.txt', Buffer.from('hi'))).toString('base64')],
      ['file_hash', writeZip(replaced(zip, minutesPath, flipped(readZip(zip).get(minutesPath)!))).toString('base64')],
      // With the community's own key a forger can re-sign the manifest, but not the PDF.
      [
        'pdf_signature',
        await rebundle(
          zip,
          (f, m) => {
            f.set(minutesPath, flipped(f.get(minutesPath)!));
            relist(f, m);
          },
          keys,
        ),
      ],
      ['signer_mismatch', await rebundle(zip, () => undefined, strangerKeys)],
      // Re-signed with the community's own key, the manifest's figures no longer what its signed minutes say.
      ['figures_mismatch', await rebundle(zip, (_f, m) => (m.meetings[0]!.attendees = 300), keys)],
      ['figures_mismatch', await rebundle(zip, (_f, m) => (m.votes[0]!.adopted = !m.votes[0]!.adopted), keys)],
      [
        'figures_mismatch',
        await rebundle(zip, (_f, m) => m.votes.push({ ...m.votes[0]!, id: 9999, result: '赞成 300，通过' }), keys),
      ],
      [
        'content_mismatch',
        await rebundle(zip, (_f, m) => (m.meetings[0]!.minutes.items[0]!.resolution = '改过的决议'), keys),
      ],
      [
        'content_mismatch',
        await rebundle(
          zip,
          (f, m) => {
            f.set(minutesPath, f.get(`meetings/${community.meeting.id}/sign-in.pdf`)!);
            f.delete(`meetings/${community.meeting.id}/sign-in.pdf`);
            m.meetings[0]!.files.signIn = minutesPath;
            m.files = m.files.filter((x) => x.path !== `meetings/${community.meeting.id}/sign-in.pdf`);
            relist(f, m);
            m.meetings[0]!.id = 999;
          },
          keys,
        ),
      ],
    ];
    for (const [reason, data] of cases) {
      expect({ reason, row: await imports(data) }).toMatchObject({ reason, row: { verdict: 'rejected', reason } });
    }
    expect((await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' })).totals.meetings).toBe(0);

    expect(await imports(bundle.data)).toMatchObject({ verdict: 'trusted' });
    expect(await imports(bundle.data)).toMatchObject({ verdict: 'rejected', reason: 'duplicate' });
    // Another trusted community may not report under this community's identity.
    const other = await issuedPairWith(office, '西湖社区');
    const hijack = await rebundle(
      Buffer.from(other.bundle.data, 'base64'),
      (_f, m) => (m.community.uid = JSON.parse(readZip(zip).get('manifest.json')!.toString()).community.uid),
      other.keys,
    );
    expect(await imports(hijack)).toMatchObject({ verdict: 'rejected', reason: 'community_mismatch' });
    const list = await send(office, 'collection:list', {});
    expect(list.filter((b) => b.verdict === 'rejected')).toHaveLength(cases.length + 2);
    expect((await send(office, 'collection:stats', { from: '2000-01', to: '2099-12' })).totals.meetings).toBe(1);
  }, 180_000);
});

describe('collection: a folder of bundles in one command', () => {
  it('gives each file the verdict one at a time would, in order, duplicates in the batch included, and counts once', async () => {
    const { office, community, bundle } = await issuedPair();
    const zip = Buffer.from(bundle.data, 'base64');
    const keys = await keysOf(community.core);
    const minutesPath = `meetings/${community.meeting.id}/minutes.pdf`;
    const pdf = Buffer.from(readZip(zip).get(minutesPath)!);
    const at = pdf.indexOf('/Type /Page') + 3;
    pdf[at] = pdf[at]! ^ 1;
    const foreign = await communityWithBundle({ name: '南湖社区' });
    // The same report exported a minute later: a new report, and the figures are the latest one's.
    const later = await rebundle(
      zip,
      (_f, m) => (m.exportedAt = new Date(Date.parse(m.exportedAt) + 60_000).toISOString()),
      keys,
    );
    const files = [
      { fileName: '东湖.zip', data: bundle.data },
      { fileName: '东湖-改过.zip', data: writeZip(replaced(zip, minutesPath, pdf)).toString('base64') },
      { fileName: '东湖-副本.zip', data: bundle.data },
      { fileName: '南湖.zip', data: foreign.bundle.data },
      { fileName: '东湖-补报.zip', data: later },
      { fileName: '说明.zip', data: Buffer.from('not a zip').toString('base64') },
    ];
    const expected = [
      ['东湖.zip', 'trusted', null],
      ['东湖-改过.zip', 'rejected', 'file_hash'],
      ['东湖-副本.zip', 'rejected', 'duplicate'],
      ['南湖.zip', 'unknown_signer', null],
      ['东湖-补报.zip', 'trusted', null],
      ['说明.zip', 'rejected', 'not_zip'],
    ];
    const verdicts = (rows: { fileName: string; verdict: string; reason: string | null }[]) =>
      rows.map((r) => [r.fileName, r.verdict, r.reason]);

    // A second office with the same CA and register: the same files, one command each.
    office.close();
    const twin = makeCore({ dataDir: tempDir() });
    twin.close();
    fs.cpSync(office.dataDir, twin.dataDir, { recursive: true });
    const batchOffice = makeCore({ dataDir: office.dataDir });
    const oneByOne = makeCore({ dataDir: twin.dataDir });

    const batch = await send(batchOffice, 'collection:importMany', { files });
    expect(verdicts(batch)).toEqual(expected);
    const single = [];
    for (const file of files) single.push(await send(oneByOne, 'collection:import', file));
    expect(verdicts(single)).toEqual(expected);

    const all = { from: '2000-01', to: '2099-12' };
    const [batchStats, singleStats] = [
      await send(batchOffice, 'collection:stats', all),
      await send(oneByOne, 'collection:stats', all),
    ];
    expect(batchStats.totals).toMatchObject({ meetings: 1, votes: 2, resolutions: 2, done: 1 });
    expect(batchStats.totals).toEqual(singleStats.totals);
    const listed = await send(batchOffice, 'collection:list', {});
    expect(listed).toHaveLength(files.length);
    // Each bundle is answered with its own audit event, as one at a time.
    const audits = (core: typeof batchOffice) =>
      (
        core.db!.$client.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'collection.import'`).get() as {
          n: number;
        }
      ).n;
    expect(audits(batchOffice)).toBe(files.length);
    expect(audits(oneByOne)).toBe(files.length);
  }, 180_000);

  it('refuses a batch over the size one command carries, in words, and records none of it', async () => {
    const office = await subDistrictCore();
    const big = { fileName: 'a.zip', data: 'A'.repeat(20_000_000) };
    const refused = await office.guard('collection:importMany', { files: [big, big] }, { trusted: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toContain('请分几次导入');
    expect(await send(office, 'collection:list', {})).toEqual([]);
  });

  it('records nothing of a batch whose checking stopped part-way: the whole batch is refused, in words', async () => {
    const { office: first, bundle } = await issuedPair();
    first.close();
    let checked = 0;
    // The worker stops at the third file (killed, out of memory): the first two were checked already.
    const work: Work = {
      run: (name, ...args) => {
        if (name === 'checkBundle' && ++checked === 3) return Promise.reject(new AppError('work_interrupted'));
        return inThread.run(name, ...args);
      },
      close: async () => undefined,
    };
    const office = makeCore({ dataDir: first.dataDir, work });
    const files = ['a', 'b', 'c', 'd'].map((n) => ({ fileName: `${n}.zip`, data: bundle.data }));
    const refused = await office.guard('collection:importMany', { files }, { trusted: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'work_interrupted' } });
    expect(!refused.ok && refused.error.message).toContain('数据未被修改');
    expect(await send(office, 'collection:list', {})).toEqual([]);
    expect((await send(office, 'collection:importMany', { files })).map((r) => r.verdict)).toEqual([
      'trusted',
      'rejected',
      'rejected',
      'rejected',
    ]);
  }, 120_000);
});

describe('statistics', () => {
  it('gives the busiest communities a series each and sums the rest, month by month', async () => {
    const office = makeCore();
    await send(office, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
    const db = office.db!.$client;
    const held: [string, string, number][] = [
      ['a', '2026-01', 5],
      ['a', '2026-02', 4],
      ['b', '2026-01', 3],
      ['c', '2026-02', 1],
      ['d', '2026-02', 2],
    ];
    for (const uid of ['a', 'b', 'c', 'd']) {
      db.prepare('INSERT INTO collected_community (uid, name, unit, signer) VALUES (?, ?, ?, ?)').run(
        uid,
        `${uid}社区`,
        uid,
        uid,
      );
    }
    let id = 0;
    for (const [uid, month, meetings] of held) {
      for (let i = 0; i < meetings; i += 1) {
        db.prepare(
          `INSERT INTO collected_meeting (community_uid, meeting_id, bundle_id, title, held_on, month, attendees, minutes_path, minutes_text)
           VALUES (?, ?, 0, '议事会', ?, ?, 10, 'm.pdf', '')`,
        ).run(uid, (id += 1), `${month}-15`, month);
      }
    }
    summarizeMany(db, ['a', 'b', 'c', 'd'], ['2026-01', '2026-02']);
    const filter = { from: '2026-01', to: '2026-03', community: null };
    const two = statistics(db, filter, new Date(), { busiest: 2 });
    expect(two.totals.meetings).toBe(15);
    expect(two.meetingsByMonth).toEqual({
      months: ['2026-01', '2026-02', '2026-03'],
      series: [
        { name: 'a社区', counts: [5, 4, 0] },
        { name: 'b社区', counts: [3, 0, 0] },
      ],
      others: [0, 3, 0],
    });
    expect(statistics(db, filter, new Date(), { busiest: -1 }).meetingsByMonth.series).toHaveLength(4);
    expect(statistics(db, { ...filter, community: 'c' }, new Date()).meetingsByMonth).toMatchObject({
      series: [{ name: 'c社区', counts: [0, 1, 0] }],
      others: null,
    });
  });
});
