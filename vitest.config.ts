import { defineConfig } from 'vitest/config';

// Everything runs on PGlite; when DATABASE_URL is set (CI), the database suites run again on PostgreSQL.
const databaseSuites = ['test/store/**/*.test.ts', 'test/services/**/*.test.ts', 'test/runtime/{advisory-locks,maintenance,demo-traffic}.test.ts', 'test/http/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true as const, test: { name: 'pglite', setupFiles: ['test/helpers/tenant-scope-setup.ts'], include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'], env: { CLEARSEND_TEST_DB: 'pglite' } } },
      ...(process.env.DATABASE_URL === undefined
        ? []
        : [{ extends: true as const, test: { name: 'postgres', setupFiles: ['test/helpers/tenant-scope-setup.ts'], include: databaseSuites, env: { CLEARSEND_TEST_DB: 'postgres' } } }]),
    ],
  },
});
