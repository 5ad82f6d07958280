import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core';
import { openKeyed } from '../../electron/db/cipher';
import { keyFileName, newPassphraseKey } from '../../electron/db/key-file';
import { passphraseChangeSteps } from '../../electron/db/passphrase-change';
import { openPhoto, sealPhoto } from '../../electron/db/photo-files';
import { closedMeeting } from './meetings';
import { registerSearchPairs } from '../../electron/db/search-pairs';
import {
  dataKey,
  makeCore,
  migrationsFolder,
  openData,
  profile,
  refusal,
  send,
  tempDir,
  testCost,
  testPassphrase,
  type TestCore,
} from './helpers';

/** Residents as a secretary's roster has them: names, full mobile numbers, addresses and flat areas. */
const residents = [
  { name: '欧阳翠苹', phone: '13957312468', building: '翠苑7', unit: '2', room: '1101', area: 123.47 },
  { name: '司马秋蘅', phone: '18657309135', building: '翠苑7', unit: '2', room: '1102', area: 98.61 },
  { name: '上官雁汀', phone: '15988204713', building: '翠苑8', unit: '1', room: '0602', area: 141.29 },
];
const roster = () => {
  const lines = [
    '姓名,性别,楼栋,单元,房号,手机,面积',
    ...residents.map((r) => `${r.name},女,${r.building},${r.unit},${r.room},${r.phone},${r.area}`),
  ];
  return { fileName: '名册.csv', data: Buffer.from(lines.join('\n')).toString('base64') };
};

