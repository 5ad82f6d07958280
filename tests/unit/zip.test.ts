import { Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bundleRejectionLabels, type BundleRejection } from '../../shared/domain/bundle';
import { openBundle, BundleProblem } from '../../electron/records/bundle';
import { readZip, writeZip, zipLimits, ZipProblem, type ZipRejection } from '../../electron/records/zip';
import {
  craftZip,
  deflatedZeros,
  fiveEntryBomb,
  gigabyteBomb,
  lyingBomb,
  zip64Extra,
  type CraftedEntry,
} from '../fixtures/zip-craft';
import { makeCore, send } from './helpers';
import { finalizedWithIdentity } from './meetings';

const MiB = 1024 * 1024;

/** What the office reads for each verdict, in both languages: the words that tell this refusal from the others. */
const says: Record<ZipRejection, [RegExp, RegExp]> = {
  not_zip: [/不是有效的上报包/, /Not a valid bundle/],
  zip_truncated: [/不完整.*截断/, /incomplete.*cut off/],
  zip_damaged: [/已损坏/, /damaged/],
  zip_bomb: [/解压炸弹/, /zip bomb/],
  zip_unsafe: [/结构不安全/, /Unsafe zip structure/],
};

function expectMessage(reason: BundleRejection | null) {
  const [zh, en] = says[reason as ZipRejection];
  expect(bundleRejectionLabels[reason!]['zh-CN']).toMatch(zh);
  expect(bundleRejectionLabels[reason!].en).toMatch(en);
}

/** The verdict readZip gives, and that a bundle gives the same one with the same message. */
function refusedZip(zip: Buffer, reason: ZipRejection, detail?: RegExp, limits = zipLimits) {
  let problem: unknown;
  try {
    readZip(zip, limits);
  } catch (error) {
    problem = error;
  }
  expect(problem).toBeInstanceOf(ZipProblem);
  expect({ reason: (problem as ZipProblem).reason, detail: (problem as ZipProblem).detail }).toMatchObject({
    reason,
    ...(detail ? { detail: expect.stringMatching(detail) } : {}),
  });
  if (limits === zipLimits) expect(() => openBundle(zip)).toThrow(BundleProblem);
  expectMessage(reason);
}

/** One real bundle (three signed PDFs and a signed manifest), made once for the whole file. */
let real: Promise<Buffer> | undefined;
const realBundle = () =>
  (real ??= (async () => {
    const { core, meeting } = await finalizedWithIdentity();
    return Buffer.from((await send(core, 'bundle:export', { meetingId: meeting.id })).data, 'base64');
  })());

async function office() {
  const core = makeCore();
  await send(core, 'subdistrict:save', { name: '当湖街道', district: '平湖市' });
  return (zip: Buffer, fileName = 'b.zip') =>
    send(core, 'collection:import', { fileName, data: zip.toString('base64') });
}

/** The real bundle's entries, to rebuild it with one lie in it. */
const entriesOf = async (): Promise<CraftedEntry[]> =>
  [...readZip(await realBundle())].map(([name, data]) => ({ name, data, method: name.endsWith('.pdf') ? 0 : 8 }));

