import { defineConfig } from 'vitest/config';

/**
 * One run for every workspace. Unit tests sit next to the code (`src/**\/*.test.ts`),
 * integration tests in each workspace's `test/`, the cross-service suite in `e2e/`.
 * The global setup finds (or starts) the PostgreSQL server that every test file
 * creates its own fresh database on.
 */
export default defineConfig({
  test: {
    include: ['*/src/**/*.test.ts', '*/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['db/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
