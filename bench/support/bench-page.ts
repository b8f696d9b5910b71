/**
 * Serves a benchmark's browser page over http on localhost: its HTML, its script (the `page.ts`
 * beside it bundled by esbuild, split into chunks the page imports when asked), the widget's
 * script-tag build with the chunks it loads from its own folder, and any other files named.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WIDGET_DIST } from '../../stack/widget-build.js';
import { serveLocal, type LocalServer } from './serve-local.js';

/** A served file: its content type and bytes. */
export type PageFile = [contentType: string, body: string | Uint8Array];

/**
 * @param pageDir - the folder of the page's `page.ts`
 * @param html - the page, served at `/`; it loads `/page.js`
 * @param extra - more files by path (stylesheets, say)
 */
export async function serveBenchPage(
  pageDir: string,
  html: string,
  extra: Record<string, PageFile> = {},
): Promise<LocalServer> {
  const bundle = await build({
    entryPoints: [join(pageDir, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // Each competitor in its own chunk where the page imports it on demand.
    splitting: true,
    outdir: '/',
    write: false,
    logLevel: 'error',
  });
  const widget = (name: string): PageFile => ['text/javascript', readFileSync(join(WIDGET_DIST, name))];
  const files: Record<string, PageFile> = {
    '/': ['text/html', html],
    ...Object.fromEntries(bundle.outputFiles.map((file) => [file.path, ['text/javascript', file.contents]])),
    '/image-uploader.js': widget('image-uploader.js'),
    // Beside the script, as a CDN serves it: its Worker loads it from the script's own folder.
    '/worker-chunk.js': widget('worker-chunk.js'),
    '/resume-chunk.js': widget('resume-chunk.js'),
    ...extra,
  };
  return serveLocal((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
}
