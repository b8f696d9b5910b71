import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  ImageSummary,
  ListImagesResponse,
  SinglePutTicket,
} from '../../contract/api.js';
import { manifestKey, parseOriginalKey, thumbnailKey } from '../../contract/object-keys.js';
import type { ThumbnailManifest } from '../../contract/thumbnail-manifest.js';
import { localS3Client, type LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { putManifest } from '../test-support/stored-images.js';
import { createTestApp, customLoginToken } from '../test-support/test-app.js';

let s3: LocalS3;
let client: S3Client;
let app: ReturnType<typeof createTestApp>['app'];
const users: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: ['http://localhost:5173'] });
  client = localS3Client(s3);
  ({ app } = createTestApp({ s3 }));
  for (const name of ['alice', 'bob', 'carol']) {
    users[name] = {
      authorization: `Bearer ${await customLoginToken(name)}`,
      'content-type': 'application/json',
    };
  }
});
afterAll(() => s3.close());

/** Uploads `count` small JPEGs for a user through the real tickets; returns their tickets. */
async function upload(user: string, count = 1): Promise<SinglePutTicket[]> {
  const files = Array.from({ length: count }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', size: 3 }));
  const response = await app.request('/v1/uploads', {
    method: 'POST',
    headers: users[user],
    body: JSON.stringify({ files }),
  });
  const tickets = ((await response.json()) as CreateUploadsResponse).uploads as SinglePutTicket[];
  for (const ticket of tickets) {
    expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' })).status).toBe(
      200,
    );
  }
  return tickets;
}

const writeManifest = (ticket: SinglePutTicket, manifest: Partial<ThumbnailManifest>) =>
  putManifest(client, ticket.key, manifest);

const listKeys = async (prefix: string) =>
  ((await client.send(new ListObjectsV2Command({ Bucket: 'images', Prefix: prefix }))).Contents ?? []).map(
    (o) => o.Key!,
  );

const list = async (user: string, query = '') =>
  (await (await app.request(`/v1/images${query}`, { headers: users[user] })).json()) as ListImagesResponse;

describe('GET /v1/images', () => {
  it("lists only the caller's own images, newest first, as processing until a manifest exists", async () => {
    const [first] = await upload('alice');
    const [second] = await upload('alice');
    await upload('bob');
    const { images } = await list('alice');
    expect(images.map((i) => i.id)).toEqual([second!.id, first!.id]);
    expect(
      images.every((i) => i.status === 'processing' && i.original?.url.includes('X-Amz-Signature')),
    ).toBe(true);
    expect((await list('bob')).images.map((i) => i.id)).not.toContain(first!.id);
  });

  it('shows thumbnails, size and placeholder once the manifest is ready', async () => {
    const [ticket] = await upload('alice');
    const { owner, id } = parseOriginalKey(ticket!.key)!;
    await writeManifest(ticket!, {
      version: 1,
      status: 'ready',
      sourceKey: ticket!.key,
      sourceEtag: '"x"',
      createdAt: new Date().toISOString(),
      format: 'jpeg',
      width: 4032,
      height: 3024,
      thumbhash: 'AAAA',
      outputs: [
        {
          key: thumbnailKey(owner, id, 320, 'webp'),
          width: 320,
          height: 240,
          format: 'webp',
          contentType: 'image/webp',
          size: 9,
        },
        {
          key: thumbnailKey(owner, id, 320, 'jpeg'),
          width: 320,
          height: 240,
          format: 'jpeg',
          contentType: 'image/jpeg',
          size: 11,
        },
      ],
    });
    const image = (await (
      await app.request(`/v1/images/${id}`, { headers: users.alice })
    ).json()) as ImageSummary;
    expect(image).toMatchObject({
      id,
      status: 'ready',
      size: 3,
      type: 'image/jpeg',
      width: 4032,
      height: 3024,
      placeholder: 'AAAA',
    });
    expect(image.thumbnails.map((t) => [t.width, t.format])).toEqual([
      [320, 'webp'],
      [320, 'jpeg'],
    ]);
    expect(new URL(image.thumbnails[0]!.url).pathname).toBe(
      `/images/${thumbnailKey(owner, id, 320, 'webp')}`,
    );
  });

  it('keeps a rejected upload visible with its reason after the original is removed', async () => {
    const [ticket] = await upload('alice');
    const { id } = await writeManifest(ticket!, {
      version: 1,
      status: 'rejected',
      sourceKey: ticket!.key,
      sourceEtag: '"x"',
      sourceSize: 3,
      createdAt: new Date().toISOString(),
      reason: { code: 'ERR_NOT_AN_IMAGE', message: 'Not an image' },
    });
    await client.send(new DeleteObjectCommand({ Bucket: 'images', Key: ticket!.key }));
    const image = (await list('alice')).images.find((i) => i.id === id);
    expect(image).toMatchObject({ status: 'rejected', reason: { code: 'ERR_NOT_AN_IMAGE' }, size: 3 });
    expect(image?.original).toBeUndefined();
  });

  it("carries the file's name as signed: from the original, then from the manifest", async () => {
    const [ticket] = await upload('alice');
    const byId = async () => (await list('alice')).images.find((i) => i.id === ticket!.id);
    expect(await byId()).toMatchObject({ status: 'processing', name: '0.jpg' });
    await writeManifest(ticket!, {
      version: 1,
      status: 'rejected',
      sourceKey: ticket!.key,
      sourceEtag: '"x"',
      name: '0.jpg',
      createdAt: new Date().toISOString(),
      reason: { code: 'ERR_NOT_AN_IMAGE', message: 'Not an image' },
    });
    await client.send(new DeleteObjectCommand({ Bucket: 'images', Key: ticket!.key }));
    expect(await byId()).toMatchObject({ status: 'rejected', name: '0.jpg' });
  });

  it('leaves the name out for an original stored without one (uploaded before names were kept)', async () => {
    const [ticket] = await upload('carol');
    await client.send(new PutObjectCommand({ Bucket: 'images', Key: ticket!.key, Body: 'abc' }));
    const image = (await list('carol')).images.find((i) => i.id === ticket!.id);
    expect(image?.status).toBe('processing');
    expect(image && 'name' in image).toBe(false);
  });

  it('pages with a cursor without repeating or skipping images', async () => {
    await upload('bob', 4);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list('bob', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.images.length).toBeLessThanOrEqual(2);
      seen.push(...page.images.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await list('bob', '?limit=100')).images.map((i) => i.id);
    expect(seen).toEqual(all);
    expect(all.length).toBe(5);
  });
});