/** What a thief would search the folder for: each value as text (UTF-8 and UTF-16) and each area as SQLite stores a REAL. */
function needles(): { label: string; bytes: Buffer }[] {
  return residents.flatMap((r) => {
    const area = Buffer.alloc(8);
    area.writeDoubleBE(r.area);
    return [
      ...[r.name, r.phone, `${r.building}`, String(r.area)].flatMap((text) => [
        { label: text, bytes: Buffer.from(text, 'utf8') },
        { label: `${text} (UTF-16)`, bytes: Buffer.from(text, 'utf16le') },
      ]),
      { label: `${r.area} (REAL)`, bytes: area },
    ];
  });
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every needle found in every file of the folder (the -wal, backups and set-aside files included). */
function leaks(dir: string): string[] {
  return filesUnder(dir).flatMap((file) => {
    const bytes = fs.readFileSync(file);
    return needles()
      .filter((needle) => bytes.includes(needle.bytes))
      .map((needle) => `${path.relative(dir, file)}: ${needle.label}`);
  });
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A photographed sign-up sheet: a PNG whose text chunk holds a resident's name and phone, as EXIF would. */
const marker = 'Wang Jianguo 13905731000 1-1-101';
function signUpSheet(note = marker): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from(`Comment\0sign-up sheet: ${note}`, 'latin1')),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A topic with the sheet attached; answers the photo's id and the name it is stored under. */
async function withPhoto(core: TestCore, picture = signUpSheet()) {
  const topic = await send(core, 'topic:create', {
    title: '楼道堆物',
    description: '居民反映楼道堆物',
    source: 'resident',
    raisedBy: '居民',
    raisedOn: '2026-12-02',
    category: '环境卫生',
    level: 'small',
    building: '1',
    lane: '',
  });
  const photo = await send(core, 'topic:addPhoto', {
    topicId: topic.id,
    fileName: '报名表.png',
    data: picture.toString('base64'),
    // The thumbnail lives in the (encrypted) data file.
    thumbnail: 'data:image/png;base64,' + picture.toString('base64'),
  });
  const storedAs = core
    .db!.$client.prepare('SELECT stored_as FROM topic_photo WHERE id = ?')
    .pluck()
    .get(photo.id) as string;
  return { id: photo.id, file: path.join(core.dataDir, 'photos', storedAs), storedAs };
}

const photoBytes = async (core: TestCore, id: number) =>
  Buffer.from((await send(core, 'topic:photo', { id })).data, 'base64');

/** Every file of the folder holding the marker, as text or in UTF-16. */
const markerIn = (dir: string) =>
  filesUnder(dir).filter((file) => {
    const bytes = fs.readFileSync(file);
    return bytes.includes(Buffer.from('13905731000')) || bytes.includes(Buffer.from('13905731000', 'utf16le'));
  });

/** A data folder as the app before encryption left it: a plain file with the whole schema, a resident and a plain backup. */
function plainDataFolder(): string {
  const dir = tempDir();
  const sqlite = new Database(databaseFile(dir));
  sqlite.pragma('journal_mode = WAL');
  // As every connection of the app's has it: the collected search index's triggers call it.
  registerSearchPairs(sqlite);
  migrate(drizzle(sqlite), { migrationsFolder });
  sqlite.prepare("INSERT INTO household (building, unit, room, area) VALUES ('翠苑7', '2', '1101', 123.47)").run();
  sqlite
    .prepare(
      "INSERT INTO resident (household_id, name, phone, tags, search_text, initials) VALUES (1, '欧阳翠苹', '13957312468', '[]', '', '')",
    )
    .run();
  fs.mkdirSync(path.join(dir, 'backups'));
  sqlite.prepare('VACUUM INTO ?').run(path.join(dir, 'backups', 'yishiting-2026-11-01T08-00-00-000Z-start.sqlite'));
  sqlite.close();
  return dir;
}

describe('data encrypted at rest', () => {
  it('after a roster import and a whole meeting, no name, phone number, address or area is in any file of the data folder', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    expect(await send(core, 'roster:import', roster())).toMatchObject({ created: 3 });
    await closedMeeting(core);
    // Open: the -wal holds the latest writes.
    expect(fs.existsSync(`${databaseFile(dir)}-wal`)).toBe(true);
    expect(leaks(dir)).toEqual([]);
    core.close();
    const again = makeCore({ dataDir: dir });
    const [latest] = await send(again, 'backup:list', {});
    await send(again, 'backup:restore', { name: latest!.name });
    expect((await send(again, 'resident:search', { query: '欧阳' })).items).toHaveLength(1);
    again.close();
    expect(filesUnder(path.join(dir, 'backups')).length).toBeGreaterThanOrEqual(2);
    expect(filesUnder(path.join(dir, 'replaced')).length).toBeGreaterThanOrEqual(1);
    expect(leaks(dir)).toEqual([]);

    // The search can fail: the same backup decrypted shows every resident.
    const copy = path.join(tempDir(), 'plain.sqlite');
    fs.copyFileSync(path.join(dir, 'backups', latest!.name), copy);
    const decrypted = openKeyed(copy, dataKey(dir));
    decrypted.pragma("rekey = ''");
    decrypted.close();
    expect(leaks(path.dirname(copy)).length).toBeGreaterThanOrEqual(residents.length * 2);
  });

  it('the sqlite3 program cannot read the data file or a backup without the key', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    core.close();
    makeCore({ dataDir: dir }).close();
    const [backup] = fs.readdirSync(path.join(dir, 'backups'));
    for (const file of [databaseFile(dir), path.join(dir, 'backups', backup!)]) {
      const run = spawnSync('sqlite3', [file, 'SELECT count(*) FROM resident;'], { encoding: 'utf8' });
      expect(run.status, file).not.toBe(0);
      expect(run.stderr).toContain('file is not a database');
    }
    // With the key, the app's own build reads it.
    const keyed = openData(databaseFile(dir), dir);
    expect(keyed.prepare('SELECT name FROM community').pluck().get()).toBe(profile.name);
    keyed.close();
  });

  it('encrypts a plain data file from before encryption once, with its backups, and keeps a backup of it', async () => {
    const dir = plainDataFolder();
    const core = makeCore({ dataDir: dir });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'ready', keyKind: 'passphrase' });
    expect(core.db!.$client.prepare('SELECT name FROM resident').pluck().all()).toEqual(['欧阳翠苹']);
    core.close();
    expect(leaks(dir)).toEqual([]);
    const backups = fs.readdirSync(path.join(dir, 'backups')).sort();
    expect(backups).toHaveLength(2); // the old one, now encrypted, and this start's
    for (const name of backups) {
      const sqlite = openData(path.join(dir, 'backups', name), dir);
      expect(sqlite.prepare('SELECT name FROM resident').pluck().get()).toBe('欧阳翠苹');
      sqlite.close();
    }
    expect(fs.readdirSync(dir).filter((name) => /encrypt|\.new/.test(name))).toEqual([]);
    // Once: the next start finds an encrypted file and the same key.
    const again = makeCore({ dataDir: dir });
    expect(await send(again, 'app:status', {})).toMatchObject({ state: 'ready' });
  });

  it('asks for the passphrase first: a wrong one keeps the screen, the right one opens the data', async () => {
    const dir = tempDir();
    const setup = makeCore({ dataDir: dir, passphrase: undefined });
    expect(await send(setup, 'app:status', {})).toMatchObject({ state: 'locked', setup: true });
    expect(await refusal(setup, 'meeting:list', {})).toMatchObject({ code: 'locked' });
    expect(await refusal(setup, 'app:unlock', { passphrase: '1234567' })).toMatchObject({
      code: 'data_passphrase_weak',
      message: expect.stringContaining('这个数据密码太容易被猜到'),
    });
    expect(fs.existsSync(databaseFile(dir))).toBe(false);
    await send(setup, 'app:unlock', { passphrase: testPassphrase });
    await send(setup, 'community:save', profile);
    setup.close();

    const core = makeCore({ dataDir: dir, passphrase: undefined });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'locked', setup: false });
    const before = sha(databaseFile(dir));
    expect(await refusal(core, 'app:unlock', { passphrase: '不是这个密码' })).toMatchObject({
      code: 'data_passphrase_wrong',
      message: '数据密码不正确，请重新输入。',
    });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'locked' });
    expect(sha(databaseFile(dir))).toBe(before);
    expect(await send(core, 'app:unlock', { passphrase: testPassphrase })).toMatchObject({
      state: 'ready',
      hasCommunity: true,
    });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'ready', hasCommunity: true });
    // A stale passphrase handed over at start gets the screen, not an error.
    core.close();
    const stale = makeCore({ dataDir: dir, passphrase: '旧的错误密码' });
    expect(await send(stale, 'app:status', {})).toMatchObject({ state: 'locked', setup: false });
  });

  it('wrong data passphrases cost a growing wait that a restart does not clear; the right one then opens', async () => {
    const dir = tempDir();
    makeCore({ dataDir: dir }).close();
    let now = new Date('2026-12-02T08:00:00Z');
    const clock = { now: () => now };
    const locked = makeCore({ dataDir: dir, passphrase: undefined, ...clock });
    for (let i = 1; i <= 4; i += 1) {
      expect(await refusal(locked, 'app:unlock', { passphrase: `猜的密码 ${i}` })).toMatchObject({
        code: 'data_passphrase_wrong',
      });
    }
    expect(await refusal(locked, 'app:unlock', { passphrase: '猜的密码 5' })).toEqual({
      code: 'data_unlock_throttled',
      message: '数据密码已连续输错 5 次。为防止有人试密码，请 30 秒后再试。',
    });
    // While it waits, even the right passphrase is not tried; the screen stays.
    expect(await refusal(locked, 'app:unlock', { passphrase: testPassphrase })).toMatchObject({
      code: 'data_unlock_throttled',
    });
    expect(await send(locked, 'app:status', {})).toMatchObject({ state: 'locked' });
    locked.close();

    // Quitting and starting again keeps the count, and the right passphrase handed over at start waits too.
    now = new Date(now.getTime() + 10_000);
    const restarted = makeCore({ dataDir: dir, ...clock });
    expect(await send(restarted, 'app:status', {})).toMatchObject({ state: 'locked' });
    expect(await refusal(restarted, 'app:unlock', { passphrase: testPassphrase })).toMatchObject({
      code: 'data_unlock_throttled',
      message: expect.stringContaining('20 秒后再试'),
    });
    now = new Date(now.getTime() + 21_000);
    expect(await refusal(restarted, 'app:unlock', { passphrase: '猜的密码 6' })).toMatchObject({
      code: 'data_unlock_throttled',
      message: expect.stringContaining('输错 6 次。为防止有人试密码，请 60 秒后再试'),
    });
    now = new Date(now.getTime() + 61_000);
    expect(await send(restarted, 'app:unlock', { passphrase: testPassphrase })).toMatchObject({ state: 'ready' });
    restarted.close();
    // Forgiven once right: the next wrong one is a plain "wrong" again.
    const after = makeCore({ dataDir: dir, passphrase: undefined, ...clock });
    expect(await refusal(after, 'app:unlock', { passphrase: '又猜错' })).toMatchObject({
      code: 'data_passphrase_wrong',
    });
  });

  it('never makes a new database when the key file is gone', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    core.close();
    fs.rmSync(path.join(dir, keyFileName));
    const before = sha(databaseFile(dir));
    const again = makeCore({ dataDir: dir });
    const status = await send(again, 'app:status', {});
    expect(status).toMatchObject({ state: 'failed', code: 'db_key_missing' });
    again.close();
    expect(sha(databaseFile(dir))).toBe(before);
    expect(fs.existsSync(path.join(dir, keyFileName))).toBe(false);
  });

  it('a new passphrase re-encrypts the data file and every backup; the old one opens nothing', async () => {
    const dir = tempDir();
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    first.close();
    const core = makeCore({ dataDir: dir });
    const oldKey = dataKey(dir);
    expect(
      await refusal(core, 'settings:changePassphrase', { current: '错的', next: '新的数据密码 2027' }),
    ).toMatchObject({
      code: 'data_passphrase_wrong',
    });
    const next = '新的数据密码 2027';
    await send(core, 'settings:changePassphrase', { current: testPassphrase, next });
    expect(await send(core, 'community:get', {})).toMatchObject({ name: profile.name });
    core.close();
    expect(() => dataKey(dir)).toThrow();
    const newKey = dataKey(dir, next);
    for (const file of [databaseFile(dir), ...filesUnder(path.join(dir, 'backups'))]) {
      expect(() => openKeyed(file, oldKey, { readonly: true }).prepare('SELECT 1 FROM community').get(), file).toThrow(
        /not a database/,
      );
      const sqlite = openKeyed(file, newKey, { readonly: true });
      expect(sqlite.prepare('SELECT name FROM community').pluck().get()).toBe(profile.name);
      sqlite.close();
    }
    const reopened = makeCore({ dataDir: dir, passphrase: next });
    expect(await send(reopened, 'app:status', {})).toMatchObject({ state: 'ready' });
    expect(await refusal(reopened, 'settings:changePassphrase', { current: next, next: 'short' })).toMatchObject({
      code: 'data_passphrase_weak',
    });
  });

  it('a passphrase change cut off after any step leaves a passphrase that opens everything, and is finished', async () => {
    const next = '新的数据密码 2027';
    const dir = tempDir();
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    const photos = [await withPhoto(first), await withPhoto(first, signUpSheet('second sheet 13905731000'))];
    first.close();
    // 0–6 steps done, and 3.5: cut off in the photos step with one photo re-sealed and the other not.
    for (const done of [0, 1, 2, 3, 3.5, 4, 5, 6]) {
      const folder = tempDir();
      fs.cpSync(dir, folder, { recursive: true });
      const core = makeCore({ dataDir: folder });
      const [oldKey, made] = [dataKey(folder), newPassphraseKey(next, testCost)];
      const steps = passphraseChangeSteps({
        dataDir: folder,
        dataFile: databaseFile(folder),
        oldKey,
        made,
        open: core.db!.$client,
      });
      expect(steps.map(([name]) => name)).toEqual([
        'pending key file',
        'data file',
        'backups',
        'photos',
        'key file',
        'done',
      ]);
      // The process dies after `done` steps.
      for (const [, step] of steps.slice(0, Math.floor(done))) step();
      if (done === 3.5) {
        const { storedAs } = photos[0]!;
        const file = path.join(folder, 'photos', storedAs);
        const clear = openPhoto(oldKey, storedAs, fs.readFileSync(file))!;
        fs.writeFileSync(file, sealPhoto(made.key, storedAs, clear));
      }
      core.close();
      const works = (passphrase: string) => {
        const copy = tempDir();
        fs.cpSync(folder, copy, { recursive: true });
        const opened = makeCore({ dataDir: copy, passphrase: undefined });
        const unlocked = opened.guard('app:unlock', { passphrase }, { trusted: true });
        return { copy, opened, unlocked };
      };
      const oldOne = works(testPassphrase);
      const newOne = works(next);
      const [byOld, byNew] = [await oldOne.unlocked, await newOne.unlocked];
      // Before the new key file is in place the old passphrase still opens; from the first step the new one does.
      expect(byOld.ok, `old passphrase after ${done} steps`).toBe(done < 5);
      expect(byNew.ok, `new passphrase after ${done} steps`).toBe(done > 0);
      for (const { copy, opened } of [oldOne, newOne]) {
        if (!(await send(opened, 'app:status', {})).state.startsWith('ready')) continue;
        expect(await send(opened, 'community:get', {})).toMatchObject({ name: profile.name });
        const pictures = [await photoBytes(opened, photos[0]!.id), await photoBytes(opened, photos[1]!.id)];
        expect(
          pictures.map((p) => p.includes(Buffer.from('13905731000'))),
          `photos after ${done} steps`,
        ).toEqual([true, true]);
        opened.close();
        if (done === 0) continue; // nothing had begun: the old passphrase stays, as the secretary was told
        // Finished: the next start knows only the new passphrase, and every copy is under the new key.
        expect(fs.existsSync(path.join(copy, 'yishiting.key.next'))).toBe(false);
        const key = dataKey(copy, next);
        for (const file of [databaseFile(copy), ...filesUnder(path.join(copy, 'backups'))]) {
          const sqlite = openKeyed(file, key, { readonly: true });
          expect(sqlite.prepare('SELECT name FROM community').pluck().get(), file).toBe(profile.name);
          sqlite.close();
        }
        for (const { storedAs } of photos)
          expect(
            openPhoto(key, storedAs, fs.readFileSync(path.join(copy, 'photos', storedAs))),
            storedAs,
          ).not.toBeNull();
        expect(markerIn(copy)).toEqual([]);
      }
      for (const { opened } of [oldOne, newOne]) opened.close();
    }
  });

  it('the OS keychain seals the key where it really protects: no passphrase asked, nothing readable', async () => {
    const dir = tempDir();
    const sealed: string[] = [];
    const keychain = {
      encrypt: (plain: string) => (sealed.push(plain), Buffer.from(plain).reverse().toString('base64')),
      decrypt: (stored: string) => Buffer.from(stored, 'base64').reverse().toString(),
    };
    const core = makeCore({ dataDir: dir, passphrase: undefined, keyProtection: keychain });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'ready', keyKind: 'os' });
    await send(core, 'community:save', profile);
    expect(await refusal(core, 'settings:changePassphrase', { current: 'a', next: 'bbbbbbbbbb' })).toMatchObject({
      code: 'data_passphrase_not_used',
    });
    core.close();
    expect(fs.readFileSync(path.join(dir, keyFileName), 'utf8')).not.toContain(sealed[0]);
    // The browser host, without the keychain, says where the key is instead of asking for a passphrase.
    const browser = makeCore({ dataDir: dir, passphrase: undefined });
    expect(await send(browser, 'app:status', {})).toMatchObject({ state: 'failed', code: 'db_key_os_only' });
  });
});

