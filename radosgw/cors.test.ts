import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinglePutTicket } from '../contract/api.js';
import { bytes, OTHER_ORIGIN, rawRequest, SITE_ORIGIN, startLane, type Lane } from './test-support/lane.js';

let lane: Lane;
beforeAll(async () => {
  lane = await startLane();
});
afterAll(() => lane?.close());

const preflight = (origin: string) =>
  rawRequest('OPTIONS', `${lane.s3.endpoint}/${lane.s3.bucket}/uploads/any/key/original.jpg`, {
    origin,
    'access-control-request-method': 'PUT',
    'access-control-request-headers': 'content-type',
  });

describe('bucket CORS on radosgw', () => {
  it('lets the site origin PUT and read ETag (preflight 200)', async () => {
    const response = await preflight(SITE_ORIGIN);
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(SITE_ORIGIN);
    expect(response.headers['access-control-allow-methods']).toContain('PUT');
    expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
    expect(response.headers['access-control-expose-headers']).toBe('ETag');
  });

  it('exposes ETag on the upload itself (200)', async () => {
    const [ticket] = (await lane.tickets('alice', [{ name: 'a.jpg', type: 'image/jpeg', size: 100 }])) as [
      SinglePutTicket,
    ];
    const response = await rawRequest(
      'PUT',
      ticket.url,
      { ...ticket.headers, origin: SITE_ORIGIN },
      bytes(100),
    );
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(SITE_ORIGIN);
    expect(response.headers['access-control-expose-headers']).toBe('ETag');
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('refuses another origin (preflight 403 AccessDenied)', async () => {
    const response = await preflight(OTHER_ORIGIN);
    expect([response.status, response.code]).toEqual([403, 'AccessDenied']);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