describe('zip safety: what the issue found', () => {
  it('refuses the five × 59 MiB bomb and the 1 GiB bomb as bombs, before inflating, in little memory', async () => {
    const imports = await office();
    for (const bomb of [fiveEntryBomb(), gigabyteBomb(), lyingBomb()]) {
      expect(bomb.length).toBeLessThan(1.1 * MiB);
      const rss = process.memoryUsage().rss;
      const row = await imports(bomb);
      expect(row).toMatchObject({ verdict: 'rejected', reason: 'zip_bomb' });
      expectMessage(row.reason);
      // The host measures the peak (tests/system/zip-bomb.test.ts); here: no entry was inflated whole.
      expect(process.memoryUsage().rss - rss).toBeLessThan(64 * MiB);
    }
    refusedZip(gigabyteBomb(), 'zip_bomb', /manifest\.json: 1024\.0 MiB > 16\.0 MiB/);
    refusedZip(lyingBomb(), 'zip_bomb', /manifest\.json: > 1024 B declared/);
  }, 60_000);

  it('refuses a bundle cut short — before, inside or at the end of its central directory — as incomplete', async () => {
    const imports = await office();
    const zip = await realBundle();
    const directoryAt = zip.readUInt32LE(zip.length - 22 + 16);
    for (const cut of [directoryAt, directoryAt - 1000, directoryAt + 60, zip.length - 5, Math.floor(zip.length / 2)]) {
      const row = await imports(zip.subarray(0, cut));
      expect({ cut, row }).toMatchObject({ row: { verdict: 'rejected', reason: 'zip_truncated' } });
      expectMessage(row.reason);
    }
  }, 60_000);

  it('judges duplicates by content: re-zipped by another writer (data descriptors) and renamed, it is the same bundle', async () => {
    const imports = await office();
    const zip = await realBundle();
    expect(await imports(zip)).toMatchObject({ verdict: 'unknown_signer' });
    // fflate's streaming writer puts sizes in data descriptors after each entry, as streaming tools do.
    const chunks: Uint8Array[] = [];
    const streamed = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    for (const [name, data] of [...readZip(zip)].reverse()) {
      const file = name.endsWith('.pdf') ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 9 });
      streamed.add(file);
      file.push(data, true);
    }
    streamed.end();
    const rezipped = Buffer.concat(chunks);
    expect(rezipped.equals(zip)).toBe(false);
    expect(readZip(rezipped).size).toBe(readZip(zip).size);
    // A tampered copy carries the same manifest, but it is reported as tampered, never as seen before.
    const files = readZip(zip);
    const pdf = [...files.keys()].find((name) => name.endsWith('minutes.pdf'))!;
    const flipped = Buffer.from(files.get(pdf)!);
    flipped[flipped.indexOf('/Type /Page') + 3]! ^= 1;
    expect(await imports(writeZip(new Map(files).set(pdf, flipped)))).toMatchObject({ reason: 'file_hash' });
    const again = await imports(rezipped, '东湖社区-上报包（副本）.zip');
    expect(again).toMatchObject({ verdict: 'rejected', reason: 'duplicate' });
    expect(bundleRejectionLabels.duplicate['zh-CN']).toBe('这个上报包已经导入过');
  }, 60_000);

  it('still refuses what it refused before: not a zip, paths out of the bundle, too many entries', async () => {
    const imports = await office();
    const notZip = await imports(Buffer.from('not a zip at all, just words'));
    expect(notZip).toMatchObject({ verdict: 'rejected', reason: 'not_zip' });
    expectMessage(notZip.reason);
    for (const name of ['../evil.pdf', 'C:/Windows/evil.pdf', 'a\\..\\b.txt', '/etc/passwd', 'meetings/../../x']) {
      const row = await imports(Buffer.from(zipSync({ [name]: Buffer.from('x') })));
      expect({ name, row }).toMatchObject({ row: { verdict: 'rejected', reason: 'zip_unsafe' } });
    }
    refusedZip(Buffer.from(zipSync({ '../evil.pdf': Buffer.from('x') })), 'zip_unsafe', /\.\.\/evil\.pdf/);
  }, 30_000);
});

describe('zip safety: the caps', () => {
  it('caps each entry, the total and the compression ratio, exactly at the limit', () => {
    const limits = { ...zipLimits, entryBytes: 2 * MiB, totalBytes: 3 * MiB, ratio: 2000 };
    const zeros = (name: string, mib: number) => ({ name, data: Buffer.alloc(0), raw: deflatedZeros(mib * MiB) });
    expect(readZip(craftZip([zeros('a.txt', 2), zeros('b.txt', 1)]).zip, limits).get('a.txt')!.length).toBe(2 * MiB);
    refusedZip(craftZip([zeros('a.txt', 3)]).zip, 'zip_bomb', /a\.txt: 3\.0 MiB > 2\.0 MiB/, limits);
    refusedZip(craftZip([zeros('a.txt', 2), zeros('b.txt', 2)]).zip, 'zip_bomb', /4\.0 MiB > 3\.0 MiB/, limits);
    // Under every size cap, but 2 MiB of zeros deflate ~1000 : 1: no bundle compresses like that.
    refusedZip(craftZip([zeros('manifest.json', 2)]).zip, 'zip_bomb', /manifest\.json: \d+ : 1 > 50 : 1/);
    // Small entries may compress well (a short, repetitive file); the ratio is judged from 1 MiB up.
    expect(readZip(craftZip([{ name: 'a.txt', data: Buffer.alloc(100_000) }]).zip).size).toBe(1);
  });

  it('reads 2,000 tiny entries and refuses 2,001', () => {
    const tiny = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `f/${i}.txt`, data: Buffer.from([i]) }));
    expect(readZip(craftZip(tiny(2000)).zip).size).toBe(2000);
    refusedZip(craftZip(tiny(2001)).zip, 'zip_unsafe', /2001 entries > 2000/);
  });

  it('reads what the app writes, byte for byte', async () => {
    const zip = await realBundle();
    const files = readZip(zip);
    expect([...files.keys()].sort()).toEqual(
      ['manifest.json', 'manifest.json.p7s', 'minutes.pdf', 'resolutions.pdf', 'sign-in.pdf'].map((f) =>
        f.startsWith('manifest') ? f : expect.stringMatching(new RegExp(`^meetings/\\d+/${f}$`)),
      ),
    );
    expect(readZip(writeZip(files))).toEqual(files);
  }, 30_000);
});

