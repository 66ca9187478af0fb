import { defineConfig } from 'vitest/config';

// End-to-end runs: the built demo (collector + centre site) driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A submit right after the page opened waits out the collector's 2 s render-token minimum.
    expect: { poll: { timeout: 8_000 } },
  },
});
