import { defineConfig } from 'vitest/config';

// Browser-level tests: real Debian Chromium driven by playwright-core against
// the built Storybook and the built demo (see test/e2e/support/globalSetup.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/support/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
