import { defineConfig } from 'tsup';

// ESM + CJS + declarations. viem stays a peer dependency; multiformats, @noble/curves and @noble/hashes (the voucher
// verifier's precomputed curve points; viem uses the same versions) are bundled so that viem is the only runtime
// dependency integrators install.
export default defineConfig({
  entry: ['src/index.ts', 'src/abis.ts', 'src/devnet.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  // Neutral: bundled code must not pick Node-only builds (@noble/hashes' crypto), so the SDK runs in browsers too.
  platform: 'neutral',
  // `@conclave/sdk/devnet` reads the devnet's file: Node.js only, and only that entry imports node: modules.
  external: ['viem', /^node:/],
  noExternal: ['multiformats', '@noble/curves', '@noble/hashes'],
});
