import { defineConfig } from 'vitest/config';

/** System tests drive the real browser host as a process (it serves the built renderer): run after a build. */
export default defineConfig({
  test: {
    include: ['tests/system/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
  },
});
