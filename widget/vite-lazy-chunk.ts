import { build, type Plugin } from 'vite';

/** What `lazyChunk` ships beside the script-tag build, and how the build finds it there. */
export interface LazyChunkOptions {
  /** The plugin's name. */
  name: string;
  /** The module that loads the chunk; the script-tag build gets `loader` instead. */
  module: RegExp;
  /**
   * The replacement module's source: it finds the chunk beside the script from `WORKER_CHUNK`
   * (upload/chunk-call.ts, the Worker chunk's URL, resolved from `document.currentScript`), so a
   * CDN that serves the script serves its chunks too.
   */
  loader: string;
  /** ES modules to build beside the script, by their file name there (`editor-chunk.js`): source paths. */
  entries?: Record<string, string>;
  /** Writes anything else the chunk needs into the build's folder, once the script is built. */
  write?: (outDir: string) => Promise<void>;
}

/**
 * Builds `entry` as one minified ES module, `outDir/fileName`, for browsers to fetch as it is.
 * @param entry the module's source path
 */
export async function buildChunk(entry: string, fileName: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      lib: { entry, formats: ['es'], fileName: () => fileName },
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      // Vite leaves the whitespace of ES libraries; this one is fetched by browsers as it is.
      rolldownOptions: { output: { minify: true } },
    },
  });
}

/**
 * A chunk the script-tag build loads beside itself, lazily (the resume chunk, the locales, the
 * editor): swaps the module that imports it (which, in the ES build and the sources, is a dynamic
 * `import()` that bundlers split) for one that fetches the file from the script's own folder, and
 * builds that file once the script is written.
 * @example
 * lazyChunk({
 *   name: 'editor-chunk',
 *   module: /[\\/]widget[\\/]editor[\\/]load-editor-chunk\.ts$/,
 *   loader: "import { WORKER_CHUNK } from '../upload/chunk-call.js'; export const loadEditorChunk = …",
 *   entries: { 'editor-chunk.js': widget('editor/editor-chunk.ts') },
 * })
 */
export function lazyChunk({ name, module, loader, entries = {}, write }: LazyChunkOptions): Plugin {
  let outDir = '';
  return {
    name,
    enforce: 'pre',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transform(_code, id) {
      return module.test(id) ? { code: loader, map: null } : undefined;
    },
    async closeBundle() {
      for (const [fileName, entry] of Object.entries(entries)) await buildChunk(entry, fileName, outDir);
      await write?.(outDir);
    },
  };
}
