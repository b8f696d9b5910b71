import { describe, expect, it } from 'vitest';
import { solid } from './test-support/images.js';
import { BUCKET, useLocalBucket } from './test-support/local-bucket.js';
import { failingOnce, get, s3Event } from './test-support/s3.js';

const bucket = useLocalBucket();
const PAGE = Buffer.from('<!doctype html><h1>not an image</h1>');

describe('a record that failed is finished by its retry', () => {
  it('removes a refused original when the function stopped between its manifest and the delete', async () => {
    const page = await bucket.upload('retry-a', 'jpg', PAGE);
    const stopping = failingOnce(bucket.s3.endpoint, 'DeleteObjectCommand', page.key);
    try {
      const handler = bucket.handler({}, {}, stopping);
      await expect(handler(s3Event(BUCKET, page))).rejects.toMatchObject({ name: 'Crash' });
      expect(await bucket.manifestOf(page)).toMatchObject({ status: 'rejected', sourceEtag: page.etag });
      expect(await get(bucket.client, BUCKET, page.key)).toBeDefined();
      await handler(s3Event(BUCKET, page)); // Lambda's retry
    } finally {
      stopping.destroy();
    }
    expect(await get(bucket.client, BUCKET, page.key)).toBeUndefined();
    expect(bucket.logs.at(-1)).toMatchObject({ message: 'skipped: already done', key: page.key });
  });

  it('keeps it on the retry too when DELETE_REJECTED_ORIGINALS=false', async () => {
    const page = await bucket.upload('retry-b', 'jpg', PAGE);
    const handler = bucket.handler({ DELETE_REJECTED_ORIGINALS: 'false' });
    await handler(s3Event(BUCKET, page));
    await handler(s3Event(BUCKET, page));
    expect(await get(bucket.client, BUCKET, page.key)).toBeDefined();
    expect(bucket.logs.map((entry) => entry.message)).toEqual(['rejected', 'skipped: already done']);
  });
});

describe('an event with several failed records', () => {
  it('rejects with every failure, after the records that succeed are done, so Lambda retries it', async () => {
    const good = await bucket.upload('retry-c', 'png', await solid(40, 40, 'png'));
    const [lostA, lostB] = [
      { ...good, bucket: 'no-such-bucket-a' },
      { ...good, bucket: 'no-such-bucket-b' },
    ];
    const failure = await bucket
      .handler({ THUMBNAIL_WIDTHS: '64' })(s3Event(BUCKET, lostA, good, lostB))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors).toEqual([
      expect.objectContaining({ name: 'NoSuchBucket' }),
      expect.objectContaining({ name: 'NoSuchBucket' }),
    ]);
    // What Lambda logs as the invocation's error: how many of the event's records failed.
    expect((failure as AggregateError).message).toBe('2 of 3 records failed');
    expect(await bucket.manifestOf(good)).toMatchObject({ status: 'ready' });
  });
});
