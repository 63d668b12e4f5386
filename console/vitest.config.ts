import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One devnet and one browser for the whole file: its tests run in order and share them.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 330_000,
  },
});
