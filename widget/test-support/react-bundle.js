// @ts-check
/**
 * A web-test-runner plugin that serves React 19 to the browser tests as one ES module at
 * `/widget/test-support/react.js` (React ships CommonJS, which the dev server does not convert):
 * `createElement`, `StrictMode`, `createRoot` and `flushSync`, bundled once with esbuild.
 */
import { build } from 'esbuild';

const PATH = '/widget/test-support/react.js';

/** @param {string} root the repository root, where `node_modules/react` is */
export function reactBundle(root) {
  /** @type {Promise<string> | undefined} */
  let code;
  return {
    name: 'react-bundle',
    /** @param {{ request: { url: string } }} context */
    serve(context) {
      if (context.request.url.split('?')[0] !== PATH) return undefined;
      code ??= build({
        stdin: {
          contents: `export { createElement, StrictMode } from 'react';
            export { createRoot } from 'react-dom/client';
            export { flushSync } from 'react-dom';`,
          resolveDir: root,
        },
        bundle: true,
        format: 'esm',
        write: false,
        minify: false,
        define: { 'process.env.NODE_ENV': '"development"' },
        logLevel: 'silent',
      }).then((result) => result.outputFiles[0].text);
      return code.then((body) => ({ body, type: 'js' }));
    },
  };
}
