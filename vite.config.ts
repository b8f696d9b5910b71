/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

/**
 * One Vite config for the repository:
 * - `test`: the Vitest projects that `npm test` runs (the widget's browser tests use
 *   @web/test-runner, see widget/web-test-runner.config.js).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['{contract,signer,thumbnailer,demo,deploy,bench}/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'radosgw',
          environment: 'node',
          include: ['radosgw/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
