import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type {
  CreateUploadsResponse,
  ImageSummary,
  ListImagesResponse,
  SinglePutTicket,
  UsageResponse,
} from '../contract/api.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { thumbnailKey } from '../contract/object-keys.js';
import { devLogin, type DevTokens } from './dev-login.js';
import { localS3Client } from './local-s3.js';
import { freePort } from './free-port.js';
import { backendFromEnv } from './s3-backend.js';
import { startStack, type Stack } from './start-stack.js';

const DEMO = 'http://localhost:5173';
const OWN_SITE = 'http://localhost:4173';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ log: () => {}, siteOrigins: [DEMO, OWN_SITE] });
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

  it.each([DEMO, OWN_SITE])(
    'serves the bucket CORS rule the browser needs to %s (PUT from the site, ETag exposed)',
    async (origin) => {
      const preflight = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/uploads/x`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.status).toBe(200);
      // s3rver 3.7.1 answers preflights with `*` where S3 echoes the origin; the radosgw lane checks that.
      expect(preflight.headers.get('access-control-allow-origin')).toMatch(new RegExp(`^(\\*|${origin})$`));
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
      const get = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/uploads/x`, { headers: { origin } });
      expect(get.headers.get('access-control-expose-headers')).toBe('ETag');
    },
  );

  it.each([DEMO, OWN_SITE])('lets %s call the signer from the browser', async (origin) => {
    const preflight = await fetch(`${stack.signerUrl}/v1/uploads`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('refuses any other origin, at the bucket and at the signer', async () => {
    const other = 'http://localhost:9999';
    const bucket = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/uploads/x`, {
      method: 'OPTIONS',
      headers: { origin: other, 'access-control-request-method': 'PUT' },
    });
    expect(bucket.status).toBe(403);
    const signer = await fetch(`${stack.signerUrl}/v1/uploads`, {
      method: 'OPTIONS',
      headers: { origin: other, 'access-control-request-method': 'POST' },
    });
    expect(signer.headers.get('access-control-allow-origin')).toBeNull();
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

describe('quotas on the local stack', () => {
  let quotaStack: Stack;
  beforeAll(async () => {
    quotaStack = await startStack({
      log: () => {},
      signerEnv: { QUOTA_BYTES: '1000000', QUOTA_IMAGES: '2' },
    });
  });
  afterAll(() => quotaStack?.close());

  const photo = () =>
    sharp({ create: { width: 400, height: 300, channels: 3, background: '#a37' } })
      .jpeg()
      .toBuffer();
  const as = async (user: string) => ({
    authorization: `Bearer ${await quotaStack.login(user)}`,
    'content-type': 'application/json',
  });
  const usage = async (headers: Record<string, string>) =>
    (await (await fetch(`${quotaStack.signerUrl}/v1/usage`, { headers })).json()) as UsageResponse;
  const upload = async (headers: Record<string, string>, bytes: Buffer) => {
    const body = new Uint8Array(bytes);
    const created = await fetch(`${quotaStack.signerUrl}/v1/uploads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ files: [{ name: 'p.jpg', type: 'image/jpeg', size: body.length }] }),
    });
    if (created.status !== 201) return { status: created.status, body: (await created.json()) as object };
    const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
    expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body })).status).toBe(200);
    await quotaStack.thumbnailsIdle();
    return { status: 201, id: ticket.id };
  };

  it('counts a finished image at its size, frees a rejected one and a deleted one, and refuses past the quota', async () => {
    expect(quotaStack.dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const dana = await as('dana');
    const bytes = await photo();
    const first = await upload(dana, bytes);
    expect(await usage(dana)).toEqual({
      bytes: { used: bytes.length, reserved: 0, limit: 1_000_000 },
      images: { used: 1, reserved: 0, limit: 2 },
    });
    // Not an image: the thumbnailer rejects it, and its reservation is given back.
    expect((await upload(dana, Buffer.alloc(2000, 7))).status).toBe(201);
    expect((await usage(dana)).images).toEqual({ used: 1, reserved: 0, limit: 2 });
    await upload(dana, await photo());
    const refused = await upload(dana, bytes);
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: 'ERR_QUOTA_EXCEEDED', unit: 'images', used: 2, limit: 2 } },
    });
    // Another user is not affected.
    expect((await upload(await as('erin'), bytes)).status).toBe(201);
    // Deleting an image frees its room.
    const deleted = await fetch(`${quotaStack.signerUrl}/v1/images/${first.id}`, {
      method: 'DELETE',
      headers: dana,
    });
    expect(deleted.status).toBe(204);
    expect((await usage(dana)).images.used).toBe(1);
    expect((await upload(dana, bytes)).status).toBe(201);
  });

  it('limits requests with bad tokens per client IP over real HTTP, before verifying them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const response = await fetch(`${quotaStack.signerUrl}/v1/images`, {
        headers: { authorization: 'Bearer a.b.c' },
      });
      statuses.push(response.status);
    }
    // The default: 60 a minute, 30 at once.
    expect(statuses.filter((status) => status === 401).length).toBe(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

describe('delivery through the local CDN', () => {
  let headers: Record<string, string>;
  let owner: string;
  let photo: Buffer;
  beforeAll(async () => {
    headers = { authorization: `Bearer ${await stack.login('erin')}`, 'content-type': 'application/json' };
    photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#a37' } })
      .jpeg()
      .toBuffer();
  });

  /** Uploads the photo with a visibility and waits for its thumbnails; returns its summary. */
  async function uploaded(visibility: 'public' | 'private'): Promise<ImageSummary> {
    const created = await fetch(`${stack.signerUrl}/v1/uploads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        files: [{ name: 'p.jpg', type: 'image/jpeg', size: photo.length, visibility }],
      }),
    });
    const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
    const put = await fetch(ticket.url, {
      method: 'PUT',
      headers: ticket.headers,
      body: new Uint8Array(photo),
    });
    expect(put.status).toBe(200);
    owner = ticket.key.split('/')[1]!;
    await stack.thumbnailsIdle();
    return (await (
      await fetch(`${stack.signerUrl}/v1/images/${ticket.id}`, { headers })
    ).json()) as ImageSummary;
  }

  it("serves a public image's thumbnails to anyone at stable CDN URLs, with CloudFront's headers", async () => {
    const image = await uploaded('public');
    expect(image).toMatchObject({ status: 'ready', visibility: 'public' });
    expect(image.publicUrl).toBe(`${stack.cdnUrl}/public/${image.id}/1440.jpg`);
    expect(image.srcset!.webp).toBe(
      `${stack.cdnUrl}/public/${image.id}/320.webp 320w, ${stack.cdnUrl}/public/${image.id}/720.webp 720w, ${stack.cdnUrl}/public/${image.id}/1440.webp 900w`,
    );
    for (const thumbnail of image.thumbnails) {
      expect(thumbnail.url.startsWith(`${stack.cdnUrl}/public/${image.id}/`)).toBe(true);
      const response = await fetch(thumbnail.url); // no credentials of any kind
      expect(response.status).toBe(200);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'content-type': thumbnail.format === 'webp' ? 'image/webp' : 'image/jpeg',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'cross-origin',
        'access-control-allow-origin': '*',
      });
      const own = await localS3Client(stack.s3).send(
        new GetObjectCommand({
          Bucket: stack.s3.bucket,
          Key: thumbnailKey(owner, image.id, thumbnail.width, thumbnail.format),
        }),
      );
      expect(Buffer.from(await response.arrayBuffer())).toEqual(
        Buffer.from(await own.Body!.transformToByteArray()),
      );
    }
    // Stable: the next listing hands out the very same URLs.
    const again = (await (
      await fetch(`${stack.signerUrl}/v1/images/${image.id}`, { headers })
    ).json()) as ImageSummary;
    expect(again.srcset).toEqual(image.srcset);
  });

  it("keeps a private image's thumbnails off the CDN and off anonymous S3, reachable only by the owner's signed URLs", async () => {
    const image = await uploaded('private');
    expect(image).toMatchObject({ status: 'ready', visibility: 'private' });
    expect(image.publicUrl).toBeUndefined();
    for (const width of [320, 720, 1440]) {
      for (const file of [`${width}.webp`, `${width}.jpg`]) {
        expect((await fetch(`${stack.cdnUrl}/public/${image.id}/${file}`)).status).toBe(404);
      }
    }
    const thumbnail = image.thumbnails.find((t) => t.width === 720 && t.format === 'webp')!;
    expect(new URL(thumbnail.url).searchParams.get('X-Amz-Signature')).toBeTruthy();
    const signed = await fetch(thumbnail.url);
    expect(signed.status).toBe(200);
    expect(Object.fromEntries(signed.headers)).toMatchObject({
      'content-type': 'image/webp',
      'content-disposition': 'inline',
      'cache-control': 'private, max-age=900',
    });
    expect((await fetch(`${stack.cdnUrl}/${thumbnailKey(owner, image.id, 720, 'webp')}`)).status).toBe(404);
    // s3rver lets anonymous requests through (stack/local-s3.ts); S3 and radosgw refuse them.
    if (backendFromEnv() === 'radosgw') {
      const anonymous = await fetch(new URL(thumbnail.url).origin + new URL(thumbnail.url).pathname);
      expect(anonymous.status).toBe(403);
    }
  });

  it('publishes and unpublishes with PATCH (CDN 200 ↔ 404), and a deleted image is gone from the CDN', async () => {
    const image = await uploaded('private');
    const cdnFile = `${stack.cdnUrl}/public/${image.id}/720.webp`;
    const patch = (visibility: string) =>
      fetch(`${stack.signerUrl}/v1/images/${image.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ visibility }),
      });
    expect((await fetch(cdnFile)).status).toBe(404);
    const published = await patch('public');
    expect(published.status).toBe(200);
    expect(((await published.json()) as ImageSummary).publicUrl).toBe(
      `${stack.cdnUrl}/public/${image.id}/1440.jpg`,
    );
    const served = await fetch(cdnFile);
    expect([served.status, served.headers.get('cache-control')]).toEqual([
      200,
      'public, max-age=31536000, immutable',
    ]);
    expect((await patch('private')).status).toBe(200);
    expect((await fetch(cdnFile)).status).toBe(404);
    expect((await patch('public')).status).toBe(200);
    expect((await fetch(cdnFile)).status).toBe(200);
    const deleted = await fetch(`${stack.signerUrl}/v1/images/${image.id}`, { method: 'DELETE', headers });
    expect(deleted.status).toBe(204);
    for (const file of ['320.webp', '720.jpg', '1440.jpg']) {
      expect((await fetch(`${stack.cdnUrl}/public/${image.id}/${file}`)).status).toBe(404);
    }
  });
});

