/**
 * `npm run size`: prints the script-tag build's size (widget/dist/) (minified, and min+gzip at level 9) and
 * fails when it is over the 16 KB budget. Run `npm run build` first.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WIDGET_DIST } from '../../stack/widget-build.js';
import { SIZE_BUDGET_BYTES as BUDGET } from './size-budget.js';

const files = ['image-uploader.js', 'i18n/de.js', 'es/index.js'];
let over = false;
for (const file of files) {
  const bytes = await readFile(join(WIDGET_DIST, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(
    `${`widget/dist/${file}`.padEnd(31)} ${String(bytes.length).padStart(7)} B min  ${String(gzip).padStart(6)} B gzip`,
  );
  if (file === files[0] && gzip > BUDGET) over = true;
}
if (over) {
  console.error(`widget/dist/image-uploader.js is over its budget of ${BUDGET} B min+gzip`);
  process.exitCode = 1;
}
