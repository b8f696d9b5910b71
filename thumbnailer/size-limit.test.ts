import { describe, expect, it } from 'vitest';
import { solid } from './test-support/images.js';
import { BUCKET, useLocalBucket } from './test-support/local-bucket.js';
import { get, s3Event } from './test-support/s3.js';

const bucket = useLocalBucket();
const WIDTHS = { THUMBNAIL_WIDTHS: '64' };

describe('MAX_SOURCE_BYTES, judged from the notification before anything is read', () => {
  it('takes an original of exactly MAX_SOURCE_BYTES and refuses one a byte larger', async () => {
    const png = await solid(64, 64, 'png');
    const [fits, over] = [
      await bucket.upload('size-a', 'png', png),
      await bucket.upload('size-a', 'png', png),
    ];
    await bucket.handler({ ...WIDTHS, MAX_SOURCE_BYTES: String(png.length) })(s3Event(BUCKET, fits));
    await bucket.handler({ ...WIDTHS, MAX_SOURCE_BYTES: String(png.length - 1) })(s3Event(BUCKET, over));
    expect(await bucket.manifestOf(fits)).toMatchObject({ status: 'ready', sourceSize: png.length });
    expect(await bucket.manifestOf(over)).toMatchObject({
      status: 'rejected',
      reason: { code: 'ERR_TOO_LARGE' },
    });
  });

  it("refuses by its size alone: the manifest keeps the original's size, and the original is removed", async () => {
    const body = Buffer.alloc(5000, 7); // never read: its size is enough
    const big = await bucket.upload('size-b', 'jpg', body);
    await bucket.handler({ MAX_SOURCE_BYTES: '1000' })(s3Event(BUCKET, big));
    expect(await bucket.manifestOf(big)).toMatchObject({
      status: 'rejected',
      reason: { code: 'ERR_TOO_LARGE' },
      sourceEtag: big.etag,
      sourceSize: 5000,
      name: 'photo.jpg',
    });
    expect(await get(bucket.client, BUCKET, big.key)).toBeUndefined();
  });

  it('refuses the version the notification names, so the smaller one that replaced it is still thumbnailed', async () => {
    const env = { ...WIDTHS, MAX_SOURCE_BYTES: '1000', DELETE_REJECTED_ORIGINALS: 'false' };
    const tooLarge = await bucket.upload('size-c', 'png', Buffer.alloc(5000, 7));
    // A second PUT of the same ticket lands before the first notification is handled.
    const replacing = await bucket.replace(tooLarge, await solid(64, 64, 'png'));
    expect(replacing.size).toBeLessThan(1000);
    const handler = bucket.handler(env);
    await handler(s3Event(BUCKET, tooLarge));
    expect(await bucket.manifestOf(tooLarge)).toMatchObject({
      status: 'rejected',
      sourceEtag: tooLarge.etag,
      sourceSize: 5000,
    });
    await handler(s3Event(BUCKET, replacing));
    expect(await bucket.manifestOf(replacing)).toMatchObject({ status: 'ready', sourceEtag: replacing.etag });
  });

  it('keeps a ready set when a too-large replacement arrives in a notification without an ETag (ERR_REPLACED)', async () => {
    const first = await bucket.upload('size-d', 'png', await solid(64, 64, 'png'));
    await bucket.handler(WIDTHS)(s3Event(BUCKET, first));
    const replacing = await bucket.replace(first, Buffer.alloc(5000, 7));
    await bucket.handler({ ...WIDTHS, MAX_SOURCE_BYTES: '1000' })(
      s3Event(BUCKET, { key: replacing.key, size: replacing.size }),
    );
    expect(await bucket.manifestOf(first)).toMatchObject({ status: 'ready', sourceEtag: first.etag });
    expect(await get(bucket.client, BUCKET, first.key)).toBeUndefined();
    expect(bucket.logs.at(-1)).toMatchObject({ level: 'warn', key: first.key, code: 'ERR_REPLACED' });
  });
});
