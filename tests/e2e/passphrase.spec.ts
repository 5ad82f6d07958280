import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFile } from '../../electron/core';
import { expect, screenshotDir, startHost, test } from './host';

/** The browser host started as a person starts it: no YISHITING_PASSPHRASE, so the first screen asks. */
// Each passphrase costs a scrypt derivation (0.6 s quiet, several seconds on a crowded machine).
const derived = { timeout: 30_000 };
const startAsked = (dataDir: string) => startHost(dataDir, 0, { passphrase: null });

test('the data passphrase: chosen on first start, asked at the next, a wrong one refused, a forgotten one explained', async ({
  page,
}) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-e2e-pass-'));
  const first = await startAsked(dataDir);
  try {
    await page.goto(first.url);
    await expect(page.getByRole('heading', { name: '设置数据密码' })).toBeVisible();
    await expect(page.getByText('不要用拼音、生日、常见密码或社区名称')).toBeVisible();
    await page.getByLabel('新的数据密码').fill('12345678');
    await page.getByLabel('再输入一次').fill('12345678');
    await page.getByRole('button', { name: '设置并开始使用' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      '这个数据密码太容易被猜到：是常见密码或常用词。请换一个更长、更难猜的，比如把几个互不相关的词连起来，再加上数字或符号。',
      derived,
    );
    await page.getByLabel('新的数据密码').fill('东湖社区 议事亭 2026');
    await page.getByLabel('再输入一次').fill('东湖社区 议事亭 2025');
    await page.getByRole('button', { name: '设置并开始使用' }).click();
    await expect(page.getByRole('alert')).toHaveText('两次输入的密码不一致。');
    expect(fs.existsSync(databaseFile(dataDir))).toBe(false);
    await page.getByLabel('再输入一次').fill('东湖社区 议事亭 2026');
    await page.getByRole('button', { name: '设置并开始使用' }).click();
    await expect(page.getByRole('heading', { name: '欢迎使用议事亭' })).toBeVisible(derived);
  } finally {
    await first.stop();
  }

  // A start with the passphrase handed over (as a script does) leaves a start backup behind.
  await (await startHost(dataDir, 0, { passphrase: '东湖社区 议事亭 2026' })).stop();
  const next = await startAsked(dataDir);
  try {
    await page.goto(next.url);
    await expect(page.getByRole('heading', { name: '输入数据密码' })).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, 'passphrase.zh-CN.png') });
    await page.getByRole('textbox', { name: '数据密码' }).fill('东湖社区 议事亭 2025');
    await page.getByRole('button', { name: '打开数据' }).click();
    await expect(page.getByRole('alert')).toHaveText('数据密码不正确，请重新输入。', derived);

    await page.getByRole('button', { name: '忘记密码？' }).click();
    await expect(page.getByRole('heading', { name: '忘记了数据密码' })).toBeVisible();
    await expect(page.getByText('议事亭不会新建一个空的数据库来代替它')).toBeVisible();
    // The start before this one was backed up: the backups are on offer here too.
    await expect(page.getByRole('button', { name: '恢复此备份' })).toHaveCount(1);
    await page.getByRole('button', { name: '重新输入密码' }).click();

    await page.getByRole('textbox', { name: '数据密码' }).fill('东湖社区 议事亭 2026');
    await page.getByRole('button', { name: '打开数据' }).click();
    await expect(page.getByRole('heading', { name: '欢迎使用议事亭' })).toBeVisible(derived);
  } finally {
    await next.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('English: the passphrase screen and its refusal in the chosen language', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-e2e-pass-'));
  const host = await startAsked(dataDir);
  try {
    await page.goto(host.url);
    await page.getByRole('combobox').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Choose a data passphrase' })).toBeVisible();
    await page.getByLabel('New data passphrase').fill('1234');
    await page.getByLabel('Enter it again').fill('1234');
    await page.getByRole('button', { name: 'Set it and start' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'This data passphrase is too easy to guess: it is a common password or word. Choose a longer one, for example several unrelated words joined with digits or symbols.',
      derived,
    );
  } finally {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
