import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { channels } from '../../shared/contract';
import { createCommunity } from '../e2e/fixtures';

/**
 * The real desktop app (npm run test:electron; not runnable where Electron cannot be downloaded). Each test
 * launches Electron on its own user-data folder, exactly as an installed app starts, and drives it through
 * its window.
 */
const appUrl = 'app://yishiting/index.html';
/** The binary (require('electron') throws where it was never downloaded: asked only when a test needs it). */
const electronPath = () => createRequire(import.meta.url)('electron') as unknown as string;
// Chromium refuses to run as root with its OS sandbox (CI containers); the renderer sandbox is unaffected.
const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const argsFor = (userData: string, extra: string[] = []) => ['.', `--user-data-dir=${userData}`, ...rootArgs, ...extra];

const test = base.extend<{ userData: string; launchArgs: string[]; app: ElectronApplication; page: Page }>({
  launchArgs: [[], { option: true }],
  // eslint-disable-next-line no-empty-pattern
  userData: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-electron-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ userData, launchArgs }, use) => {
    const app = await _electron.launch({
      args: argsFor(userData, launchArgs),
      env: { ...process.env, LANG: 'zh_CN.UTF-8' },
    });
    await use(app);
    await app.close();
  },
  page: async ({ app }, use) => {
    const page = await app.firstWindow();
    await expect(page).toHaveURL(appUrl);
    await use(page);
  },
});

/** Capture what the app hands to the OS browser, without launching it. */
async function captureOpenExternal(app: ElectronApplication) {
  return app.evaluateHandle(({ shell }) => {
    const urls: string[] = [];
    shell.openExternal = async (url: string) => void urls.push(url);
    return urls;
  });
}

async function startMeeting(page: Page) {
  await page.getByRole('button', { name: '新建会议' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await dialog.getByLabel('会议名称').fill('3 号楼加装电梯议事会');
  await dialog.getByLabel('会议日期').fill('2026-12-05');
  await dialog.getByLabel('开始时间').fill('19:00');
  await dialog.getByRole('button', { name: '创建会议' }).click();
  // 开始会议 opens the running meeting itself.
  await page.getByRole('button', { name: '开始会议' }).click();
  await expect(page).toHaveURL(/#\/meetings\/\d+\/run$/);
}

test('first run → a meeting → the projector in a window of its own, both locked down', async ({ app, page }) => {
  await createCommunity(page, appUrl);
  await startMeeting(page);
  const [projector] = await Promise.all([
    app.waitForEvent('window'),
    page.getByRole('link', { name: /投屏/ }).first().click(),
  ]);
  await expect(projector).toHaveURL(/^app:\/\/yishiting\/index\.html#\/projector\/\d+$/);
  await expect(projector.getByText('3 号楼加装电梯议事会')).toBeVisible();
  expect(app.windows()).toHaveLength(2);
  // Both pages hold no Node and see only the bridge: one function per channel, nothing generic.
  for (const window of [page, projector]) {
    const seen = await window.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        node: ['require', 'process', 'module', 'Buffer'].filter((name) => typeof g[name] !== 'undefined'),
        bridge: Object.keys(g.yishi as object).sort(),
      };
    });
    expect(seen.node).toEqual([]);
    expect(seen.bridge).toEqual([...channels, 'onEvent'].sort());
  }
});

for (const target of ['', '_blank', 'ipc']) {
  for (const [url, opened] of [
    ['https://example.invalid/help', true],
    ['http://example.invalid/?next=app://yishiting', false],
    ['file:///etc/passwd', false],
    ['https://user:pw@example.invalid/', false],
  ] as const) {
    test(`${url} ${opened ? 'opens in the system browser' : 'goes nowhere'} via ${target || 'a plain click'}`, async ({
      app,
      page,
    }) => {
      const urls = await captureOpenExternal(app);
      if (target === 'ipc') {
        await page.evaluate(
          (link) =>
            (globalThis as unknown as { yishi: Record<string, (input: unknown) => Promise<unknown>> }).yishi[
              'shell:openExternal'
            ]!({ url: link }),
          url,
        );
      } else {
        await page.evaluate(
          ({ link, target }) => {
            const doc = (globalThis as unknown as { document: { createElement(t: string): Record<string, unknown> } })
              .document;
            const a = doc.createElement('a');
            Object.assign(a, { id: 'probe-link', href: link, target, textContent: 'probe' });
            (doc as unknown as { body: { append(n: unknown): void } }).body.append(a);
          },
          { link: url, target },
        );
        await page.locator('#probe-link').click({ noWaitAfter: true });
      }
      await expect.poll(() => urls.jsonValue()).toEqual(opened ? [url] : []);
      expect(page.url()).toBe(appUrl);
      expect(app.windows()).toHaveLength(1);
    });
  }
}

test('a redirect cannot replace the app with an outside page', async ({ app, page }) => {
  const server = createServer((_request, response) => {
    response.writeHead(302, { Location: 'https://example.invalid/redirected' });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    // A main-process loadURL bypasses will-navigate: only the redirect guard stands in the way.
    await app.evaluate(async ({ BrowserWindow }, port) => {
      await BrowserWindow.getAllWindows()[0]!
        .loadURL(`http://127.0.0.1:${port}/`)
        .catch(() => undefined);
    }, port);
    expect(page.url()).toBe(appUrl);
  } finally {
    server.close();
  }
});

test('the page cannot run injected script, frame another site, or get a permission', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      document: { createElement(t: string): Record<string, unknown>; body: { append(n: unknown): void } };
      Notification: { requestPermission(): Promise<string> };
      frames: { length: number };
      injected?: boolean;
    };
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.injected = true';
    g.document.body.append(script);
    const frame = g.document.createElement('iframe');
    frame.src = 'https://example.invalid/';
    g.document.body.append(frame);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { injected: g.injected === true, notifications: await g.Notification.requestPermission() };
  });
  expect(result).toEqual({ injected: false, notifications: 'denied' });
  expect(page.frames().filter((frame) => frame.url().startsWith('https:'))).toEqual([]);
});

test.describe('a record given on the command line (a double-click)', () => {
  const pdf = path.join(os.tmpdir(), '别人的纪要.pdf');
  test.use({ launchArgs: [pdf] });
  test.beforeAll(() => fs.writeFileSync(pdf, '%PDF-1.7\n%%EOF\n'));

  test('opens on the records page once the app is set up, and a second double-click reaches the running app', async ({
    page,
    userData,
  }) => {
    await createCommunity(page, appUrl);
    await expect(page).toHaveURL(/#\/records$/);
    await expect(page.locator('.verify-item').filter({ hasText: '别人的纪要.pdf' })).toBeVisible();

    const second = path.join(os.tmpdir(), '第二份纪要.pdf');
    fs.writeFileSync(second, '%PDF-1.7\n%%EOF\n');
    // Another start with the same data folder hands its command line over and ends at once.
    const run = spawnSync(electronPath(), argsFor(userData, [second]), { timeout: 30_000 });
    expect(run.status).toBe(0);
    await expect(page.locator('.verify-item').filter({ hasText: '第二份纪要.pdf' })).toBeVisible();
  });
});

test('the window opens where it was closed', async ({ userData }) => {
  const launch = () => _electron.launch({ args: argsFor(userData) });
  const first = await launch();
  await first.firstWindow();
  await first.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 30, width: 1100, height: 700 }),
  );
  await first.close();
  const again = await launch();
  try {
    await again.firstWindow();
    const bounds = await again.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds());
    expect(bounds).toMatchObject({ width: 1100, height: 700 });
  } finally {
    await again.close();
  }
});
