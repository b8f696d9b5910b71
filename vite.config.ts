/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyTemplates } from './widget/vite-minify-templates.js';
import { workerChunk } from './widget/vite-worker-chunk.js';

/** The element's package folder; its build goes to `widget/dist/` (what `npm pack` there ships). */
const widget = (path: string) => fileURLToPath(new URL(`widget/${path}`, import.meta.url));

/** The element's languages, `i18n/<tag>` → its source, from the package's `exports` (one list). */
const locales = Object.keys(
  (JSON.parse(readFileSync(widget('package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports,
).flatMap((name) => (name.startsWith('./i18n/') ? [[name.slice(2), widget(`${name.slice(2)}.ts`)]] : []));

/**
 * One Vite config for the repository:
 * - `build`: the widget's ES modules for bundlers (`widget/dist/es/index.js`, Lit left as an
 *   import, the `react`/`vue` entries and one `i18n/<tag>.js` per language), with the whitespace in its `css`/`html`
 *   templates collapsed; the script-tag build is widget/vite.script.config.ts, and
 *   `npm run build` runs both (from `widget/`, so the paths here do not depend on the folder).
 * - `test`: the Vitest projects that `npm test` runs (the widget's browser tests use
 *   @web/test-runner, see widget/web-test-runner.config.js).
 */
/** The AWS SDK warns once per process that Node 20 leaves its support in 2026; the Lambdas run 22. */
const quietSdk = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default defineConfig({
  plugins: [minifyTemplates(), workerChunk('es')],
  build: {
    lib: {
      entry: {
        index: widget('index.ts'),
        react: widget('react.ts'),
        vue: widget('vue.ts'),
        ...Object.fromEntries(locales),
      },
      formats: ['es'],
    },
    outDir: widget('dist/es'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    rollupOptions: { external: [/^lit(\/|$)/] },
  },
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          env: quietSdk,
          include: ['{contract,signer,thumbnailer,events,quota,stack,demo,deploy,bench}/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          env: quietSdk,
          include: ['e2e/**/*.test.ts'],
          exclude: ['e2e/real-client/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The element installed from its packed tarball into fresh Vite React and Vue apps.
          name: 'real-client',
          environment: 'node',
          env: quietSdk,
          include: ['e2e/real-client/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'radosgw',
          environment: 'node',
          // The conformance lane, plus the signer's S3-facing suites and the stack again on radosgw.
          include: [
            'radosgw/**/*.test.ts',
            'signer/routes/*.test.ts',
            'stack/start-stack.test.ts',
            'stack/local-webhooks.test.ts',
            'e2e/resume-after-reload.test.ts',
            'e2e/public-and-private.test.ts',
          ],
          env: { ...quietSdk, S3_BACKEND: 'radosgw' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
