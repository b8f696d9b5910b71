import { defineConfig, type Plugin } from 'vite';

/**
 * Collapses the whitespace in the widget's `css` and `html` template literals, which no JS
 * minifier touches (they are strings to it): about 0.5 KB of the gzip budget.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!id.includes('/widget/') || !/\.ts$/.test(id)) return null;
      return code.replace(/\b(css|html)`([^`]*)`/g, (_match, tag: string, body: string) => {
        let text = body.replace(/\s*\n\s*/g, tag === 'css' ? '' : ' ');
        if (tag === 'css') text = text.replace(/\s*([{}:;,>])\s*/g, '$1').replace(/;}/g, '}');
        return `${tag}\`${text}\``;
      });
    },
  };
}

/**
 * The script-tag build: `dist/image-uploader.js`, one minified IIFE with Lit inside that registers
 * `<image-uploader>` and exposes the module's exports as `window.ImageUploader`; and, with
 * `--mode de`, `dist/i18n/de.js`, which registers German with it.
 * Its size budget (16 KB min+gzip) is checked by widget/bundle-size.test.ts and `npm run size`.
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