/** A ready manifest for a ticket, with 320 and 720 px thumbnails of each format written as given. */
async function ready(ticket: SinglePutTicket, manifest: Partial<ThumbnailManifest>, stored = {}) {
  const { owner, id } = parseOriginalKey(ticket.key)!;
  const outputs = [320, 720].flatMap((width) =>
    (['webp', 'jpeg'] as const).map((format) => ({
      key: thumbnailKey(owner, id, width, format),
      width,
      height: width / 2,
      format,
      contentType: `image/${format}` as const,
      size: 1,
    })),
  );
  for (const output of outputs) {
    await client.send(new PutObjectCommand({ Bucket: 'images', Key: output.key, Body: 'x', ...stored }));
  }
  await writeManifest(ticket, {
    version: 1,
    status: 'ready',
    sourceKey: ticket.key,
    sourceEtag: '"x"',
    createdAt: new Date().toISOString(),
    format: 'png', // sniffed: the file was signed as a JPEG
    width: 1000,
    height: 500,
    thumbhash: 'AAAA',
    outputs,
    widths: [320, 720, 1440],
    ...manifest,
  });
  return id;
}
const get = async (id: string, via = app) =>
  (await (await via.request(`/v1/images/${id}`, { headers: users.alice })).json()) as ImageSummary;

