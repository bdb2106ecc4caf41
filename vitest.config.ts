import { defineConfig } from 'vitest/config';

// Three tiers (DESIGN.md §9): unit tests touch no database; integration tests run
// through app.inject() against a real PostgreSQL cloned from a migrated template;
// end-to-end tests drive Debian's Chromium against a running server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.unit.test.ts', 'bench/**/*.unit.test.ts'],
          environment: 'node',
          // Some unit tests do real work (every district's outline, a model trained on
          // thousands of reports): half a second alone, but several seconds when every
          // file runs at once on a busy machine. They assert results, never speed.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/**/*.int.test.ts', 'bench/**/*.int.test.ts', 'test/integration/**/*.int.test.ts'],
          globalSetup: ['test/setup/global-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/setup/global-db.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
