import { format } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from './app.js';
import { newImageId } from './image-id.js';
import { startFailingS3, type FailingS3 } from './test-support/failing-s3.js';
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
    // PATCH /v1/images/:id, with the body hash OAC needs in front of a Function URL.
    const patch = await app.request('/v1/images/abc', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type,x-amz-content-sha256',
      },
    });
    expect(patch.status).toBe(204);
    const listed = (name: string) =>
      (patch.headers.get(name) ?? '').split(',').map((item) => item.trim().toLowerCase());
    expect(listed('access-control-allow-methods')).toEqual(
      expect.arrayContaining(['get', 'post', 'patch', 'delete']),
    );
    expect(listed('access-control-allow-headers')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-amz-content-sha256']),
    );
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

  it('answers storage outages with 503 ERR_STORAGE_UNAVAILABLE, hides internals and logs the cause', async () => {
    const lines: string[] = [];
    const { app } = createTestApp({ deps: { logError: (line) => lines.push(line) } });
    const response = await app.request('/v1/images', {
      headers: { authorization: `Bearer ${await customLoginToken('u')}` },
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ERR_STORAGE_UNAVAILABLE');
    expect(body.error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(lines).toEqual([expect.stringContaining('GET /v1/images answered 503 ERR_STORAGE_UNAVAILABLE')]);
    expect(lines[0]).toMatch(/ECONNREFUSED.*127\.0\.0\.1:9/);
  });
});

describe('the error log', () => {
  const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+never-logged';
  let s3: FailingS3;
  let token: string;
  beforeAll(async () => {
    s3 = await startFailingS3();
    token = await customLoginToken('logged');
  });
  afterAll(() => s3?.close());
  afterEach(() => vi.restoreAllMocks());

  /** With `logError`, or else the default logger (console.error). */
  const appOn = (logError?: (line: string, error: unknown) => void) => {
    const { config } = createTestApp({
      s3: { endpoint: s3.endpoint, accessKeyId: 'AKIDLOGTEST', secretAccessKey: SECRET_KEY },
    });
    return createApp(config, logError && { logError });
  };
  const listParts = (app: ReturnType<typeof appOn>, headers = { authorization: `Bearer ${token}` }) =>
    app.request(`/v1/uploads/${newImageId('jpg', Date.now())}/parts?uploadId=up-1`, { headers });
  /** Nothing a log line may hold: the caller's token, S3 credentials, any SigV4 signature. */
  const expectNoSecrets = (text: string) => {
    expect(text).not.toContain(token);
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toMatch(/X-Amz-Signature|Signature=/i);
    for (const signature of s3.signatures.filter(Boolean)) expect(text).not.toContain(signature);
  };

  it("logs a storage 5xx with S3's error code, status and request id", async () => {
    s3.mode = 'internal-error';
    const lines: string[] = [];
    const response = await listParts(appOn((line) => lines.push(line)));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'ERR_STORAGE_UNAVAILABLE',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[signer] GET /v1/uploads/:id/parts answered 503 ERR_STORAGE_UNAVAILABLE: ');
    expect(lines[0]).toContain(`InternalError (HTTP 500, request id ${s3.requestId}`);
    expect(lines[0]).toContain('3 attempts');
    expectNoSecrets(lines[0]!);
  });

  it('prints an unexpected S3 refusal as one line and a stack, without what S3 echoes back', async () => {
    s3.mode = 'signature-mismatch';
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await listParts(appOn());
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ERR_INTERNAL');
    expect(printed).toHaveBeenCalledOnce();
    const text = format(...(printed.mock.calls[0] as unknown[])); // as the console prints it
    expect(text).toContain('answered 500 ERR_INTERNAL: SignatureDoesNotMatch (HTTP 403, request id');
    expectNoSecrets(text);
  });

  it('leaves 4xx answers out', async () => {
    const lines: string[] = [];
    const response = await listParts(
      appOn((line) => lines.push(line)),
      { authorization: 'Bearer nope' },
    );
    expect(response.status).toBe(401);
    expect(lines).toEqual([]);
  });
});
