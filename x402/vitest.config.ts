import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The SDK's setup: a real anvil with the protocol deployed by script/Deploy.s.sol (demo agents included).
    globalSetup: ['../sdk/test/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
