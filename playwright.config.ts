import { defineConfig } from '@playwright/test';

/** Debian's Chromium (never a downloaded browser); each test starts its own browser host on a fresh data folder. */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  workers: 2,
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    viewport: { width: 1366, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-features=Translate',
        '--lang=zh-CN',
      ],
    },
  },
});