describe('GET /v1/images/:id links', () => {
  it('fixes what signed GETs answer with: the recorded type, inline, cached privately for the URL lifetime', async () => {
    const [ticket] = await upload('alice');
    // Headers an uploader with bucket access could have stored: never what a browser gets.
    const id = await ready(
      ticket!,
      {},
      { ContentType: 'text/html', CacheControl: 'public, max-age=31536000' },
    );
    const image = await get(id);
    expect(image.visibility).toBe('private');
    const webp = await fetch(image.thumbnails.find((t) => t.format === 'webp')!.url);
    expect(Object.fromEntries(webp.headers)).toMatchObject({
      'content-type': 'image/webp',
      'content-disposition': 'inline',
      'cache-control': 'private, max-age=900',
    });
    const original = await fetch(image.original!.url);
    expect(original.headers.get('content-type')).toBe('image/png');
  });

  it('gives a private image a signed srcset per format, ready for <source>', async () => {
    const [ticket] = await upload('alice');
    const image = await get(await ready(ticket!, { visibility: 'private' }));
    const entries = image.srcset!.webp.split(', ');
    expect(entries.map((entry) => entry.split(' ')[1])).toEqual(['320w', '720w']);
    expect(entries.every((entry) => new URL(entry.split(' ')[0]!).searchParams.has('X-Amz-Signature'))).toBe(
      true,
    );
    expect(image.srcset!.jpeg).toContain('.jpg?');
    expect(image.publicUrl).toBeUndefined();
  });

  it('lists a public image with CDN URLs and a publicUrl, or, without IMAGE_BASE_URL, signed ones', async () => {
    const [ticket] = await upload('alice');
    const id = await ready(ticket!, { visibility: 'public' });
    const withCdn = createTestApp({ s3, env: { IMAGE_BASE_URL: 'https://cdn.example.com' } }).app;
    const image = await get(id, withCdn);
    expect(image).toMatchObject({
      visibility: 'public',
      publicUrl: `https://cdn.example.com/public/${id}/1440.jpg`,
    });
    expect(image.srcset).toEqual({
      webp: `https://cdn.example.com/public/${id}/320.webp 320w, https://cdn.example.com/public/${id}/720.webp 720w`,
      jpeg: `https://cdn.example.com/public/${id}/320.jpg 320w, https://cdn.example.com/public/${id}/720.jpg 720w`,
    });
    expect(new URL(image.original!.url).searchParams.has('X-Amz-Signature')).toBe(true); // the owner's own
    const withoutCdn = await get(id);
    expect(withoutCdn.visibility).toBe('public');
    expect(withoutCdn.publicUrl).toBeUndefined();
    expect(withoutCdn.thumbnails.every((t) => new URL(t.url).searchParams.has('X-Amz-Signature'))).toBe(true);
  });
});

describe('PATCH /v1/images/:id', () => {
  const invalidations: string[][] = [];
  let cdnApp: typeof app;
  beforeAll(() => {
    cdnApp = createTestApp({
      s3,
      env: { UPLOAD_VISIBILITIES: 'public,private', IMAGE_BASE_URL: 'https://cdn.example.com/images' },
      deps: { invalidateCdn: async (paths) => void invalidations.push(paths) },
    }).app;
  });
  const patch = (id: string, body: unknown, user = 'alice', via = cdnApp) =>
    via.request(`/v1/images/${id}`, { method: 'PATCH', headers: users[user], body: JSON.stringify(body) });
  const publicKeys = async (id: string) => (await listKeys(`public/${id}/`)).sort();
  const errorCode = async (response: Response) =>
    ((await response.json()) as { error: { code: string } }).error.code;

  it('publishes: copies the thumbnails to public/{id}/ (immutable), records it, invalidates the CDN', async () => {
    const [ticket] = await upload('alice');
    const id = await ready(ticket!, { visibility: 'private' });
    invalidations.length = 0;
    const response = await patch(id, { visibility: 'public' });
    expect(response.status).toBe(200);
    const image = (await response.json()) as ImageSummary;
    expect(image).toMatchObject({
      visibility: 'public',
      publicUrl: `https://cdn.example.com/images/public/${id}/1440.jpg`,
    });
    expect(await publicKeys(id)).toEqual(
      ['1440.jpg', '1440.webp', '320.jpg', '320.webp', '720.jpg', '720.webp'].map((f) => `public/${id}/${f}`),
    );
    const copy = await client.send(new GetObjectCommand({ Bucket: 'images', Key: `public/${id}/1440.webp` }));
    expect([copy.ContentType, copy.CacheControl]).toEqual([
      'image/webp',
      'public, max-age=31536000, immutable',
    ]);
    const { owner } = parseOriginalKey(ticket!.key)!;
    const manifest = await client.send(
      new GetObjectCommand({ Bucket: 'images', Key: manifestKey(owner, id) }),
    );
    expect(JSON.parse(await manifest.Body!.transformToString())).toMatchObject({
      status: 'ready',
      visibility: 'public',
    });
    expect([manifest.ContentType, manifest.CacheControl]).toEqual(['application/json', 'no-cache']);
    expect(invalidations).toEqual([[`/images/public/${id}/*`]]);
  });

  it('unpublishes: deletes the public copies, records it, invalidates the CDN', async () => {
    const [ticket] = await upload('alice');
    const id = await ready(ticket!, { visibility: 'private' });
    expect((await patch(id, { visibility: 'public' })).status).toBe(200);
    invalidations.length = 0;
    const response = await patch(id, { visibility: 'private' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as ImageSummary).visibility).toBe('private');
    expect(await publicKeys(id)).toEqual([]);
    expect(invalidations).toEqual([[`/images/public/${id}/*`]]);
    expect((await get(id, cdnApp)).publicUrl).toBeUndefined();
  });

  it('refuses a visibility the configuration does not allow (ERR_VISIBILITY_NOT_ALLOWED), changing nothing', async () => {
    const [ticket] = await upload('alice');
    const id = await ready(ticket!, { visibility: 'private' });
    const response = await patch(id, { visibility: 'public' }, 'alice', app); // app: private only
    expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_VISIBILITY_NOT_ALLOWED']);
    expect(await publicKeys(id)).toEqual([]);
  });

  it("is not found for another user's image, whose public copies stay", async () => {
    const [ticket] = await upload('alice');
    const id = await ready(ticket!, { visibility: 'private' });
    expect((await patch(id, { visibility: 'public' })).status).toBe(200);
    for (const visibility of ['private', 'public']) {
      const response = await patch(id, { visibility }, 'bob');
      expect([response.status, await errorCode(response)]).toEqual([404, 'ERR_NOT_FOUND']);
    }
    const deleted = await cdnApp.request(`/v1/images/${id}`, { method: 'DELETE', headers: users.bob });
    expect(deleted.status).toBe(404);
    expect(await publicKeys(id)).toHaveLength(6);
  });

  it('answers 409 ERR_IMAGE_NOT_READY while the image is processing or when it was rejected', async () => {
    const [processing, rejected] = await upload('alice', 2);
    await writeManifest(rejected!, {
      version: 1,
      status: 'rejected',
      sourceKey: rejected!.key,
      sourceEtag: '"x"',
      createdAt: new Date().toISOString(),
      reason: { code: 'ERR_NOT_AN_IMAGE', message: 'Not an image' },
    });
    for (const ticket of [processing!, rejected!]) {
      const response = await patch(ticket.id, { visibility: 'public' });
      expect([response.status, await errorCode(response)]).toEqual([409, 'ERR_IMAGE_NOT_READY']);
    }
  });
});

