import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'sdk',
          include: ['src/**/*.test.ts'],
          globalSetup: ['./test/globalSetup.ts'],
          // One chain for all files, and governance tests move its clock: run files one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The packed SDK installed in a fresh project, as the README tells integrators: no chain, so no anvil. After
        // the chain tests (its build and npm install would slow them down); alone: `npm run test:package`.
        test: {
          name: 'package',
          include: ['test/package.test.ts'],
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
        },
      },
    ],
  },
});
