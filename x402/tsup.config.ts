import { defineConfig } from 'tsup';

// ESM + CJS + declarations; every dependency stays external (this is a server-side package for Node).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'node',
});
