import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type {
  CreateUploadsResponse,
  ImageSummary,
  ListImagesResponse,
  SinglePutTicket,
} from '../contract/api.js';
import { startStack, type Stack } from './start-stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ log: () => {} });
});
afterAll(() => stack?.close());

describe('local stack', () => {
  it('signs a user in through the real OpenID provider and accepts the access token it issues', async () => {
    const token = await stack.login('alice');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${stack.signerUrl}/v1/uploads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ files: [{ name: 'a.png', type: 'image/png', size: 4 }] }),
    });
    expect(created.status).toBe(201);
    const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
    const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abcd' });
    expect(put.status).toBe(200);
    const mine = (await (
      await fetch(`${stack.signerUrl}/v1/images`, { headers })
    ).json()) as ListImagesResponse;
    expect(mine.images.map((i) => i.id)).toContain(ticket.id);

    const other = { authorization: `Bearer ${await stack.login('bob')}` };
    const theirs = (await (
      await fetch(`${stack.signerUrl}/v1/images`, { headers: other })
    ).json()) as ListImagesResponse;
    expect(theirs.images).toEqual([]);
    expect((await fetch(`${stack.signerUrl}/v1/images/${ticket.id}`, { headers: other })).status).toBe(404);
  });

  it('serves the bucket CORS rule the browser needs (PUT from the site, ETag exposed)', async () => {
    const preflight = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/uploads/x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    // s3rver 3.7.1 answers preflights with `*` where S3 echoes the origin; the radosgw lane checks that.
    expect(preflight.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost:5173)$/);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const get = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/uploads/x`, {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(get.headers.get('access-control-expose-headers')).toBe('ETag');
    const refused = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/uploads/x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(refused.status).toBe(403);
  });

  it('turns an upload into thumbnails the listing shows, as the deployed system does', async () => {
    const headers = {
      authorization: `Bearer ${await stack.login('carol')}`,
      'content-type': 'application/json',
    };
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    const created = await fetch(`${stack.signerUrl}/v1/uploads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ files: [{ name: 'p.jpg', type: 'image/jpeg', size: photo.length }] }),
    });
    const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
    expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: photo })).status).toBe(
      200,
    );
    await stack.thumbnailsIdle();
    const image = (await (
      await fetch(`${stack.signerUrl}/v1/images/${ticket.id}`, { headers })
    ).json()) as ImageSummary;
    expect(image.status).toBe('ready');
    expect(image).toMatchObject({ width: 800, height: 600 });
    expect(image.placeholder).toBeTruthy();
    const smallest = image.thumbnails.find((t) => t.width === 320 && t.format === 'webp')!;
    const thumb = await fetch(smallest.url);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(320);
  });
});
