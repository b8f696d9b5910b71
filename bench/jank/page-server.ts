/**
 * Serves the jank benchmark's page over http on localhost: the page (with the
 * `<input type="file" multiple>` the photos are picked in), its script (page.ts bundled by esbuild,
 * with Uppy and FilePond from bench/node_modules in chunks of their own), their stylesheets, and the widget's script-tag
 * build with its chunks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveBenchPage, type PageFile } from '../support/bench-page.js';
import type { LocalServer } from '../support/serve-local.js';

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

/** Bundles the page and starts serving it, with the competitors' stylesheets. */
export function startPageServer(): Promise<LocalServer> {
  return serveBenchPage(
    import.meta.dirname,
    HTML,
    Object.fromEntries(
      Object.entries(STYLESHEETS).map(([path, file]) => [path, ['text/css', readFileSync(file)] as PageFile]),
    ),
  );
}
