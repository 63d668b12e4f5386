import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One `npm run dev` for every README block: tests of a file run in order, against the same devnet.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 330_000,
  },
});
