import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Ponder's virtual modules exist only inside Ponder's build; unit tests of handler helpers import them.
    alias: {
      'ponder:registry': path.resolve(import.meta.dirname, 'test/stubs/registry.ts'),
      'ponder:schema': path.resolve(import.meta.dirname, 'ponder.schema.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Each file runs its own chain and indexers; they are heavy, so one file at a time.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
