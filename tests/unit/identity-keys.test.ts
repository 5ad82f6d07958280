import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIdentity } from '../../electron/records/identity';
import { makeCore, profile, refusal, send, tempDir, type TestCore } from './helpers';

// Every unlock derives an scrypt key (~0.6 s here, several seconds on a crowded machine).
const slow = 120_000;
const strong = '樟树下 晒被子 7 点半';

let clock = new Date('2026-12-02T09:00:00Z');
const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

async function community(dataDir = tempDir()): Promise<TestCore> {
  const core = makeCore({ dataDir, now: () => clock });
  await send(core, 'community:save', profile);
  return core;
}
const reopen = (core: TestCore) => (core.close(), makeCore({ dataDir: core.dataDir, now: () => clock }));
const storedKey = (core: TestCore) =>
  core.db!.$client.prepare('SELECT encrypted_key FROM signing_identity WHERE active = 1').pluck().get() as string;

/** What OpenSSL makes of the stored key text with the right passphrase: `null` when it cannot read it. */
function opensslReads(stored: string, passphrase: string): string | null {
  const file = path.join(tempDir(), 'key.pem');
  fs.writeFileSync(file, stored);
  const run = spawnSync('openssl', ['pkey', '-in', file, '-passin', `pass:${passphrase}`, '-noout', '-text'], {
    encoding: 'utf8',
  });
  return run.status === 0 ? run.stdout : null;
}

describe('the signing key at rest', () => {
  it(
    'is sealed with scrypt + AES-256-GCM, which OpenSSL cannot read as PKCS#8 even with the passphrase',
    async () => {
      const core = await community();
      await send(core, 'identity:create', { passphrase: strong });
      const stored = storedKey(core);
      expect(JSON.parse(stored)).toMatchObject({
        cipher: 'aes-256-gcm',
        kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
      });
      expect(stored).not.toContain('PRIVATE KEY');
      expect(opensslReads(stored, strong)).toBeNull();

      const reopened = reopen(core);
      expect(await send(reopened, 'identity:get', {})).toMatchObject({ current: { unlocked: false } });
      expect(await refusal(reopened, 'identity:unlock', { passphrase: '樟树下 晒被子 8 点半' })).toEqual({
        code: 'passphrase_wrong',
        message: '签名密码不正确。',
      });
      expect(await send(reopened, 'identity:unlock', { passphrase: strong })).toMatchObject({ unlocked: true });
    },
    slow,
  );

  it(
    'moves a key stored the old way (PKCS#8, PBKDF2-2048) to the scrypt seal on its next unlock',
    async () => {
      const core = await community();
      const old = await createIdentity({ ...profile, kind: 'community' }, clock);
      const legacy = createPrivateKey(old.keyPem)
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse 1' })
        .toString();
      core
        .db!.$client.prepare(
          `INSERT INTO signing_identity (certificate, encrypted_key, protection, source, fingerprint, created_at)
         VALUES (?, ?, 'passphrase', 'generated', 'legacy', ?)`,
        )
        .run(old.certificatePem, legacy, clock.toISOString());
      // The old text is what OpenSSL reads with the passphrase: one offline guess costs ~1 ms.
      expect(opensslReads(legacy, 'correct horse 1')).toContain('Private-Key: (3072 bit');

      const reopened = reopen(core);
      expect(await refusal(reopened, 'identity:unlock', { passphrase: 'correct horse 2' })).toMatchObject({
        code: 'passphrase_wrong',
      });
      expect(storedKey(reopened)).toBe(legacy);
      expect(await send(reopened, 'identity:unlock', { passphrase: 'correct horse 1' })).toMatchObject({
        unlocked: true,
      });
      const sealed = storedKey(reopened);
      expect(JSON.parse(sealed)).toMatchObject({ kdf: { name: 'scrypt' } });
      expect(opensslReads(sealed, 'correct horse 1')).toBeNull();
      const audit = reopened.db!.$client.prepare("SELECT count(*) FROM audit_event WHERE action = 'identity.resealed'");
      expect(audit.pluck().get()).toBe(1);

      // The same passphrase opens the new seal after a restart, and the key still signs: a CSR OpenSSL verifies.
      const again = reopen(reopened);
      await send(again, 'identity:unlock', { passphrase: 'correct horse 1' });
      const csr = await send(again, 'identity:request', {});
      const file = path.join(tempDir(), 'request.csr');
      fs.writeFileSync(file, Buffer.from(csr.data, 'base64'));
      expect(
        execFileSync('openssl', ['req', '-in', file, '-verify', '-noout'], { encoding: 'utf8', stdio: 'pipe' }),
      ).toBe('');
    },
    slow,
  );

  it(
    'makes the secretary wait after 5 wrong passphrases, 30 s doubling, also across a restart',
    async () => {
      const core = await community();
      await send(core, 'identity:create', { passphrase: strong });
      let app = reopen(core);
      for (let i = 1; i <= 4; i += 1) {
        expect(await refusal(app, 'identity:unlock', { passphrase: `wrong guess no ${i}` })).toMatchObject({
          code: 'passphrase_wrong',
        });
      }
      expect(await refusal(app, 'identity:unlock', { passphrase: 'wrong guess no 5' })).toEqual({
        code: 'unlock_throttled',
        message: '签名密码已连续输错 5 次。为防止有人试密码，请 30 秒后再试。',
      });
      // Quitting and starting again does not help, and the right passphrase is not even tried.
      app = reopen(app);
      later(10);
      expect(await refusal(app, 'identity:unlock', { passphrase: strong })).toMatchObject({
        code: 'unlock_throttled',
        message: expect.stringContaining('请 20 秒后再试'),
      });
      later(21);
      expect(await refusal(app, 'identity:unlock', { passphrase: 'wrong guess no 6' })).toMatchObject({
        message: expect.stringContaining('请 60 秒后再试'),
      });
      await send(app, 'settings:setLocale', { locale: 'en' });
      later(59);
      expect(await refusal(app, 'identity:unlock', { passphrase: strong })).toEqual({
        code: 'unlock_throttled',
        message: 'The passphrase was wrong 6 times in a row. To stop anyone guessing it, try again in 1 second.',
      });
      // Setting the clock back does not shorten the wait beyond the full delay.
      clock = new Date(clock.getTime() - 86_400_000);
      expect(await refusal(app, 'identity:unlock', { passphrase: strong })).toMatchObject({
        message: expect.stringContaining('try again in 60 seconds'),
      });
      later(86_400 + 1);
      expect(await send(app, 'identity:unlock', { passphrase: strong })).toMatchObject({ unlocked: true });
      // A success forgives the count: the next wrong one is just wrong.
      app = reopen(app);
      expect(await refusal(app, 'identity:unlock', { passphrase: 'wrong guess again' })).toMatchObject({
        code: 'passphrase_wrong',
      });
    },
    slow,
  );

  it(
    'counts guesses sent all at once, one by one',
    async () => {
      const core = await community();
      await send(core, 'identity:create', { passphrase: strong });
      const app = reopen(core);
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          app.guard('identity:unlock', { passphrase: `parallel ${i} x` }, { trusted: true }),
        ),
      );
      const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
      expect(codes).toEqual([...Array(4).fill('passphrase_wrong'), ...Array(4).fill('unlock_throttled')]);
    },
    slow,
  );
});

