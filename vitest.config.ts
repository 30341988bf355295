// Test projects: `unit` (pure code, the data layer on fake-indexeddb, server integration on
// PGlite and PostgreSQL) and `e2e` (the built app driven in Debian's Chromium).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.{ts,tsx}', 'sync-server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          // Starting a server on a fresh PGlite takes tens of seconds when the machine is busy.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
