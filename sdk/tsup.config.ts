import { defineConfig } from 'tsup';

// ESM + CJS + declarations. viem stays a peer dependency; multiformats is bundled so that viem is the only
// runtime dependency integrators install.
export default defineConfig({
  entry: ['src/index.ts', 'src/abis.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  external: ['viem'],
  noExternal: ['multiformats'],
});