describe('topic photos at rest', () => {
  it('a photo is sealed before it reaches the disk, reads back identical, and survives a restart', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    const picture = signUpSheet();
    const photo = await withPhoto(core, picture);
    expect((await photoBytes(core, photo.id)).equals(picture)).toBe(true);
    // nonce ‖ ciphertext ‖ tag: 12 + the picture + 16 bytes, nothing of it in clear.
    expect(fs.statSync(photo.file).size).toBe(picture.length + 28);
    expect(markerIn(dir)).toEqual([]);
    expect(fs.readFileSync(photo.file).includes(picture.subarray(0, 8))).toBe(false);
    core.close();
    const again = makeCore({ dataDir: dir });
    expect((await photoBytes(again, photo.id)).equals(picture)).toBe(true);
    again.close();
    expect(markerIn(dir)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'photos'))).toEqual([photo.storedAs]);
  });

  it('a changed, swapped, missing or foreign-key photo is refused in words, and the app keeps answering', async () => {
    const core = makeCore();
    await send(core, 'community:save', profile);
    const [a, b] = [await withPhoto(core), await withPhoto(core, signUpSheet('another sheet'))];
    const refused = {
      code: 'photo_unreadable',
      message:
        '照片“报名表.png”无法打开：文件缺失、已损坏或被改动过，或者不是用这份数据的密钥加密的。请从原始照片重新添加。',
    };
    const original = fs.readFileSync(a.file);
    // One byte flipped in the ciphertext.
    const flipped = Buffer.from(original);
    flipped[20]! ^= 1;
    fs.writeFileSync(a.file, flipped);
    expect(await refusal(core, 'topic:photo', { id: a.id })).toEqual(refused);
    // Another photo's (valid) file put under this one's name.
    fs.copyFileSync(b.file, a.file);
    expect(await refusal(core, 'topic:photo', { id: a.id })).toEqual(refused);
    // Sealed under another folder's key (a photos/ copied from another install).
    fs.writeFileSync(a.file, sealPhoto(randomBytes(32), a.storedAs, signUpSheet()));
    expect(await refusal(core, 'topic:photo', { id: a.id })).toEqual(refused);
    // A different picture in clear under its name: not the one the row recorded.
    fs.writeFileSync(a.file, signUpSheet('someone else'));
    expect(await refusal(core, 'topic:photo', { id: a.id })).toEqual(refused);
    fs.rmSync(a.file);
    expect(await refusal(core, 'topic:photo', { id: a.id })).toEqual(refused);
    expect((await send(core, 'topic:get', { id: 1 })).photos).toHaveLength(1);
    expect((await photoBytes(core, b.id)).includes(Buffer.from('another sheet'))).toBe(true);
    fs.writeFileSync(a.file, original);
    expect((await photoBytes(core, a.id)).equals(signUpSheet())).toBe(true);
  });

  it('clear photos from before encryption are sealed once, at the next start, and never lost', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    const picture = signUpSheet();
    const photo = await withPhoto(core, picture);
    core.close();
    // As the older version wrote it: the picture itself; and a write cut off by a crash.
    fs.writeFileSync(photo.file, picture);
    fs.writeFileSync(`${photo.file}.tmp`, picture);
    const orphan = path.join(dir, 'photos', 'an-unused-file-from-a-crash.jpg');
    fs.writeFileSync(orphan, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(' 13905731000')]));
    expect(
      markerIn(dir)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual([photo.storedAs, `${photo.storedAs}.tmp`, path.basename(orphan)].sort());
    const again = makeCore({ dataDir: dir });
    expect(markerIn(dir)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'photos')).sort()).toEqual([path.basename(orphan), photo.storedAs].sort());
    expect(openPhoto(dataKey(dir), photo.storedAs, fs.readFileSync(photo.file))!.equals(picture)).toBe(true);
    expect((await photoBytes(again, photo.id)).equals(picture)).toBe(true);
    const sealed = fs.readFileSync(photo.file);
    again.close();
    // Once: the next start leaves sealed photos as they are.
    makeCore({ dataDir: dir }).close();
    expect(fs.readFileSync(photo.file).equals(sealed)).toBe(true);
  });

  it('a new passphrase re-seals every photo: it reads back under the new key, the old key opens none', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    const photo = await withPhoto(core);
    const oldKey = dataKey(dir);
    const next = '新的数据密码 2027';
    await send(core, 'settings:changePassphrase', { current: testPassphrase, next });
    expect((await photoBytes(core, photo.id)).equals(signUpSheet())).toBe(true);
    // A photo added after the change is sealed under the new key too.
    const later = await withPhoto(core, signUpSheet('after the change'));
    core.close();
    const newKey = dataKey(dir, next);
    for (const { file, storedAs } of [photo, later]) {
      expect(openPhoto(oldKey, storedAs, fs.readFileSync(file))).toBeNull();
      expect(openPhoto(newKey, storedAs, fs.readFileSync(file))).not.toBeNull();
    }
    const reopened = makeCore({ dataDir: dir, passphrase: next });
    expect((await photoBytes(reopened, photo.id)).equals(signUpSheet())).toBe(true);
    expect((await photoBytes(reopened, later.id)).includes(Buffer.from('after the change'))).toBe(true);
  });
});

