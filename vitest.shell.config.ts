import { defineConfig } from 'vitest/config';

/** The Electron shell, built, under a stand-in `electron` module (tests/shell/fake-electron.ts). */
export default defineConfig({
  test: {
    include: ['tests/shell/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['tests/shell/build-bundles.ts'],
    // Each test starts the whole app (migrations included) on a 2-core machine shared with other work.
    testTimeout: 30_000,
  },
});
