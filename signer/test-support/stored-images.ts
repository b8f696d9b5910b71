/**
 * Images for route tests on the local S3: originals stored through the signer's own single-PUT
 * tickets, and manifests written where the thumbnailer writes them.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CreateUploadsResponse, SinglePutTicket } from '../../contract/api.js';
import { manifestKey, parseOriginalKey } from '../../contract/object-keys.js';
import type { ThumbnailManifest } from '../../contract/thumbnail-manifest.js';
import { localS3Client, type LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { createTestApp, customLoginToken } from './test-app.js';

/** What {@link useImagesApp} gives a test file once its `beforeAll` has run. */
export interface ImagesApp {
  s3: LocalS3;
  client: S3Client;
  app: ReturnType<typeof createTestApp>['app'];
  /** The user's bearer token and a JSON content type. */
  headers: Record<string, string>;
}

/**
 * A signer test app on its own local S3 (bucket `images`; radosgw in that lane) and one user's
 * headers, for a file's tests: started in `beforeAll`, stopped in `afterAll`.
 */
export function useImagesApp(user: string, env?: Record<string, string>): ImagesApp {
  const fixture = {} as ImagesApp;
  beforeAll(async () => {
    fixture.s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] });
    fixture.client = localS3Client(fixture.s3);
    fixture.app = createTestApp({ s3: fixture.s3, ...(env && { env }) }).app;
    fixture.headers = {
      authorization: `Bearer ${await customLoginToken(user)}`,
      'content-type': 'application/json',
    };
  });
  afterAll(() => {
    fixture.client?.destroy();
    return fixture.s3?.close();
  });
  return fixture;
}

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
