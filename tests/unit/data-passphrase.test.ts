import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core';
import { checkPassphrase } from '../../electron/crypto/strength';
import { hostPassphrase } from '../spawn-host';
import { coreWithCommunity, makeCore, profile, send, tempDir, testPassphrase, trusted } from './helpers';

/** What the screen shows for a refused data passphrase, in both languages. */
async function refusedIn(
  core: ReturnType<typeof makeCore>,
  channel: 'app:unlock' | 'settings:changePassphrase',
  input: object,
) {
  const answers = await Promise.all(
    (['zh-CN', 'en'] as const).map((locale) => core.guard(channel, input, { ...trusted, locale })),
  );
  return answers.map((a) => (a.ok ? 'accepted' : `${a.error.code}: ${a.error.message}`));
}

const weakCommon = [
  'data_passphrase_weak: 这个数据密码太容易被猜到：是常见密码或常用词。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
  'data_passphrase_weak: This data passphrase is too easy to guess: it is a common password or word. Choose a longer one, for example several unrelated words joined with digits or symbols.',
];

/**
 * The data passphrase guards every resident's name and phone, and a copied folder can be guessed offline at scrypt
 * cost: it gets the signing passphrase's check (zxcvbn-ts with pinyin and the community's names), not a length.
 */
describe('a new data passphrase must be hard to guess', () => {
  it('the passphrases the tests start with pass the check', () => {
    for (const passphrase of [testPassphrase, hostPassphrase, '东湖社区 议事亭 2026', '新的数据密码 2027']) {
      expect(() => checkPassphrase(passphrase, [], 'data_passphrase_weak'), passphrase).not.toThrow();
    }
  });

  it('a new install refuses "12345678" on the first screen, and writes nothing', async () => {
    const dir = tempDir();
    const setup = makeCore({ dataDir: dir, passphrase: undefined });
    expect(await refusedIn(setup, 'app:unlock', { passphrase: '12345678' })).toEqual(weakCommon);
    expect(await refusedIn(setup, 'app:unlock', { passphrase: '短密码' })).toEqual([
      'data_passphrase_weak: 这个数据密码太容易被猜到：太短。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
      'data_passphrase_weak: This data passphrase is too easy to guess: it is too short. Choose a longer one, for example several unrelated words joined with digits or symbols.',
    ]);
    expect(fs.existsSync(databaseFile(dir))).toBe(false);
    expect(await send(setup, 'app:status', {})).toMatchObject({ state: 'locked', setup: true });
    expect(await send(setup, 'app:unlock', { passphrase: testPassphrase })).toMatchObject({ state: 'ready' });
  });

  it('a weak passphrase handed over at start (YISHITING_PASSPHRASE) is asked for on the screen instead', async () => {
    const dir = tempDir();
    const core = makeCore({ dataDir: dir, passphrase: '12345678' });
    expect(await send(core, 'app:status', {})).toMatchObject({ state: 'locked', setup: true });
    expect(fs.existsSync(databaseFile(dir))).toBe(false);
  });

  it('an existing data passphrase still opens the data: the check is for a new one only', async () => {
    const core = await coreWithCommunity();
    core.close();
    const again = makeCore({ dataDir: core.dataDir, passphrase: undefined });
    expect(await send(again, 'app:unlock', { passphrase: testPassphrase })).toMatchObject({ state: 'ready' });
  });

  it('a change refuses "12345678" and the community’s own name, and keeps the old passphrase', async () => {
    const core = await coreWithCommunity();
    const change = (next: string) => refusedIn(core, 'settings:changePassphrase', { current: testPassphrase, next });
    expect(await change('12345678')).toEqual(weakCommon);
    expect(await change(`${profile.name}2026`)).toEqual([
      'data_passphrase_weak: 这个数据密码太容易被猜到：用了社区、街道或议事亭的名称、含有日期或年份。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
      'data_passphrase_weak: This data passphrase is too easy to guess: it uses the name of the community, sub-district or pavilion, it contains a date or a year. Choose a longer one, for example several unrelated words joined with digits or symbols.',
    ]);
    // A wrong current passphrase is still what is said first.
    expect(await refusedIn(core, 'settings:changePassphrase', { current: '错的', next: '12345678' })).toEqual([
      'data_passphrase_wrong: 数据密码不正确，请重新输入。',
      'data_passphrase_wrong: The data passphrase is not correct. Please try again.',
    ]);
    core.close();
    const reopened = makeCore({ dataDir: core.dataDir, passphrase: undefined });
    expect(await send(reopened, 'app:unlock', { passphrase: testPassphrase })).toMatchObject({ state: 'ready' });
  });
});
