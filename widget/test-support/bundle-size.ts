/**
 * `npm run size`: prints the script-tag build's size (minified, and min+gzip at level 9) and
 * fails when it is over the 16 KB budget. Run `npm run build` first.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { SIZE_BUDGET_BYTES as BUDGET } from './size-budget.js';

const files = ['dist/image-uploader.js', 'dist/i18n/de.js', 'dist/es/index.js'];
let over = false;
for (const file of files) {
  const bytes = await readFile(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(
    `${file.padEnd(24)} ${String(bytes.length).padStart(7)} B min  ${String(gzip).padStart(6)} B gzip`,
  );
  if (file === files[0] && gzip > BUDGET) over = true;
}
if (over) {
  console.error(`dist/image-uploader.js is over its budget of ${BUDGET} B min+gzip`);
  process.exitCode = 1;
}
