/**
 * `npm run build:lambda [-- --arch arm64|x64] [--out dir]`: builds `signer.zip`,
 * `thumbnailer.zip` and `notifier.zip` into `dist/lambda/` and prints their sizes.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLambdas } from './build/build-lambdas.js';

const { values } = parseArgs({
  options: { arch: { type: 'string', default: 'arm64' }, out: { type: 'string' } },
});
if (values.arch !== 'arm64' && values.arch !== 'x64') {
  throw new TypeError(`Expected --arch to be arm64 or x64, got ${values.arch}`);
}
const started = performance.now();
const result = await buildLambdas({ cpu: values.arch, ...(values.out && { outDir: resolve(values.out) }) });
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`signer       ${result.signer.zip}  ${kib(result.signer.bytes)}`);
console.log(
  `thumbnailer  ${result.thumbnailer.zip}  ${kib(result.thumbnailer.bytes)} (${result.architecture})`,
);
console.log(`notifier     ${result.notifier.zip}  ${kib(result.notifier.bytes)}`);
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
