import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FAILURE_COOLDOWN_MS } from './auth/issuer-keys.js';
import { MAX_BODY_BYTES, nodeFetch } from './node-fetch.js';
import { startTestIssuer, type TestIssuer } from './test-support/key-server.js';
import { createTestApp, requestTicket, TEST_AUDIENCE } from './test-support/test-app.js';

let idp: TestIssuer;
let odd: Server;
let oddUrl: string;
const seenHeaders: Record<string, string | string[] | undefined>[] = [];
beforeAll(async () => {
  idp = await startTestIssuer(TEST_AUDIENCE);
  odd = createServer((req, res) => {
    seenHeaders.push(req.headers);
    if (req.url === '/redirect') return void res.writeHead(302, { location: idp.jwksUri }).end();
    if (req.url === '/huge') return void res.end('x'.repeat(MAX_BODY_BYTES + 1));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}');
  });
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await idp.close();
  await new Promise((resolve) => odd.close(resolve));
});
afterEach(() => {
  idp.mode = 'ok';
});

const signerWithNodeFetch = () =>
  createTestApp({ issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }], deps: { fetch: nodeFetch } });
const bearer = async () => ({ authorization: `Bearer ${await idp.sign({})}` });

describe('nodeFetch, the Node entries’ fetch for issuer keys', () => {
  it('lets the signer verify a token through discovery and the JWKS', async () => {
    const { app } = signerWithNodeFetch();
    expect((await requestTicket(app, await bearer())).status).toBe(201);
  });

  it('answers 503 ERR_ISSUER_UNAVAILABLE when the issuer fails, then recovers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { app } = signerWithNodeFetch();
    idp.mode = 'down';
    const refused = await requestTicket(app, await bearer());
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ERR_ISSUER_UNAVAILABLE');
    idp.mode = 'ok';
    vi.setSystemTime(Date.now() + DEFAULT_FAILURE_COOLDOWN_MS); // a failed fetch is remembered that long
    expect((await requestTicket(app, await bearer())).status).toBe(201);
    vi.useRealTimers();
  });

  it('gives up at the signal’s timeout, rejecting with its reason', async () => {
    idp.mode = 'slow';
    idp.slowMs = 2_000;
    const started = performance.now();
    await expect(nodeFetch(idp.jwksUri, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('sends the request headers and reads JSON', async () => {
    const response = await nodeFetch(`${oddUrl}/json`, {
      headers: new Headers({ accept: 'application/json' }),
    });
    expect(response.ok).toBe(true);
    expect(await response.json()).toEqual({ hello: 'world' });
    expect(seenHeaders.at(-1)?.accept).toBe('application/json');
  });

  it('follows no redirect', async () => {
    const response = await nodeFetch(`${oddUrl}/redirect`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.ok).toBe(false);
  });

  it('refuses a body over MAX_BODY_BYTES', async () => {
    await expect(nodeFetch(`${oddUrl}/huge`)).rejects.toThrow(/more than/);
  });

  it('refuses anything but GET over http(s)', async () => {
    await expect(nodeFetch(`${oddUrl}/json`, { method: 'POST' })).rejects.toThrow(TypeError);
    await expect(nodeFetch('file:///etc/passwd')).rejects.toThrow(TypeError);
  });
});
