import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium (a downloaded one only where Debian's is absent); each test starts its own browser host on a fresh data folder. */
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
      // Playwright's own Chromium only where Debian's is absent (Ubuntu ships it as a snap): see prerequisites.mjs.
      executablePath:
        process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
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
