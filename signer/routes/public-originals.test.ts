/**
 * Publishing with `PUBLIC_ORIGINALS` on: the original is copied to `public/{id}/` with the
 * thumbnails, served with the type the thumbnailer sniffed; an image whose original is gone (a
 * DELETE cut short removes the original first and leaves the manifest) is still published, with
 * its thumbnails only, rather than failing on a copy of nothing.
 */
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../contract/api.js';
import {
  parseOriginalKey,
  publicOriginalKey,
  publicThumbnailKey,
  thumbnailKey,
} from '../../contract/object-keys.js';
import { putManifest, uploadImages, useImagesApp } from '../test-support/stored-images.js';

const images = useImagesApp('original-publisher', {
  UPLOAD_VISIBILITIES: 'public,private',
  PUBLIC_ORIGINALS: 'true',
});

/** The type S3 serves `key` with, or undefined when there is no such object. */
const storedType = (key: string) =>
  images.client.send(new HeadObjectCommand({ Bucket: 'images', Key: key })).then(
    (head) => head.ContentType,
    () => undefined,
  );

/** An image uploaded through its ticket and made ready: one 320 px WebP, its original sniffed as PNG. */
async function readyImage(): Promise<{ id: string; key: string }> {
  const [ticket] = await uploadImages(images.app, images.headers);
  const { owner, id } = parseOriginalKey(ticket!.key)!;
  const thumbnail = thumbnailKey(owner, id, 320, 'webp');
  await images.client.send(
    new PutObjectCommand({ Bucket: 'images', Key: thumbnail, Body: 'x', ContentType: 'image/webp' }),
  );
  await putManifest(images.client, ticket!.key, {
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
  images.app.request(`/v1/images/${id}`, {
    method: 'PATCH',
    headers: images.headers,
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
    await images.client.send(new DeleteObjectCommand({ Bucket: 'images', Key: key }));
    const response = await publish(id);
    expect([response.status, ((await response.json()) as ImageSummary).visibility]).toEqual([200, 'public']);
    expect(await storedType(publicThumbnailKey(id, 320, 'webp'))).toBe('image/webp');
    expect(await storedType(publicOriginalKey(id))).toBeUndefined();
  });
});
