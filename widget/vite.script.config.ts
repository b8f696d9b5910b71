import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { defineConfig, type Plugin } from 'vite';
import type { UploaderStrings } from './i18n/strings.js';
import { workerChunk } from './vite-worker-chunk.js';
import { lazyChunk } from './vite-lazy-chunk.js';
import { minifyTemplates } from './vite-minify-templates.js';

/** A path in the element's package folder (this folder), whatever the working directory. */
const widget = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The `Intl` formatter's file, `i18n/intl.js` (an ES module; no language has that tag). */
const INTL = 'intl';

/** The module that loads a locale; the script-tag build gets the version below instead. */
const LOADER = /[\\/]widget[\\/]i18n[\\/]load-locale\.ts$/;

/**
 * The loader of the script-tag build: `i18n/<tag>.js` from the script's own folder, where the
 * Worker chunk is found too (vite-worker-chunk.ts: from `document.currentScript`, so a CDN serves
 * both); the file registers its strings itself. A dynamic `import()` of a classic script: the file
 * has no `import` or `export`, so it runs the same either way.
 */
const SCRIPT_TAG_LOADER = `import { WORKER_CHUNK } from '../upload/chunk-call.js';
const load = (name) => import(/* @vite-ignore */ new URL(\`i18n/\${name}.js\`, WORKER_CHUNK).href);
export const loadLocale = load;
export const loadFormatter = () => load('${INTL}');`;

/** Non-ASCII as `\uXXXX`: a classic script without a charset is decoded in the page's encoding. */
const ascii = (code: string) =>
  code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Keeps the script ASCII: a script without a charset is decoded in the host page's encoding, so a
 * raw "×" would turn into "Ã—" on a page that is not UTF-8.
 */
function asciiOnly(): Plugin {
  return {
    name: 'ascii-only',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = ascii(chunk.code);
    },
  };
}

/**
 * Ships every locale of widget/i18n/locales.ts beside the script-tag build as `i18n/<tag>.js`, one
 * statement that registers its strings with `window.ImageUploader` (so a page may also load one
 * with a plain `<script>`), and the `Intl` formatter (i18n/intl-format.ts) as `i18n/intl.js`; and
 * makes the build's loader fetch them from there.
 */
export const localeChunks = (): Plugin =>
  lazyChunk({
    name: 'locale-chunks',
    module: LOADER,
    loader: SCRIPT_TAG_LOADER,
    entries: { [`i18n/${INTL}.js`]: widget('i18n/intl-format.ts') },
    async write(outDir) {
      type Locales = Record<string, () => Promise<{ default: UploaderStrings }>>;
      const { locales } = (await tsImport(widget('i18n/locales.ts'), import.meta.url)) as {
        locales: Locales;
      };
      await mkdir(join(outDir, 'i18n'), { recursive: true });
      for (const [tag, load] of Object.entries(locales)) {
        const strings = JSON.stringify((await load()).default);
        const code = `ImageUploader.registerTranslation(${JSON.stringify(tag)},${strings});\n`;
        await writeFile(join(outDir, 'i18n', `${tag}.js`), ascii(code));
      }
    },
  });

/**
 * Ships the resume chunk (resume-chunk.ts: the IndexedDB resume store and the interrupted-uploads
 * list) beside the script-tag build as `resume-chunk.js`, an ES module loaded from the script's own
 * folder (as `i18n/<tag>.js` are) the first time a multipart upload runs or the browser has the
 * store's database (lazy-resume-store.ts), so the script itself does not carry it.
 */
export const resumeChunk = (): Plugin =>
  lazyChunk({
    name: 'resume-chunk',
    module: /[\\/]widget[\\/]load-resume-chunk\.ts$/,
    loader: `import { WORKER_CHUNK } from './upload/chunk-call.js';
export const loadResumeChunk = () => import(/* @vite-ignore */ new URL('resume-chunk.js', WORKER_CHUNK).href);`,
    entries: { 'resume-chunk.js': widget('resume-chunk.ts') },
  });

/**
 * Ships the editor (editor/editor-chunk.ts: the crop-and-rotate dialog) beside the script-tag build
 * as `editor-chunk.js`, loaded from the script's own folder the first time an element with `editor`
 * gets a file or `edit()` is called; an element without `editor` never fetches it.
 */
export const editorChunk = (): Plugin =>
  lazyChunk({
    name: 'editor-chunk',
    module: /[\\/]widget[\\/]editor[\\/]load-editor-chunk\.ts$/,
    loader: `import { WORKER_CHUNK } from '../upload/chunk-call.js';
export const loadEditorChunk = () => import(/* @vite-ignore */ new URL('editor-chunk.js', WORKER_CHUNK).href);`,
    entries: { 'editor-chunk.js': widget('editor/editor-chunk.ts') },
  });

/**
 * The script-tag build: `widget/dist/image-uploader.js`, one minified IIFE with Lit inside that registers
 * `<image-uploader>` and exposes the module's exports as `window.ImageUploader`; beside it the Worker
 * chunk (`worker-chunk.js`, vite-worker-chunk.ts), the resume chunk (`resume-chunk.js`, above), the
 * editor (`editor-chunk.js`, above) and one file per language (`i18n/<tag>.js`, above), which the script loads from its own folder when a `lang` asks for it.
 * Its size budget (16 KB min+gzip) is checked by widget/bundle-size.test.ts and `npm run size` (widget/test-support/bundle-size.ts).
 */
export default defineConfig({
  plugins: [
    minifyTemplates(),
    asciiOnly(),
    workerChunk('iife'),
    localeChunks(),
    resumeChunk(),
    editorChunk(),
  ],
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
