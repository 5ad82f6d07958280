import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // A signing identity now costs an scrypt derivation (128 MiB, ~0.6 s alone, several seconds on 2 shared cores).
    testTimeout: 30_000,
  },
});