describe('zip safety: archives that show different readers different files', () => {
  const a = { name: 'a.txt', data: Buffer.from('the listed file, as the directory says') };

  it('refuses a local header that disagrees with the central directory (name, sizes, method, flags)', async () => {
    const entries = await entriesOf();
    const manifest = entries.findIndex((e) => e.name === 'manifest.json');
    const lie = (local: CraftedEntry['local']) =>
      craftZip(entries.map((e, i) => (i === manifest ? { ...e, local } : e))).zip;
    refusedZip(lie({ name: 'manifest.jsom' }), 'zip_unsafe', /manifest\.json: local header ≠ central directory/);
    refusedZip(lie({ compressed: 100 }), 'zip_unsafe', /local header ≠ central directory/);
    refusedZip(lie({ size: 5 }), 'zip_unsafe', /local header ≠ central directory/);
    refusedZip(lie({ method: 0 }), 'zip_unsafe', /local header ≠ central directory/);
    refusedZip(lie({ flags: 0x0808 }), 'zip_unsafe', /local header ≠ central directory/);
    const imports = await office();
    const row = await imports(lie({ name: 'manifest.jsom' }));
    expect(row).toMatchObject({ verdict: 'rejected', reason: 'zip_unsafe' });
    expectMessage(row.reason);
  }, 30_000);

  it('refuses data descriptors that lie about sizes or CRC, and reads honest ones', () => {
    expect(readZip(craftZip([{ ...a, descriptor: {}, local: { crc: 0, compressed: 0, size: 0 } }]).zip).size).toBe(1);
    for (const lie of [{ size: 5 }, { compressed: 3 }, { crc: 1 }]) {
      refusedZip(craftZip([{ ...a, descriptor: lie }]).zip, 'zip_unsafe', /a\.txt: data descriptor/);
    }
  });

  it('refuses overlapping entries: one entry’s data holding another entry’s header (the overlap bomb)', () => {
    const inner = craftZip([{ name: 'b.txt', data: Buffer.from('inner') }]);
    const record = inner.zip.subarray(0, inner.directoryAt);
    const innerCentral = { name: 'b.txt', data: Buffer.from('inner'), centralOnly: true, central: { offset: 35 } };
    const overlapping = craftZip([{ name: 'a.txt', data: record, method: 0 }, innerCentral]).zip;
    refusedZip(overlapping, 'zip_unsafe', /b\.txt: overlaps/);
    // Two directory records for one local entry are the same name twice.
    refusedZip(craftZip([a, { ...a, centralOnly: true, central: { offset: 0 } }]).zip, 'zip_unsafe', /a\.txt ×2/);
    refusedZip(craftZip([a, { ...a, name: 'A.txt' }, a]).zip, 'zip_unsafe', /a\.txt ×2/);
  });

  it('refuses zip64 fields, bytes hidden between entries, encryption and unknown methods', () => {
    refusedZip(craftZip([{ ...a, central: { extra: zip64Extra(4n * 2n ** 30n, 10n) } }]).zip, 'zip_unsafe', /zip64/);
    refusedZip(craftZip([{ ...a, local: { extra: zip64Extra(4n * 2n ** 30n, 10n) } }]).zip, 'zip_unsafe', /zip64/);
    refusedZip(craftZip([{ ...a, central: { size: 0xffffffff } }]).zip, 'zip_unsafe', /zip64/);
    const locator = craftZip([a]);
    const withLocator = Buffer.concat([
      locator.zip.subarray(0, locator.endAt),
      Buffer.from([0x50, 0x4b, 0x06, 0x07]),
      Buffer.alloc(16),
      locator.zip.subarray(locator.endAt),
    ]);
    withLocator.writeUInt32LE(locator.directoryAt, withLocator.length - 22 + 16);
    refusedZip(withLocator, 'zip_unsafe');
    refusedZip(
      craftZip([
        { ...a, after: Buffer.from('hidden payload') },
        { ...a, name: 'b.txt' },
      ]).zip,
      'zip_unsafe',
      /b\.txt: gap before/,
    );
    refusedZip(
      craftZip([{ ...a, after: Buffer.from('hidden payload') }]).zip,
      'zip_unsafe',
      /gap before the central directory/,
    );
    refusedZip(
      craftZip([{ ...a, central: { flags: 0x0801 }, local: { flags: 0x0801 } }]).zip,
      'zip_unsafe',
      /encrypted/,
    );
    refusedZip(craftZip([{ ...a, central: { method: 12 }, local: { method: 12 } }]).zip, 'zip_unsafe', /method 12/);
  });

  it('calls a wrong CRC or a broken deflate stream damaged, and a directory that does not add up damaged', () => {
    refusedZip(craftZip([{ ...a, central: { crc: 1 }, local: { crc: 1 } }]).zip, 'zip_damaged', /a\.txt: CRC/);
    const broken = { ...a, raw: { compressed: Buffer.from('not deflate at all'), size: a.data.length, crc: 0 } };
    refusedZip(craftZip([broken]).zip, 'zip_damaged', /a\.txt/);
    refusedZip(craftZip([a, { ...a, name: 'b.txt' }], { end: { count: 1 } }).zip, 'zip_damaged', /central directory/);
  });
});
