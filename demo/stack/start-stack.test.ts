import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateUploadsResponse, ListImagesResponse, SinglePutTicket } from '../../contract/api.js';
import { startStack, type Stack } from './start-stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ thumbnails: false, log: () => {} });
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
});