// The data folder is the embedded S3's; radosgw is always throwaway.
describe.skipIf(backendFromEnv() === 'radosgw')('local data', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'image-uploader-test-data-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('keeps the uploads and the tokens across a restart on the same folder, and --fresh empties it', async () => {
    // The issuer and the signer's audience name their ports: a restart keeps them, as npm start does.
    const ports = { s3: await freePort(), idp: await freePort(), signer: await freePort() };
    const start = (fresh = false) =>
      startStack({ log: () => {}, thumbnails: false, ports, dataDirectory: directory, fresh });
    const list = async (running: Stack, token: string) => {
      const response = await fetch(`${running.signerUrl}/v1/images`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return {
        status: response.status,
        ids: ((await response.json()) as ListImagesResponse).images?.map((i) => i.id),
      };
    };

    let running = await start();
    let tokens: DevTokens;
    let id: string;
    try {
      tokens = await devLogin({
        issuer: running.idp.issuer,
        clientId: running.clientId,
        redirectUri: 'http://localhost:5173/',
        username: 'dana',
      });
      const created = await fetch(`${running.signerUrl}/v1/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ files: [{ name: 'a.png', type: 'image/png', size: 4 }] }),
      });
      const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
      id = ticket.id;
      expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abcd' })).status).toBe(
        200,
      );
    } finally {
      await running.close();
    }

    running = await start();
    try {
      // The access token from before the restart is still accepted (same signing key) …
      expect(await list(running, tokens.accessToken)).toEqual({ status: 200, ids: [id] });
      // … and the refresh token still refreshes (the provider's grants were kept).
      const refreshed = await refresh(running.idp.issuer, running.clientId, tokens.refreshToken!);
      expect(refreshed.status).toBe(200);
    } finally {
      await running.close();
    }

    running = await start(true);
    try {
      expect((await list(running, tokens.accessToken)).status).toBe(401);
      expect(await list(running, await running.login('dana'))).toEqual({ status: 200, ids: [] });
      expect((await refresh(running.idp.issuer, running.clientId, tokens.refreshToken!)).status).toBe(400);
    } finally {
      await running.close();
    }
  });
});

function refresh(issuer: string, clientId: string, refreshToken: string): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
    }),
  });
}