describe('choosing a passphrase', () => {
  it(
    'refuses guessable ones with a hint, in Chinese and English, before making a key',
    async () => {
      const core = await community();
      expect(await refusal(core, 'identity:create', { passphrase: 'donghu2026' })).toEqual({
        code: 'passphrase_weak',
        message:
          '这个密码太容易被猜到：用了社区、街道或议事亭的名称、含有日期或年份。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
      });
      expect((await refusal(core, 'identity:create', { passphrase: '东湖社区2026' })).message).toContain(
        '用了社区、街道或议事亭的名称',
      );
      expect((await refusal(core, 'identity:create', { passphrase: 'zhangwei1985' })).message).toContain('拼音');
      expect((await refusal(core, 'identity:create', { passphrase: 'qwer1234asdf' })).message).toContain('常见密码');
      await send(core, 'settings:setLocale', { locale: 'en' });
      expect((await refusal(core, 'identity:create', { passphrase: '12345678' })).message).toMatch(
        /^This passphrase is too easy to guess: it is a common password or word\./,
      );
      expect(await send(core, 'identity:get', {})).toMatchObject({ current: null });
      // Long pinyin phrases and Chinese sentences are fine.
      expect(await send(core, 'identity:create', { passphrase: 'mei tian 7 dian qi chuang!' })).toMatchObject({
        unlocked: true,
      });
    },
    slow,
  );

  it(
    'changes the passphrase only with the current one, to a strong one, and the old one stops working',
    async () => {
      const core = await community();
      await send(core, 'identity:create', { passphrase: strong });
      expect(
        (await refusal(core, 'identity:changePassphrase', { passphrase: strong, newPassphrase: 'donghu123456' })).code,
      ).toBe('passphrase_weak');
      expect(
        await refusal(core, 'identity:changePassphrase', {
          passphrase: 'not the one 1',
          newPassphrase: '绿萝 樟树 42 号 晒被子',
        }),
      ).toMatchObject({ code: 'passphrase_wrong' });
      await send(core, 'identity:changePassphrase', { passphrase: strong, newPassphrase: '绿萝 樟树 42 号 晒被子' });
      const app = reopen(core);
      expect(await refusal(app, 'identity:unlock', { passphrase: strong })).toMatchObject({ code: 'passphrase_wrong' });
      expect(await send(app, 'identity:unlock', { passphrase: '绿萝 樟树 42 号 晒被子' })).toMatchObject({
        unlocked: true,
      });
    },
    slow,
  );
});

describe('a P12 backup of the key', () => {
  it(
    'asks for the signing passphrase again even when unlocked, and counts wrong ones',
    async () => {
      const core = await community();
      await send(core, 'identity:create', { passphrase: strong });
      expect(await send(core, 'identity:get', {})).toMatchObject({ current: { unlocked: true } });
      expect(await refusal(core, 'identity:exportP12', { password: 'backup file 9!' })).toEqual({
        code: 'passphrase_confirm',
        message: '导出密钥备份前，请再输入一次签名密码。',
      });
      for (let i = 1; i <= 4; i += 1) {
        expect(
          (await refusal(core, 'identity:exportP12', { passphrase: `guess ${i} xx`, password: 'backup file 9!' })).code,
        ).toBe('passphrase_wrong');
      }
      // Export and unlock share one count: the 5th wrong one, by either, starts the wait.
      expect((await refusal(core, 'identity:unlock', { passphrase: 'guess 5 xx' })).code).toBe('unlock_throttled');
      expect((await refusal(core, 'identity:exportP12', { passphrase: strong, password: 'backup file 9!' })).code).toBe(
        'unlock_throttled',
      );
      later(31);
      const p12 = await send(core, 'identity:exportP12', { passphrase: strong, password: 'backup file 9!' });
      const file = path.join(tempDir(), 'backup.p12');
      fs.writeFileSync(file, Buffer.from(p12.data, 'base64'));
      const certificate = execFileSync(
        'openssl',
        ['pkcs12', '-in', file, '-passin', 'pass:backup file 9!', '-nokeys'],
        {
          encoding: 'utf8',
        },
      );
      expect(certificate).toContain('BEGIN CERTIFICATE');
    },
    slow,
  );
});
