/**
 * Per-call cost of the signer's hot path outside the server, in one process: a presigned PUT
 * with the SDK's `S3RequestPresigner` and with ours (sigv4-query.ts), and a new image id.
 * A tight loop flatters every line (warm caches, no other work): in the server each costs
 * several times more, so compare the lines with each other, not with `npm run bench -- signer`.
 *
 * Run: `npx tsx bench/presign.ts [seconds per line = 1]`.
 */
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { newImageId } from '../signer/image-id.js';
import { createQueryPresigner } from '../signer/storage/sigv4-query.js';

const seconds = Number(process.argv[2] ?? 1);
const credentials = { accessKeyId: 'AKIABENCHEXAMPLE', secretAccessKey: 'bench-secret' };
const host = 'bench-bucket.s3.eu-west-1.amazonaws.com';
const path = '/uploads/0123456789abcdef01234567/0abcdefghijklmnopqrstuv0-jpg/original.jpg';
const headers = { 'content-type': 'image/jpeg', 'content-length': '3000000' };

const sdk = new S3RequestPresigner({ credentials, region: 'eu-west-1', sha256: Sha256 });
const ours = createQueryPresigner('eu-west-1', credentials);

/** Microseconds per call: the median of five rounds of `seconds / 5` each. */
async function perCall(run: () => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const start = performance.now();
    const end = start + (seconds * 1000) / 5;
    while (performance.now() < end) {
      for (let i = 0; i < 100; i++) await run();
      calls += 100;
    }
    rounds.push(((performance.now() - start) * 1000) / calls);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

const lines: [string, () => unknown][] = [
  [
    'SDK S3RequestPresigner.presign',
    () =>
      sdk.presign(
        new HttpRequest({
          method: 'PUT',
          protocol: 'https:',
          hostname: host,
          path,
          headers: { ...headers, host },
        }),
        { expiresIn: 600, signableHeaders: new Set(Object.keys(headers)) },
      ),
  ],
  [
    'createQueryPresigner (ours)',
    () =>
      ours({
        method: 'PUT',
        protocol: 'https:',
        host,
        path,
        query: {},
        headers,
        expiresInSeconds: 600,
        signingDate: new Date(),
      }),
  ],
  ['newImageId', () => newImageId('jpg')],
];
for (const [, run] of lines) await perCall(run); // warm-up
for (const [name, run] of lines)
  console.log(`${name.padEnd(32)} ${(await perCall(run)).toFixed(2).padStart(8)} µs/call`);
