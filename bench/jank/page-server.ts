/**
 * Serves the jank benchmark's page over http on localhost: the page (with the
 * `<input type="file" multiple>` the photos are picked in), its script (page.ts bundled by esbuild,
 * with Uppy and FilePond from bench/node_modules in chunks of their own), their stylesheets, and the widget's script-tag
 * build with its chunks.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WIDGET_DIST } from '../../stack/widget-build.js';
import { serveLocal, type LocalServer } from '../support/serve-local.js';

const modules = join(import.meta.dirname, '..', 'node_modules');

/** The competitors' stylesheets, as their READMEs have a site include them. */
const STYLESHEETS: Record<string, string> = {
  '/uppy-core.css': join(modules, '@uppy/core/dist/style.min.css'),
  '/uppy-dashboard.css': join(modules, '@uppy/dashboard/dist/style.min.css'),
  '/filepond.css': join(modules, 'filepond/dist/filepond.min.css'),
  '/filepond-image-preview.css': join(
    modules,
    'filepond-plugin-image-preview/dist/filepond-plugin-image-preview.min.css',
  ),
};

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>jank</title>
    ${Object.keys(STYLESHEETS)
      .map((href) => `<link rel="stylesheet" href="${href}" />`)
      .join('\n    ')}
    <script type="module" src="/page.js"></script>
  </head>
  <body>
    <input id="picked" type="file" multiple hidden />
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
    // Each competitor in its own chunk, imported by the page that measures it.
    splitting: true,
    outdir: '/',
    write: false,
    logLevel: 'error',
  });
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', HTML],
    ...Object.fromEntries(
      bundle.outputFiles.map((file) => [
        file.path,
        ['text/javascript', file.contents] as [string, Uint8Array],
      ]),
    ),
    '/image-uploader.js': ['text/javascript', readFileSync(join(WIDGET_DIST, 'image-uploader.js'))],
    // Beside the script, as a CDN serves it: its Worker loads it from the script's own folder.
    '/worker-chunk.js': ['text/javascript', readFileSync(join(WIDGET_DIST, 'worker-chunk.js'))],
    '/resume-chunk.js': ['text/javascript', readFileSync(join(WIDGET_DIST, 'resume-chunk.js'))],
    ...Object.fromEntries(
      Object.entries(STYLESHEETS).map(([path, file]) => [
        path,
        ['text/css', readFileSync(file)] as [string, Buffer],
      ]),
    ),
  };
  return serveLocal((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
}