describe.skipIf(process.platform === 'win32')('file modes of the data folder', () => {
  const mode = (file: string) => fs.statSync(file).mode & 0o777;
  /** Every file and folder of ours in the data folder with its mode (Electron's own files would be left out). */
  const modes = (dir: string) =>
    Object.fromEntries(
      [dir, ...fs.readdirSync(dir, { recursive: true }).map((name) => path.join(dir, String(name)))].map((file) => [
        path.relative(dir, file) || '.',
        mode(file).toString(8),
      ]),
    );

  it('the folder and everything in it are the owner’s only: 0700 folders, 0600 files, from their creation', async () => {
    const dir = path.join(tempDir(), 'data');
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    await withPhoto(first);
    first.close();
    // The next start backs up; restoring it sets the data file aside in replaced/.
    const core = makeCore({ dataDir: dir });
    const [latest] = await send(core, 'backup:list', {});
    await send(core, 'backup:restore', { name: latest!.name });
    // Open: the -wal and -shm are there.
    const seen = modes(dir);
    expect(Object.keys(seen)).toEqual(
      expect.arrayContaining(['yishiting.sqlite-wal', 'yishiting.sqlite-shm', 'yishiting.key', 'photos', 'replaced']),
    );
    for (const [name, m] of Object.entries(seen))
      expect(m, name).toBe(fs.statSync(path.join(dir, name)).isDirectory() ? '700' : '600');
    core.close();
  });

  it('a new data folder is the owner’s only already while the first screen waits for the passphrase', async () => {
    const dir = path.join(tempDir(), 'new-data');
    const waiting = makeCore({ dataDir: dir, passphrase: undefined });
    expect(await send(waiting, 'app:status', {})).toMatchObject({ state: 'locked', setup: true });
    expect(mode(dir).toString(8)).toBe('700');
  });

  it('an older version’s 0755 folder and 0644 files are corrected at the next start', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir });
    await send(core, 'community:save', profile);
    await withPhoto(core);
    core.close();
    makeCore({ dataDir: dir }).close();
    for (const name of fs.readdirSync(dir, { recursive: true }).map(String)) {
      const file = path.join(dir, name);
      fs.chmodSync(file, fs.statSync(file).isDirectory() ? 0o755 : 0o644);
    }
    fs.chmodSync(dir, 0o755);
    // Not ours: a file the desktop shell or Electron keeps beside the data is left as it is.
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{}', { mode: 0o644 });
    const again = makeCore({ dataDir: dir });
    const seen = modes(dir);
    expect(seen['window-state.json']).toBe('644');
    delete seen['window-state.json'];
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(7);
    for (const [name, m] of Object.entries(seen))
      expect(m, name).toBe(fs.statSync(path.join(dir, name)).isDirectory() ? '700' : '600');
    again.close();
  });
});

