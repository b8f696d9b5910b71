/**
 * `npm run size`: prints the script-tag build's size (widget/dist/) (minified, and min+gzip at level 9) and
 * fails when it is over the 16 KB budget; then the chunks it loads when needed: the `Intl`
 * formatter and each language (`i18n/<tag>.js`, their smallest, median and largest, and each one
 * with `--locales`); last, what a page fetches with and without the HEIC decoder: the Worker chunk
 * alone, and with `heic-chunk.js` (libheif's JavaScript and WebAssembly, inlined), which the Worker
 * loads only for a HEIC the browser cannot decode. Run `npm run build` first.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WIDGET_DIST } from '../../stack/widget-build.js';
import { SIZE_BUDGET_BYTES as BUDGET } from './size-budget.js';

/** Minified and min+gzip bytes of a file in widget/dist/. */
async function size(file: string): Promise<{ file: string; min: number; gzip: number }> {
  const bytes = await readFile(join(WIDGET_DIST, file));
  return { file, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const line = (
  { file, min, gzip }: { file: string; min: number; gzip: number },
  label = `widget/dist/${file}`,
) => console.log(`${label.padEnd(31)} ${String(min).padStart(7)} B min  ${String(gzip).padStart(6)} B gzip`);

const files = ['image-uploader.js', 'i18n/intl.js', 'es/index.js'];
let over = false;
for (const file of files) {
  const measured = await size(file);
  line(measured);
  if (file === files[0] && measured.gzip > BUDGET) over = true;
}
const locales = (await readdir(join(WIDGET_DIST, 'i18n'))).filter((name) => name !== 'intl.js').sort();
const sizes = await Promise.all(locales.map((name) => size(`i18n/${name}`)));
if (process.argv.includes('--locales')) for (const measured of sizes) line(measured);
const byGzip = sizes.slice().sort((a, b) => a.gzip - b.gzip);
for (const [label, measured] of [
  ['smallest', byGzip[0]],
  ['median', byGzip[Math.floor(byGzip.length / 2)]],
  ['largest', byGzip.at(-1)],
] as const)
  if (measured) line(measured, `${label} of ${sizes.length}: ${measured.file.slice(5)}`);
const worker = await size('worker-chunk.js');
const heic = await size('heic-chunk.js');
const wasm = await readFile(createRequire(import.meta.url).resolve('libheif-js/libheif-wasm/libheif.wasm'));
line(heic);
line(
  { file: '', min: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length },
  '  in it: libheif.wasm, as binary',
);
line(worker, 'without the decoder: worker');
line({ file: '', min: worker.min + heic.min, gzip: worker.gzip + heic.gzip }, 'with it: worker + heic-chunk');
if (over) {
  console.error(`widget/dist/image-uploader.js is over its budget of ${BUDGET} B min+gzip`);
  process.exitCode = 1;
}
