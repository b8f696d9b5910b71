import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ImageEvent } from '../contract/image-events.js';
import { makeImageId, originalKey } from '../contract/object-keys.js';
import { solid } from '../thumbnailer/test-support/images.js';
import { get, list, put, testClient } from '../thumbnailer/test-support/s3.js';
import { startLocalS3 } from './local-s3.js';
import type { LocalS3, LocalS3Event } from './local-s3.js';
import { createThumbnailTrigger } from './thumbnail-trigger.js';
import type { ThumbnailTrigger } from './thumbnail-trigger.js';

describe('createThumbnailTrigger', () => {
  let s3: LocalS3;
  let client: S3Client;
  let trigger: ThumbnailTrigger;
  const lines: string[] = [];
  const published: ImageEvent[] = [];

  beforeAll(async () => {
    let onEvent: (event: LocalS3Event) => void = () => {};
    s3 = await startLocalS3({
      port: 0,
      bucket: 'images',
      corsOrigins: [],
      onEvent: (event) => onEvent(event),
    });
    trigger = createThumbnailTrigger(s3, {
      log: (line) => lines.push(line),
      env: { THUMBNAIL_WIDTHS: '64,128' },
      publish: async (event) => void published.push(event),
    });
    onEvent = (event) => trigger.onEvent(event);
    client = testClient(s3.endpoint);
  });
  afterAll(async () => {
    await trigger?.close();
    client?.destroy();
    await s3?.close();
  });

  it('runs the thumbnailer for originals, one log line and one event per image; skips keys the signer never makes', async () => {
    const [pngId, jpgId] = [makeImageId('0000000000000001', 'png'), makeImageId('0000000000000002', 'jpg')];
    await put(client, 'images', originalKey('o-w_n', pngId), await solid(300, 200, 'png'));
    // A raw key that needs S3's event encoding; not an original's key, so no line and no thumbnails.
    await put(client, 'images', 'uploads/o w+n/id-1/original.png', await solid(300, 200, 'png'));
    await put(client, 'images', originalKey('owner', jpgId), Buffer.from('<html>not an image</html>'));
    await trigger.idle();

    expect(await list(client, 'images', `thumbnails/o-w_n/${pngId}/`)).toEqual(
      ['128.jpg', '128.webp', '64.jpg', '64.webp', 'meta.json'].map(
        (name) => `thumbnails/o-w_n/${pngId}/${name}`,
      ),
    );
    expect(await list(client, 'images', 'thumbnails/o w+n/')).toEqual([]);
    const manifest = JSON.parse(
      (await get(client, 'images', `thumbnails/owner/${jpgId}/meta.json`))!.body.toString(),
    );
    expect(manifest).toMatchObject({ status: 'rejected', reason: { code: 'ERR_NOT_AN_IMAGE' } });
    expect(published.map((event) => [event.type, event.data.id])).toEqual([
      ['image.ready', pngId],
      ['image.rejected', jpgId],
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^thumbnailer: uploads/o-w_n/${pngId}/original\\.png → 64\\.webp 64\\.jpg 128\\.webp 128\\.jpg \\(\\d+ ms\\)$`,
      ),
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^thumbnailer: uploads/owner/${jpgId}/original\\.jpg rejected ERR_NOT_AN_IMAGE \\(\\d+ ms\\)$`,
      ),
    );
  });

  it('ignores objects outside uploads/ (its own outputs included)', async () => {
    lines.length = 0;
    published.length = 0;
    await put(client, 'images', 'thumbnails/owner/id-3/64.webp', await solid(8, 8, 'webp'));
    await put(client, 'images', 'elsewhere/original.png', await solid(8, 8, 'png'));
    await trigger.idle();
    expect(lines).toEqual([]);
    expect(published).toEqual([]);
    expect(await list(client, 'images', 'thumbnails/owner/id-3/')).toEqual(['thumbnails/owner/id-3/64.webp']);
  });
});
