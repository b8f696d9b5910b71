import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeImageId,
  originalKey,
  publicOriginalKey,
  publicThumbnailKey,
  thumbnailKey,
} from '../contract/object-keys.js';
import { startLocalCdn, type LocalCdn } from './local-cdn.js';
import { localS3Client, type LocalS3 } from './local-s3.js';
import { startS3Backend } from './s3-backend.js';

let s3: LocalS3;
let client: S3Client;
let cdn: LocalCdn;
const id = makeImageId('0123456789abcdefghij', 'png');
const other = makeImageId('abcdefghij0123456789', 'jpg');
const webp = Buffer.from('RIFF....WEBPVP8 public bytes');

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] });
  client = localS3Client(s3);
  cdn = await startLocalCdn({ s3 });
  const put = (key: string, body: Buffer | string, type: string) =>
    client.send(new PutObjectCommand({ Bucket: 'images', Key: key, Body: body, ContentType: type }));
  await Promise.all([
    put(publicThumbnailKey(id, 720, 'webp'), webp, 'image/webp'),
    put(publicOriginalKey(id), 'png bytes', 'image/png'),
    put(thumbnailKey('owner1', id, 720, 'webp'), 'private bytes', 'image/webp'),
    put(originalKey('owner1', other), 'private original', 'image/jpeg'),
    put(`thumbnails/owner1/${id}/meta.json`, '{}', 'application/json'),
  ]);
});
afterAll(async () => {
  await cdn?.close();
  client?.destroy();
  await s3?.close();
});

/** Sends the path exactly as written (fetch would normalise `..` and encoded dots). */
function raw(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const { hostname, port } = new URL(cdn.url);
    const outgoing = httpRequest({ hostname, port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('local CDN', () => {
  it('serves a public copy to anyone with the headers CloudFront serves', async () => {
    const response = await fetch(`${cdn.url}/public/${id}/720.webp`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(webp);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'cache-control': 'public, max-age=31536000, immutable',
      'content-type': 'image/webp',
      'content-length': String(webp.length),
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
      'access-control-allow-origin': '*',
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
    });
    expect(response.headers.get('last-modified')).toBeTruthy();
  });

  it('answers HEAD with the same headers and no body, and a matching If-None-Match with 304', async () => {
    const head = await raw('HEAD', `/public/${id}/720.webp`);
    expect([head.status, head.body.length, head.headers['content-length']]).toEqual([
      200,
      0,
      String(webp.length),
    ]);
    const again = await raw('GET', `/public/${id}/720.webp`, {
      'if-none-match': head.headers.etag as string,
    });
    expect([again.status, again.body.length, again.headers['cache-control']]).toEqual([
      304,
      0,
      'public, max-age=31536000, immutable',
    ]);
    const ranged = await raw('GET', `/public/${id}/720.webp`, { range: 'bytes=0-3' });
    expect([ranged.status, ranged.body.toString()]).toEqual([206, 'RIFF']);
  });

  it('serves a public original, which exists only with PUBLIC_ORIGINALS', async () => {
    const response = await raw('GET', `/public/${id}/original.png`);
    expect([response.status, response.headers['content-type']]).toEqual([200, 'image/png']);
    expect((await raw('GET', `/public/${other}/original.jpg`)).status).toBe(404);
  });

  it.each([
    ['a private thumbnail', `/thumbnails/owner1/${id}/720.webp`],
    ['a private original', `/${originalKey('owner1', other)}`],
    ['a manifest', `/thumbnails/owner1/${id}/meta.json`],
    ['the bucket listing', '/'],
    ['the bucket, path style', `/images/public/${id}/720.webp`],
    ['the public prefix listing', '/public/'],
    ["an image's public folder", `/public/${id}/`],
    ['a width that was not written', `/public/${id}/1440.webp`],
    ['a climb out of the public prefix', `/public/../thumbnails/owner1/${id}/720.webp`],
    ['an encoded climb', `/public/${id}/..%2F..%2Fthumbnails%2Fowner1%2F${id}%2F720.webp`],
    ['encoded dots', `/public/%2e%2e/thumbnails/owner1/${id}/720.webp`],
    ['an encoded slash', `/public%2F${id}%2F720.webp`],
    ['a doubled slash', `//public/${id}/720.webp`],
    ['a trailing slash', `/public/${id}/720.webp/`],
    ['an absolute URL', `http://127.0.0.1/public/${id}/720.webp`],
  ])('answers 404 for %s', async (_what, path) => {
    const response = await raw('GET', path);
    expect(response.status).toBe(404);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.toString()).not.toContain('bytes');
  });

  it('refuses other methods (405)', async () => {
    for (const method of ['PUT', 'POST', 'DELETE']) {
      const response = await raw(method, `/public/${id}/720.webp`);
      expect([response.status, response.headers.allow]).toEqual([405, 'GET, HEAD']);
    }
  });

  it('ignores the query string, as the cache policy does', async () => {
    expect((await raw('GET', `/public/${id}/720.webp?x-id=GetObject&list-type=2`)).status).toBe(200);
  });
});
