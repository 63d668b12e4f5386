import { defineConfig } from 'tsup';

// One executable ESM file for Node; its dependencies (the SDK, viem, commander) stay external.
export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  banner: { js: '#!/usr/bin/env node' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
