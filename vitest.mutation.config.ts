import { defineConfig } from 'vitest/config';

/**
 * The Vitest config StrykerJS runs (stryker.config.mjs): the node lane's tests of the folders it
 * mutates, with the node project's settings (vite.config.ts), and nothing from the other lanes.
 * The widget's tests run in Chromium under @web/test-runner, which Stryker has no runner for.
 */
export default defineConfig({
  test: {
    environment: 'node',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['{contract,signer,thumbnailer}/**/*.test.ts'],
    testTimeout: 20_000,
    // The machine runs other suites meanwhile: a test that misses a 300 ms key-fetch timeout under
    // that load would fail the initial run or kill a mutant it did not detect. A mutant that breaks
    // a test breaks it twice.
    retry: 1,
    hookTimeout: 60_000,
  },
});
