/**
 * Images for route tests on the local S3: originals stored through the signer's own single-PUT
 * tickets, and manifests written where the thumbnailer writes them.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type { CreateUploadsResponse, SinglePutTicket } from '../../contract/api.js';
import { manifestKey, parseOriginalKey } from '../../contract/object-keys.js';
import type { ThumbnailManifest } from '../../contract/thumbnail-manifest.js';
import type { createTestApp } from './test-app.js';

/**
 * Asks `app` for `count` tickets of 3-byte JPEGs as the caller of `headers` and stores `abc` with
 * each; the tickets sorted by id, i.e. newest first, as the listing orders them.
 */
export async function uploadImages(
  app: ReturnType<typeof createTestApp>['app'],
  headers: Record<string, string>,
  count = 1,
): Promise<SinglePutTicket[]> {
  const files = Array.from({ length: count }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', size: 3 }));
  const response = await app.request('/v1/uploads', {
    method: 'POST',
    headers,
    body: JSON.stringify({ files }),
  });
  expect(response.status).toBe(201);
  const tickets = ((await response.json()) as CreateUploadsResponse).uploads as SinglePutTicket[];
  for (const ticket of tickets) {
    const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' });
    expect(put.status).toBe(200);
  }
  return tickets.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Writes the manifest of the image whose original is `originalKey` (partial ones too: tests write
 * what a broken or older thumbnailer would); returns its owner and id.
 */
export async function putManifest(
  client: S3Client,
  originalKey: string,
  manifest: Partial<ThumbnailManifest>,
) {
  const { owner, id } = parseOriginalKey(originalKey)!;
  await client.send(
    new PutObjectCommand({
      Bucket: 'images',
      Key: manifestKey(owner, id),
      Body: JSON.stringify(manifest),
      ContentType: 'application/json',
    }),
  );
  return { owner, id };
}
