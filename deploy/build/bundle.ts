import { build } from 'esbuild';

/** Options of {@link bundleLambda}. */
export interface BundleOptions {
  /** The Lambda entry module (exports `handler`). */
  entry: string;
  /** Output file, e.g. `…/index.mjs`; the source map goes next to it. */
  outfile: string;
  /** Packages left out of the bundle and resolved from `node_modules` at run time. */
  external?: string[];
}

/**
 * Some CommonJS dependencies call `require()` for Node built-ins; an ES module has no `require`,
 * so the bundle gets one from `createRequire` (esbuild's own shim looks for a global `require`).
 */
const REQUIRE_BANNER =
  "import { createRequire as __lambdaCreateRequire } from 'node:module';" +
  'const require = __lambdaCreateRequire(import.meta.url);';

/**
 * Bundles a Lambda entry into one minified ES module for the Node.js 22 runtime, with an external
 * source map (enable it at run time with `NODE_OPTIONS=--enable-source-maps`).
 * `mainFields: module,main` picks the AWS SDK's ES module builds, which tree-shake far better.
 * @returns the input files' total and the output's size, from esbuild's metafile
 */
export async function bundleLambda(options: BundleOptions): Promise<{ outputBytes: number }> {
  const result = await build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'linked',
    banner: { js: REQUIRE_BANNER },
    external: options.external ?? [],
    metafile: true,
    logLevel: 'error',
  });
  const output = result.metafile.outputs;
  const main = Object.entries(output).find(([file]) => file.endsWith('.mjs'));
  return { outputBytes: main?.[1].bytes ?? 0 };
}