describe.skipIf(process.getuid?.() !== 0)('a full disk at start', () => {
  function tmpfs(size: string): { dir: string; unmount(): void } {
    const dir = tempDir();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status).toBe(0);
    return { dir, unmount: () => spawnSync('umount', [dir]) };
  }

  it('a new install on a full disk leaves no half-made data file, and starts once there is room', async () => {
    const disk = tmpfs('24k');
    try {
      const core = makeCore({ dataDir: disk.dir });
      const status = await send(core, 'app:status', {});
      expect(status).toMatchObject({ state: 'failed', code: 'disk_full' });
      expect(status.state === 'failed' && status.message).toContain('磁盘已满');
      core.close();
      expect(fs.readdirSync(disk.dir).filter((name) => name.includes('sqlite'))).toEqual([]);
      spawnSync('mount', ['-o', 'remount,size=8m', disk.dir]);
      const roomy = makeCore({ dataDir: disk.dir });
      expect(await send(roomy, 'app:status', {})).toMatchObject({ state: 'ready' });
      roomy.close();
    } finally {
      disk.unmount();
    }
  });

  it('an existing file whose start backup does not fit: a clear screen, the file untouched, no backup left behind', async () => {
    const source = tempDir();
    const core = makeCore({ dataDir: source });
    await send(core, 'community:save', profile);
    await send(core, 'roster:import', roster());
    core.close();
    const bytes = fs.statSync(databaseFile(source)).size;
    const disk = tmpfs(`${Math.ceil((bytes * 1.3) / 4096) * 4}k`);
    try {
      for (const name of fs.readdirSync(source)) fs.cpSync(path.join(source, name), path.join(disk.dir, name));
      const before = sha(databaseFile(disk.dir));
      const full = makeCore({ dataDir: disk.dir });
      expect(await send(full, 'app:status', {})).toMatchObject({ state: 'failed', code: 'disk_full' });
      expect(await send(full, 'backup:list', {})).toEqual([]);
      full.close();
      expect(sha(databaseFile(disk.dir))).toBe(before);
      expect(fs.readdirSync(path.join(disk.dir, 'backups'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });
});

describe('backups you can trust', () => {
  it('times come from the backup’s own record, not the file date; what a restore set aside is offered back', async () => {
    const dir = tempDir();
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    await send(first, 'meeting:create', { title: '较早的会议' });
    first.close();
    const core = makeCore({ dataDir: dir });
    await send(core, 'meeting:create', { title: '后来的会议' });
    const [start] = await send(core, 'backup:list', {});
    expect(start).toMatchObject({ reason: 'start', source: 'backup', usable: true });
    const taken = start!.createdAt;
    // A copy (or a restore tool) changes the file's date; the listed time stays the backup's own.
    fs.utimesSync(path.join(dir, 'backups', start!.name), new Date('2001-01-01'), new Date('2001-01-01'));
    expect((await send(core, 'backup:list', {}))[0]!.createdAt).toBe(taken);

    await send(core, 'backup:restore', { name: start!.name });
    expect((await send(core, 'meeting:list', {})).map((m) => m.title)).toEqual(['较早的会议']);
    const aside = (await send(core, 'backup:list', {})).find((b) => b.source === 'replaced');
    expect(aside).toMatchObject({ reason: 'replaced', usable: true, name: expect.stringMatching(/^replaced\//) });
    await send(core, 'backup:restore', { name: aside!.name });
    expect((await send(core, 'meeting:list', {})).map((m) => m.title).sort()).toEqual(['后来的会议', '较早的会议']);
  });

  it('refuses to restore an empty backup or another program’s file, in words, and changes nothing', async () => {
    const dir = tempDir();
    const first = makeCore({ dataDir: dir });
    await send(first, 'community:save', profile);
    first.close();
    const core = makeCore({ dataDir: dir });
    const empty = 'yishiting-2026-12-01T08-00-00-000Z-start.sqlite';
    fs.writeFileSync(path.join(dir, 'backups', empty), '');
    const foreign = 'yishiting-2026-12-01T09-00-00-000Z-start.sqlite';
    const other = new Database(path.join(dir, 'backups', foreign));
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const before = sha(databaseFile(dir));
    const listed = await send(core, 'backup:list', {});
    expect(listed.find((b) => b.name === empty)).toMatchObject({ usable: false, bytes: 0 });
    expect(listed.find((b) => b.name === foreign)).toMatchObject({ usable: false });
    for (const name of [empty, foreign]) {
      expect(await refusal(core, 'backup:restore', { name })).toMatchObject({
        code: 'backup_unusable',
        message: `这份备份（${name}）是空的、已损坏或不是议事亭的数据，不能用来恢复。请选择另一份。`,
      });
    }
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'ready', hasCommunity: true });
    core.close();
    expect(sha(databaseFile(dir))).toBe(before);
    expect(fs.existsSync(path.join(dir, 'replaced'))).toBe(false);
  });
});
