/**
 * Serves the benchmark page over http on localhost: the page (with the `<input type="file">` the
 * test file is picked in), its script (page.ts bundled by esbuild with Uppy from
 * bench/node_modules) and the widget's script-tag build.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WIDGET_DIST } from '../../stack/widget-build.js';

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

export interface PageServer {
  /** e.g. `http://localhost:41234` */
  origin: string;
  close(): Promise<void>;
}

/** Bundles the page and starts serving it. */
export async function startPageServer(): Promise<PageServer> {
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
  };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
