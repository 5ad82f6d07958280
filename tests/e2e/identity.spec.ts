import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCommunity, download } from './fixtures';
import { expect, screenshotDir, startHost, test } from './host';

const passphrase = '樟树下 晒被子 7 点半';

// The signing key at rest, through the screens: a guessable passphrase refused with a hint, a backup that asks
// for the passphrase again, and the wait after wrong guesses, which a restart does not lift.
test('the signing key: strength hint, passphrase again for a backup, and a wait that outlives a restart', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  await createCommunity(page, host.url);
  await page.getByRole('link', { name: '记录' }).click();
  const card = page.getByRole('region', { name: '签名身份' });

  await card.getByLabel(/^签名密码/).fill('donghu2026');
  await card.getByLabel(/^再次输入签名密码/).fill('donghu2026');
  await card.getByRole('button', { name: '创建签名身份' }).click();
  await expect(card.getByRole('alert')).toHaveText(
    '这个密码太容易被猜到：用了社区、街道或议事亭的名称、含有日期或年份。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
  );
  await card.getByLabel(/^签名密码/).fill(passphrase);
  await card.getByLabel(/^再次输入签名密码/).fill(passphrase);
  await card.getByRole('button', { name: '创建签名身份' }).click();
  await expect(card.getByRole('status')).toHaveText('✓ 已解锁，可以签名', { timeout: 60_000 });

  // Unlocked, and still the backup asks for the signing passphrase.
  await card.getByRole('button', { name: '导出备份（.p12）' }).click();
  const dialog = page.getByRole('dialog', { name: '导出备份（.p12）' });
  await dialog.getByLabel(/^签名密码（导出备份前再确认一次）/).fill('樟树下 晒被子 8 点半');
  await dialog.getByLabel(/^备份文件密码/).fill('备份 U 盘 专用 42!');
  await dialog.getByLabel(/^再次输入备份文件密码/).fill('备份 U 盘 专用 42!');
  await dialog.getByRole('button', { name: '导出备份（.p12）' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('签名密码不正确。');
  await dialog.getByLabel(/^签名密码（导出备份前再确认一次）/).fill(passphrase);
  const downloads = fs.mkdtempSync(path.join(host.dataDir, 'downloads-'));
  const p12 = await download(page, () => dialog.getByRole('button', { name: '导出备份（.p12）' }).click(), downloads);
  expect(path.basename(p12)).toBe('东湖社区居民委员会-签名证书.p12');
  const certificate = execFileSync('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:备份 U 盘 专用 42!', '-nokeys'], {
    encoding: 'utf8',
  });
  expect(certificate).toContain('BEGIN CERTIFICATE');

  // Restart: the key is locked. Five wrong guesses, and the screen says how long to wait.
  await host.stop();
  let again = await startHost(host.dataDir);
  try {
    await page.goto(`${again.url}#/records`);
    await expect(card.getByRole('status')).toHaveText('已锁定：输入签名密码后才能签名');
    const unlock = card.getByRole('button', { name: '解锁签名' });
    for (let i = 1; i <= 4; i += 1) {
      await card.getByLabel(/^签名密码/).fill(`猜一个签名密码 ${i}`);
      await unlock.click();
      await expect(card.getByRole('alert')).toHaveText('签名密码不正确。');
    }
    await card.getByLabel(/^签名密码/).fill('猜一个签名密码 5');
    await unlock.click();
    await expect(card.getByRole('alert')).toHaveText('签名密码已连续输错 5 次。为防止有人试密码，请 30 秒后再试。');
    await page.screenshot({ path: path.join(screenshotDir, 'identity-throttled.png') });

    // Quitting does not lift the wait: after another restart even the right passphrase must wait.
    await again.stop();
    again = await startHost(host.dataDir);
    await page.goto(`${again.url}#/records`);
    await card.getByLabel(/^签名密码/).fill(passphrase);
    await unlock.click();
    await expect(card.getByRole('alert')).toContainText(/签名密码已连续输错 5 次。为防止有人试密码，请 \d+ 秒后再试。/);
    await expect(card.getByRole('status')).toHaveText('已锁定：输入签名密码后才能签名');
    await expect(page.locator('body')).not.toContainText(/internal|Error:|\bat \w+ \(/);
  } finally {
    await again.stop();
  }
});
