import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Build the CLI (the tests run dist/cli.js as users do), then the SDK's setup: a real anvil with the protocol
    // deployed by script/Deploy.s.sol (demo agents included).
    globalSetup: ['./test/build.ts', '../sdk/test/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
