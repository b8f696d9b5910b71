/**
 * Per-call cost of the signer's hot path outside the server, in one process: a presigned PUT
 * with the SDK's `S3RequestPresigner` and with ours (sigv4-query.ts), with the headers a ticket
 * signed before issue 14 (type, size, two metadata headers) and those it signs now (those, the
 * stored headers, the ACL, `if-none-match`, the uploader's identity and the page's metadata:
 * upload-rules.ts `singlePutHeaders`), the signed metadata itself, and a new image id.
 * A tight loop flatters every line (warm caches, no other work): in the server each costs
 * several times more, so compare the lines with each other, not with `npm run bench -- signer`.
 *
 * Run: `npx tsx bench/presign.ts [seconds per line = 1]`.
 */
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { loadConfig } from '../signer/config.js';
import { newImageId } from '../signer/image-id.js';
import { createQueryPresigner } from '../signer/storage/sigv4-query.js';
import { checkFile, signedMetadata, singlePutHeaders } from '../signer/upload-rules.js';

const seconds = Number(process.argv[2] ?? 1);
const credentials = { accessKeyId: 'AKIABENCHEXAMPLE', secretAccessKey: 'bench-secret' };
const host = 'bench-bucket.s3.eu-west-1.amazonaws.com';
const path = '/uploads/0123456789abcdef01234567/0abcdefghijklmnopqrstuv0-jpg/original.jpg';
const headers = { 'content-type': 'image/jpeg', 'content-length': '3000000' };
/** What a ticket signed at 98a525a, before issue 14: type, size, name and visibility. */
const headersBefore14 = {
  ...headers,
  'x-amz-meta-name': "UTF-8''photo.jpg",
  'x-amz-meta-visibility': "UTF-8''private",
};
const callers = Array.from({ length: 500 }, (_, i) => ({
  issuer: 'https://accounts.example.com',
  subject: String(248289761001 + i),
}));
let call = 0;
/** The signer's default upload limits (signer/config.ts). */
const limits = loadConfig({
  S3_BUCKET: 'bench-bucket',
  S3_REGION: 'eu-west-1',
  AUTH_HS256_SECRET: 'x'.repeat(40),
  AUTH_HS256_ISSUER: 'https://login.example',
  AUTH_HS256_AUDIENCE: 'bench',
  OWNER_ID_SECRET: 'bench-owner-id-secret-0123456789abcdefghijklmnop',
}).uploads;
const checked = checkFile({ name: 'photo.jpg', type: 'image/jpeg', size: 3_000_000 }, limits);
if ('error' in checked) throw new Error(checked.error.message);
/** What a ticket signs today (the benchmark's request: no MD5 sent). */
const headersNow = singlePutHeaders(checked.file, signedMetadata(checked.file, callers[0]!, 0));

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
  ...(
    [
      ['type, size', headers],
      [`before issue 14 (${Object.keys(headersBefore14).length} headers)`, headersBefore14],
      [`now (${Object.keys(headersNow).length} headers)`, headersNow],
    ] as const
  ).map(([what, signed]): [string, () => unknown] => [
    `ours, ${what}`,
    () =>
      ours({
        method: 'PUT',
        protocol: 'https:',
        host,
        path,
        query: {},
        headers: signed,
        expiresInSeconds: 600,
        signingDate: new Date(),
      }),
  ]),
  [
    // 500 callers, as in the signer benchmark: `sub` differs from one ticket to the next.
    'signedMetadata (5 fields, 500 callers)',
    () => signedMetadata(checked.file, callers[(call = (call + 1) % callers.length)]!, 0),
  ],
  ['newImageId', () => newImageId('jpg')],
];
for (const [, run] of lines) await perCall(run); // warm-up
for (const [name, run] of lines)
  console.log(`${name.padEnd(40)} ${(await perCall(run)).toFixed(2).padStart(8)} µs/call`);
