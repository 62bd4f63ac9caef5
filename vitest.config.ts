import { defineConfig } from 'vitest/config';

// One worker process runs every file in turn, so the embedded database (slow to open) and the
// PostgreSQL test database are opened once per run and shared (test/helpers/server.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'sdk/**/*.test.ts', 'cli/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    isolate: false,
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
