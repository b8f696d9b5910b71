/**
 * `npm run size`: prints the script-tag build's size (widget/dist/) (minified, and min+gzip at
 * level 9) and fails when it is over its 16 KiB budget; then each chunk it loads from its own folder
 * when needed: the Worker chunk (the first file added), the resume chunk (the first multipart
 * upload), the editor chunk (with `editor`; fails over its 12 KiB budget), the `Intl` formatter and
 * each language (`i18n/<tag>.js`, their smallest, median and largest, and each one with
 * `--locales`), the HEIC decoder; last, what a page that adds a file fetches without the decoder
 * (the script and the Worker chunk) and with it (and `heic-chunk.js`, libheif's JavaScript and
 * WebAssembly, which the Worker loads only for a HEIC the browser cannot decode). Run `npm run
 * build` first.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WIDGET_DIST } from '../../stack/widget-build.js';
import { EDITOR_BUDGET_BYTES as EDITOR_BUDGET, SIZE_BUDGET_BYTES as BUDGET } from './size-budget.js';

/** Minified and min+gzip bytes of a file in widget/dist/. */
async function size(file: string): Promise<{ file: string; min: number; gzip: number }> {
  const bytes = await readFile(join(WIDGET_DIST, file));
  return { file, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const line = (
  { file, min, gzip }: { file: string; min: number; gzip: number },
  label = `widget/dist/${file}`,
) => console.log(`${label.padEnd(31)} ${String(min).padStart(7)} B min  ${String(gzip).padStart(6)} B gzip`);

const core = await size('image-uploader.js');
line(core);
const worker = await size('worker-chunk.js');
line(worker);
line(await size('resume-chunk.js'));
const editor = await size('editor-chunk.js');
line(editor);
line(await size('i18n/intl.js'));
const locales = (await readdir(join(WIDGET_DIST, 'i18n'))).filter((name) => name !== 'intl.js').sort();
const sizes = await Promise.all(locales.map((name) => size(`i18n/${name}`)));
if (process.argv.includes('--locales')) for (const measured of sizes) line(measured);
const byGzip = sizes.slice().sort((a, b) => a.gzip - b.gzip);
for (const [label, measured] of [
  ['smallest', byGzip[0]],
  ['median', byGzip[Math.floor(byGzip.length / 2)]],
  ['largest', byGzip.at(-1)],
] as const)
  if (measured) line(measured, `  ${label} of ${sizes.length}: ${measured.file.slice(5)}`);
line(await size('es/index.js'));
const heic = await size('heic-chunk.js');
const wasm = await readFile(createRequire(import.meta.url).resolve('libheif-js/libheif-wasm/libheif.wasm'));
line(heic);
line(
  { file: '', min: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length },
  '  in it: libheif.wasm, as binary',
);
const sum = (...parts: { min: number; gzip: number }[]) => ({
  file: '',
  min: parts.reduce((total, part) => total + part.min, 0),
  gzip: parts.reduce((total, part) => total + part.gzip, 0),
});
line(sum(core, worker), 'without the decoder: script+worker');
line(sum(core, worker, heic), 'with it: script+worker+heic');
for (const [measured, budget] of [
  [core, BUDGET],
  [editor, EDITOR_BUDGET],
] as const)
  if (measured.gzip > budget) {
    console.error(`widget/dist/${measured.file} is over its budget of ${budget} B min+gzip`);
    process.exitCode = 1;
  }
