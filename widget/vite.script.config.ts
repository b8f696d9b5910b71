import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { localeChunks } from './vite-locale-chunks.js';
import { workerChunk } from './vite-worker-chunk.js';
import { minifyTemplates } from './vite-minify-templates.js';

/**
 * Keeps the script ASCII: a script without a charset is decoded in the host page's encoding, so a
 * raw "×" would turn into "Ã—" on a page that is not UTF-8.
 */
function asciiOnly(): Plugin {
  return {
    name: 'ascii-only',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunk.code = chunk.code.replace(
          /[\u0080-\uffff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
      }
    },
  };
}

/** A path in the element's package folder (this folder), whatever the working directory. */
const widget = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The script-tag build: `widget/dist/image-uploader.js`, one minified IIFE with Lit inside that registers
 * `<image-uploader>` and exposes the module's exports as `window.ImageUploader`; beside it the Worker
 * chunk (`worker-chunk.js`, vite-worker-chunk.ts) and one file per language (`i18n/<tag>.js`,
 * vite-locale-chunks.ts), which the script loads from its own folder when a `lang` asks for it.
 * Its size budget (16 KB min+gzip) is checked by widget/bundle-size.test.ts and `npm run size` (widget/test-support/bundle-size.ts).
 */
export default defineConfig({
  plugins: [minifyTemplates(), asciiOnly(), workerChunk('iife'), localeChunks()],
  build: {
    lib: {
      entry: widget('index.ts'),
      formats: ['iife'],
      name: 'ImageUploader',
      fileName: () => 'image-uploader.js',
    },
    outDir: widget('dist'),
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    // No `Symbol.toStringTag` "Module" on `window.ImageUploader` (Vite's es2015 preset adds it): it
    // is a plain global object, not an ES module namespace.
    rolldownOptions: { output: { generatedCode: { preset: 'es2015', symbols: false } } },
  },
});
