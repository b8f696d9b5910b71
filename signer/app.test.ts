import { describe, expect, it } from 'vitest';
import { createTestApp, customLoginToken } from './test-support/test-app.js';

describe('signer app', () => {
  it('serves /healthz and an OpenAPI document listing every route', async () => {
    const { app } = createTestApp();
    expect((await app.request('/healthz')).status).toBe(200);
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/uploads',
        '/v1/uploads/{id}/parts',
        '/v1/uploads/{id}/complete',
        '/v1/uploads/{id}',
        '/v1/images',
        '/v1/images/{id}',
      ]),
    );
  });

  it('allows CORS from configured origins only', async () => {
    const { app } = createTestApp();
    const preflight = (origin: string) =>
      app.request('/v1/uploads', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-methods')).toBeNull();
    const error = await app.request('/v1/images', { headers: { origin: 'http://localhost:5173' } });
    expect(error.status).toBe(401);
    expect(error.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(error.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });

  it('sends secure headers and JSON errors for unknown routes', async () => {
    const { app } = createTestApp();
    const response = await app.request('/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ERR_NOT_FOUND');
  });

  it('answers storage outages with 503 ERR_STORAGE_UNAVAILABLE and hides internals', async () => {
    const { app } = createTestApp();
    const response = await app.request('/v1/images', {
      headers: { authorization: `Bearer ${await customLoginToken('u')}` },
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ERR_STORAGE_UNAVAILABLE');
    expect(body.error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});
