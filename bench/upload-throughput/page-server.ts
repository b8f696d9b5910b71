/**
 * Serves the benchmark page over http on localhost: the page (with the `<input type="file">` the
 * test file is picked in), its script (page.ts bundled by esbuild with Uppy from
 * bench/node_modules) and the widget's script-tag build with its Worker chunk.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WIDGET_DIST } from '../../stack/widget-build.js';
import { serveLocal, type LocalServer } from '../support/serve-local.js';

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
export async function startPageServer(): Promise<LocalServer> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'error',
  });
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', HTML],
    '/page.js': ['text/javascript', bundle.outputFiles[0]!.contents],
    '/image-uploader.js': ['text/javascript', readFileSync(join(WIDGET_DIST, 'image-uploader.js'))],
    // Beside the script, as a CDN serves it: its Worker loads it from the script's own folder.
    '/worker-chunk.js': ['text/javascript', readFileSync(join(WIDGET_DIST, 'worker-chunk.js'))],
    '/resume-chunk.js': ['text/javascript', readFileSync(join(WIDGET_DIST, 'resume-chunk.js'))],
  };
  return serveLocal((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
}
