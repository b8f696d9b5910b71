/**
 * Serves the benchmark page over http on localhost: the page (with the `<input type="file">` the
 * test file is picked in), its script (page.ts bundled by esbuild with Uppy from
 * bench/node_modules) and the widget's script-tag build with its Worker chunk.
 */
import { serveBenchPage } from '../support/bench-page.js';
import type { LocalServer } from '../support/serve-local.js';

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>upload throughput</title>
    <script src="/image-uploader.js"></script>
    <script type="module" src="/page.js"></script>
  </head>
  <body>
    <input type="file" />
  </body>
</html>
`;

/** Bundles the page and starts serving it. */
export function startPageServer(): Promise<LocalServer> {
  return serveBenchPage(import.meta.dirname, HTML);
}
