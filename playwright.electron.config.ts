import { defineConfig } from '@playwright/test';

/**
 * The real desktop app (npm run test:electron, via build/scripts/test-electron.mjs): each test launches Electron
 * on its own user-data folder. Not part of npm test: Electron's binary cannot be downloaded on the CI machines.
 */
export default defineConfig({
  testDir: 'tests/electron',
  outputDir: 'test-results/electron',
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
});
