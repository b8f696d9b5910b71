import { defineConfig, type Plugin } from 'vite';

/**
 * Collapses the whitespace in the widget's `css` and `html` template literals, which no JS
 * minifier touches (they are strings to it). CSS is squeezed in the source; for HTML, after
 * minification the only raw line breaks left are inside template literals, where a line break
 * and its indentation mean no more than one space.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!id.includes('/widget/') || !/\.styles\.ts$/.test(id)) return null;
      return code.replace(/\bcss`([^`]*)`/g, (_match, body: string) => {
        const text = body
          .replace(/\s*\n\s*/g, '')
          .replace(/\s*([{}:;,>])\s*/g, '$1')
          .replace(/;}/g, '}');
        return `css\`${text}\``;
      });
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // ASCII only: a script without a charset is decoded in the host page's encoding, so a
        // raw "×" would turn into "Ã—" on a page that is not UTF-8.
        chunk.code = chunk.code
          .replace(/\n\s+/g, ' ')
          .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      }
    },
  };
}

/**
 * The script-tag build: `dist/image-uploader.js`, one minified IIFE with Lit inside that registers
 * `<image-uploader>` and exposes the module's exports as `window.ImageUploader`; and, with
 * `--mode de`, `dist/i18n/de.js`, which registers German with it.
 * Its size budget (16 KB min+gzip) is checked by widget/bundle-size.test.ts and `npm run size` (widget/test-support/bundle-size.ts).
 */
export default defineConfig(({ mode }) => ({
  configFile: false,
  plugins: [minifyTemplates()],
  build: {
    // `--mode de` builds the German companion, dist/i18n/de.js (see widget/i18n/register-de.ts).
    lib:
      mode === 'de'
        ? {
            entry: 'widget/i18n/register-de.ts',
            formats: ['iife'],
            name: 'ImageUploaderDe',
            fileName: () => 'i18n/de.js',
          }
        : {
            entry: 'widget/index.ts',
            formats: ['iife'],
            name: 'ImageUploader',
            fileName: () => 'image-uploader.js',
          },
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
  },
}));
