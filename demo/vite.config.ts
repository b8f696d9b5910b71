/**
 * Vite config of the demo pages (`demo/` is the root). `npm start` and the end-to-end tests call
 * {@link demoViteConfig} through `startDemoServer()`; `npx vite --config demo/vite.config.ts`
 * serves the pages against the default ports, or the ones in `DEMO_SIGNER_URL` / `DEMO_ISSUER` /
 * `DEMO_APP_SERVER_URL`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig, type Plugin } from 'vite';
import { SOURCE_CONDITION, WIDGET_DIST } from '../stack/widget-build.js';
import type { DemoConfig } from './shared/config.js';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const vueFullBuild = createRequire(import.meta.url).resolve('vue/dist/vue.esm-bundler.js');

/** Options of {@link demoViteConfig}. */
export interface DemoViteOptions extends DemoConfig {
  /** Port on 127.0.0.1 (default 5173). */
  port?: number;
  /**
   * Reload pages when files change (default true). Tests turn it off: an edit or a dependency
   * discovered mid-test must not reload the page under test.
   */
  live?: boolean;
}

/**
 * Serves the widget's script-tag build (`widget/dist/image-uploader.js`, from `npm run build`) at
 * `/image-uploader.js`, with what it loads from its own folder (the Worker chunk, the resume chunk,
 * the editor chunk, and `i18n/<tag>.js` and `i18n/intl.js` when a `lang` asks for a language), and
 * copies them next to the pages in a demo build.
 */
function scriptTagBuild(): Plugin {
  const files = ['image-uploader.js', 'worker-chunk.js', 'resume-chunk.js', 'editor-chunk.js'];
  const send = (res: ServerResponse, name: string) => {
    res.setHeader('content-type', 'text/javascript');
    res.end(readFileSync(join(WIDGET_DIST, name)));
  };
  return {
    name: 'demo:script-tag-build',
    configureServer(server) {
      for (const name of files) server.middlewares.use(`/${name}`, (_req, res) => send(res, name));
      // `/i18n/de.js`, `/i18n/intl.js`: whatever the build wrote there (read per request, so a
      // rebuild shows without a restart).
      server.middlewares.use('/i18n', (req, res, next) => {
        const name = /^\/([\w-]+\.js)$/.exec(req.url ?? '')?.[1];
        if (name && existsSync(join(WIDGET_DIST, 'i18n', name))) send(res, `i18n/${name}`);
        else next();
      });
    },
    generateBundle() {
      const i18n = readdirSync(join(WIDGET_DIST, 'i18n')).map((name) => `i18n/${name}`);
      for (const name of [...files, ...i18n])
        this.emitFile({ type: 'asset', fileName: name, source: readFileSync(join(WIDGET_DIST, name)) });
    },
  };
}

/** The demo's Vite config for a given signer and identity provider. */
export function demoViteConfig(options: DemoViteOptions): InlineConfig {
  const { port = 5173, live = true, ...config } = options;
  return {
    configFile: false,
    root: demoRoot,
    appType: 'mpa',
    publicDir: false,
    plugins: [scriptTagBuild()],
    cacheDir: `${repoRoot}node_modules/.vite/demo`,
    clearScreen: false,
    logLevel: 'warn',
    define: {
      __DEMO_CONFIG__: JSON.stringify(config),
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    // The full Vue build compiles the Vue page's template in the browser (no SFC plugin needed).
    // The workspace packages (`image-uploader-element`, …) from their TypeScript sources, as the
    // type check sees them: no build needed, and one copy of each module with the relative imports.
    resolve: {
      alias: [{ find: /^vue$/, replacement: vueFullBuild }],
      conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'],
    },
    // Pre-bundle every dependency up front: a dependency found later reloads the page mid-test.
    optimizeDeps: {
      entries: ['*.html'],
      include: [
        'lit',
        'lit/decorators.js',
        'oauth4webapi',
        'thumbhash',
        // Imported only by the element's Worker chunk (widget/upload/worker-chunk.ts), which no page imports.
        'hash-wasm',
        'react',
        'react/jsx-runtime',
        'react/jsx-dev-runtime',
        'react-dom/client',
        'vue',
      ],
    },
    server: {
      host: '127.0.0.1',
      port,
      strictPort: true,
      fs: { allow: [repoRoot] },
      ...(live ? {} : { hmr: false, watch: null }),
    },
    preview: { host: '127.0.0.1', port, strictPort: true },
    build: {
      outDir: `${demoRoot}dist`,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: {
        input: ['index.html', 'script-tag.html', 'react.html', 'vue.html', 'wall.html'].map(
          (page) => demoRoot + page,
        ),
      },
    },
  };
}

export default defineConfig(
  demoViteConfig({
    signerUrl: process.env.DEMO_SIGNER_URL ?? 'http://localhost:8787',
    issuer: process.env.DEMO_ISSUER ?? 'http://localhost:4400',
    clientId: process.env.DEMO_CLIENT_ID ?? 'demo',
    ...(process.env.DEMO_APP_SERVER_URL && { appServerUrl: process.env.DEMO_APP_SERVER_URL }),
  }),
);