describe('/v1/images/:id of another user', () => {
  it('is not found for reading or deleting, and the image survives', async () => {
    const [ticket] = await upload('alice');
    for (const method of ['GET', 'DELETE']) {
      const response = await app.request(`/v1/images/${ticket!.id}`, { method, headers: users.bob });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ERR_NOT_FOUND');
    }
    expect((await app.request(`/v1/images/${ticket!.id}`, { headers: users.alice })).status).toBe(200);
  });

  it('refuses ids that try to escape the owner prefix', async () => {
    for (const id of ['..%2F..%2Fx', 'abc', '%2e%2e']) {
      expect((await app.request(`/v1/images/${id}`, { headers: users.alice })).status).toBe(404);
    }
  });
});

describe('DELETE /v1/images/:id of a public image', () => {
  it('deletes its public copies too and invalidates them on the CDN', async () => {
    const invalidations: string[][] = [];
    const cdnApp = createTestApp({
      s3,
      env: { UPLOAD_VISIBILITIES: 'public,private', IMAGE_BASE_URL: 'https://cdn.example.com' },
      deps: { invalidateCdn: async (paths) => void invalidations.push(paths) },
    }).app;
    const [ticket, privateTicket] = await upload('alice', 2);
    const id = await ready(ticket!, { visibility: 'private' });
    const privateId = await ready(privateTicket!, { visibility: 'private' });
    await cdnApp.request(`/v1/images/${id}`, {
      method: 'PATCH',
      headers: users.alice,
      body: JSON.stringify({ visibility: 'public' }),
    });
    invalidations.length = 0;
    for (const each of [id, privateId]) {
      const response = await cdnApp.request(`/v1/images/${each}`, { method: 'DELETE', headers: users.alice });
      expect(response.status).toBe(204);
    }
    expect(await listKeys(`public/${id}/`)).toEqual([]);
    expect(invalidations).toEqual([[`/public/${id}/*`]]); // a private image had nothing on the CDN
  });
});

describe('DELETE /v1/images/:id', () => {
  it('removes the original and everything derived from it', async () => {
    const [ticket] = await upload('alice');
    const { owner, id } = parseOriginalKey(ticket!.key)!;
    const thumb = thumbnailKey(owner, id, 320, 'webp');
    await client.send(new PutObjectCommand({ Bucket: 'images', Key: thumb, Body: 'w' }));
    await writeManifest(ticket!, { version: 1, status: 'ready', outputs: [] });
    expect((await app.request(`/v1/images/${id}`, { method: 'DELETE', headers: users.alice })).status).toBe(
      204,
    );
    for (const key of [ticket!.key, thumb, manifestKey(owner, id)]) {
      await expect(client.send(new HeadObjectCommand({ Bucket: 'images', Key: key }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 404 },
      });
    }
    expect((await app.request(`/v1/images/${id}`, { headers: users.alice })).status).toBe(404);
  });
});
