/**
 * Publishing with `PUBLIC_ORIGINALS` on: the original is copied to `public/{id}/` with the
 * thumbnails, served with the type the thumbnailer sniffed; an image whose original is gone (a
 * DELETE cut short removes the original first and leaves the manifest) is still published, with
 * its thumbnails only, rather than failing on a copy of nothing.
 */
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../contract/api.js';
import {
  parseOriginalKey,
  publicOriginalKey,
  publicThumbnailKey,
  thumbnailKey,
} from '../../contract/object-keys.js';
import { localS3Client, type LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { putManifest, uploadImages } from '../test-support/stored-images.js';
import { createTestApp, customLoginToken } from '../test-support/test-app.js';

let s3: LocalS3;
let client: S3Client;
let app: ReturnType<typeof createTestApp>['app'];
let headers: Record<string, string>;

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] });
  client = localS3Client(s3);
  ({ app } = createTestApp({
    s3,
    env: { UPLOAD_VISIBILITIES: 'public,private', PUBLIC_ORIGINALS: 'true' },
  }));
  headers = {
    authorization: `Bearer ${await customLoginToken('original-publisher')}`,
    'content-type': 'application/json',
  };
});
afterAll(() => {
  client?.destroy();
  return s3?.close();
});

/** The type S3 serves `key` with, or undefined when there is no such object. */
const storedType = (key: string) =>
  client.send(new HeadObjectCommand({ Bucket: 'images', Key: key })).then(
    (head) => head.ContentType,
    () => undefined,
  );

/** An image uploaded through its ticket and made ready: one 320 px WebP, its original sniffed as PNG. */
async function readyImage(): Promise<{ id: string; key: string }> {
  const [ticket] = await uploadImages(app, headers);
  const { owner, id } = parseOriginalKey(ticket!.key)!;
  const thumbnail = thumbnailKey(owner, id, 320, 'webp');
  await client.send(
    new PutObjectCommand({ Bucket: 'images', Key: thumbnail, Body: 'x', ContentType: 'image/webp' }),
  );
  await putManifest(client, ticket!.key, {
    version: 1,
    status: 'ready',
    sourceKey: ticket!.key,
    sourceEtag: '"x"',
    createdAt: new Date().toISOString(),
    format: 'png',
    width: 640,
    height: 320,
    thumbhash: 'AAAA',
    outputs: [
      { key: thumbnail, width: 320, height: 160, format: 'webp', contentType: 'image/webp', size: 1 },
    ],
  });
  return { id, key: ticket!.key };
}
const publish = (id: string) =>
  app.request(`/v1/images/${id}`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ visibility: 'public' }),
  });

describe('PATCH /v1/images/:id with PUBLIC_ORIGINALS', () => {
  it('copies the original to public/{id}/ with the sniffed type, beside the thumbnails', async () => {
    const { id } = await readyImage();
    const response = await publish(id);
    expect([response.status, ((await response.json()) as ImageSummary).visibility]).toEqual([200, 'public']);
    expect(await storedType(publicOriginalKey(id))).toBe('image/png');
    expect(await storedType(publicThumbnailKey(id, 320, 'webp'))).toBe('image/webp');
  });

  it('publishes an image whose original is gone with its thumbnails only', async () => {
    const { id, key } = await readyImage();
    await client.send(new DeleteObjectCommand({ Bucket: 'images', Key: key }));
    const response = await publish(id);
    expect([response.status, ((await response.json()) as ImageSummary).visibility]).toEqual([200, 'public']);
    expect(await storedType(publicThumbnailKey(id, 320, 'webp'))).toBe('image/webp');
    expect(await storedType(publicOriginalKey(id))).toBeUndefined();
  });
});
