/**
 * `countOpenUploads` pages through ListMultipartUploads as S3 pages it (at most 1,000 uploads a
 * page) and stops once it knows the count is over the bound: it counts no further than
 * `atMost + 1`. s3rver lists every upload in one page and radosgw pages only past 1,000, so the
 * listing here is the test endpoint's, paged as the S3 API reference says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFailingS3, type FailingS3 } from '../test-support/failing-s3.js';
import { createTestApp } from '../test-support/test-app.js';
import { createS3Operations, type S3Operations } from './s3-operations.js';

let s3: FailingS3;
let operations: S3Operations;
/** `count` open uploads under `o/`, one under another owner's prefix. */
const openUploads = (count: number) => [
  'p/other.jpg',
  ...Array.from({ length: count }, (_, i) => `o/${String(i).padStart(4, '0')}.jpg`),
];

beforeAll(async () => {
  s3 = await startFailingS3();
  operations = createS3Operations(
    createTestApp({ s3: { endpoint: s3.endpoint, accessKeyId: 'AKIDCOUNT', secretAccessKey: 'secret' } })
      .config.s3,
  );
});
afterAll(() => s3?.close());

describe('countOpenUploads', () => {
  it('counts every open upload under the prefix while they are at most the bound', async () => {
    s3.openUploads = openUploads(3);
    expect(await operations.countOpenUploads('o/', 3)).toBe(3);
    expect(await operations.countOpenUploads('o/', 20)).toBe(3);
    s3.openUploads = openUploads(0);
    expect(await operations.countOpenUploads('o/', 1)).toBe(0);
  });

  it('counts no further than one past the bound', async () => {
    s3.openUploads = openUploads(5);
    const before = s3.requests;
    expect(await operations.countOpenUploads('o/', 2)).toBe(3);
    expect(await operations.countOpenUploads('o/', 1)).toBe(2);
    expect(s3.requests - before).toBe(2); // one page each
  });

  it('reads the next page of 1,000 when the bound is past the first', async () => {
    s3.openUploads = openUploads(1005);
    // A full page of 1,000, exactly the bound: one more upload decides.
    expect(await operations.countOpenUploads('o/', 1000)).toBe(1001);
    expect(await operations.countOpenUploads('o/', 1001)).toBe(1002);
    expect(await operations.countOpenUploads('o/', 1004)).toBe(1005);
    expect(await operations.countOpenUploads('o/', 5000)).toBe(1005);
  });
});
