import { build, type Plugin } from 'vite';

/** The module that names the Worker chunk's URL, and the chunk's source beside it. */
const NAMER = /[\\/]widget[\\/]upload[\\/]chunk-call\.ts$/;
const SOURCE_URL = "new URL('./worker-chunk.ts', import.meta.url)";
const FILE = 'worker-chunk.js';
const PLACEHOLDER = '__IMAGE_UPLOADER_WORKER_CHUNK__';
/** The HEIC decoder (upload/heic-decoder.ts), which the Worker chunk imports only for a HEIC. */
const HEIC_FILE = 'heic-chunk.js';

/** Names the chunk of the Worker chunk's `import('./heic-decoder.js')`: emitted under a fixed name, Rollup gives the dynamic import that chunk. */
const heicChunk = (source: string): Plugin => ({
  name: 'heic-chunk',
  buildStart() {
    this.emitFile({ type: 'chunk', id: source, fileName: HEIC_FILE });
  },
});

const heicSource = (workerChunk: string): string =>
  workerChunk.replace(/worker-chunk\.ts$/, 'heic-decoder.ts');

/**
 * Ships the Worker chunk (widget/upload/worker-chunk.ts: hash-wasm's MD5, the JPEG metadata
 * remover) as `worker-chunk.js` beside the build's script, and points `WORKER_CHUNK` there; the
 * HEIC decoder it imports when needed goes beside it as `heic-chunk.js` (libheif, its WebAssembly
 * inlined), found from the Worker chunk's own URL:
 * - `es` (dist/es/): emitted as a chunk of the build, at `new URL('./worker-chunk.js',
 *   import.meta.url)`, which bundlers (Vite, webpack, Parcel) follow and copy;
 * - `iife` (the script-tag build, dist/): built on its own as an ES module, and found from the
 *   script's own URL (`document.currentScript`, read while the script runs), so a page that loads
 *   `…/dist/image-uploader.js` from a CDN gets `…/dist/worker-chunk.js` from there too.
 * @throws when chunk-call.ts no longer names the chunk as this plugin expects
 */
export function workerChunk(format: 'es' | 'iife'): Plugin {
  let outDir = '';
  let chunk = '';
  return {
    name: 'worker-chunk',
    enforce: 'pre',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transform(code, id) {
      if (!NAMER.test(id)) return undefined;
      if (!code.includes(SOURCE_URL)) throw new Error(`${id} no longer names ${SOURCE_URL}`);
      chunk = id.replace(/chunk-call\.ts$/, 'worker-chunk.ts');
      if (format === 'es') {
        this.emitFile({ type: 'chunk', id: chunk, fileName: FILE });
        this.emitFile({ type: 'chunk', id: heicSource(chunk), fileName: HEIC_FILE });
      }
      // For `es`, a stand-in until the chunk is written: Vite would resolve the URL itself.
      const url =
        format === 'es' ? PLACEHOLDER : `new URL('${FILE}', document.currentScript?.src || document.baseURI)`;
      return { code: code.replace(SOURCE_URL, url), map: null };
    },
    generateBundle(_options, bundle) {
      // No source map for the HEIC decoder: 2.1 MB of libheif's Emscripten output that nobody
      // steps through, which would double the decoder's share of the package.
      const decoder = bundle[HEIC_FILE];
      if (decoder?.type !== 'chunk' || !decoder.map) return;
      decoder.code = decoder.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      decoder.map = null;
      delete bundle[`${HEIC_FILE}.map`];
    },
    renderChunk(code) {
      if (!code.includes(PLACEHOLDER)) return null;
      return { code: code.replace(PLACEHOLDER, `new URL('./${FILE}', import.meta.url)`), map: null };
    },
    async closeBundle() {
      if (format !== 'iife' || !chunk) return;
      await build({
        configFile: false,
        logLevel: 'warn',
        plugins: [heicChunk(heicSource(chunk))],
        build: {
          lib: { entry: chunk, formats: ['es'], fileName: () => FILE },
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          sourcemap: false,
        },
      });
    },
  };
}
