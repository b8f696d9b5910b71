import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../test-support/key-server.js';
import { createTestApp, requestTicket, TEST_AUDIENCE } from '../test-support/test-app.js';
import { createIssuerKeys, DEFAULT_FAILURE_COOLDOWN_MS } from './issuer-keys.js';

let idp: TestIssuer;
let forger: CryptoKey;
beforeAll(async () => {
  idp = await startTestIssuer(TEST_AUDIENCE);
  forger = (await generateKeyPair('RS256')).privateKey;
});
afterAll(() => idp.close());
afterEach(() => {
  idp.mode = 'ok';
  vi.useRealTimers();
});

/** The signer's outbound fetch, to the real issuer, with every URL it asks for written down. */
function countingFetch() {
  const urls: string[] = [];
  const counted: typeof fetch = (input, init) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  };
  return { urls, fetch: counted };
}

/** What anyone can make: the issuer's `iss`, a key of their own, a `kid` of their choosing. */
const forged = (i: number) =>
  new SignJWT({ sub: `victim-${i}` })
    .setProtectedHeader({ alg: 'RS256', kid: `forged-${i}` })
    .setIssuer(idp.issuer)
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(forger);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function codes(responses: Response[]) {
  const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ error: { code: string } }>));
  return [...new Set(responses.map((r, i) => `${r.status} ${bodies[i]!.error.code}`))];
}

describe('issuer keys: failed fetches are remembered for a cooldown', () => {
  it('1,000 forged tokens while discovery is down make one outbound fetch; the issuer is asked again after the cooldown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const outbound = countingFetch();
    const { app } = createTestApp({
      issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }],
      deps: { fetch: outbound.fetch },
    });
    idp.mode = 'down';
    const tokens = await Promise.all(Array.from({ length: 1000 }, (_, i) => forged(i)));
    // Half at once, half one after the other: neither a burst nor a steady stream fetches again.
    const burst = await Promise.all(tokens.slice(0, 500).map((t) => requestTicket(app, bearer(t))));
    const stream: Response[] = [];
    for (const token of tokens.slice(500)) stream.push(await requestTicket(app, bearer(token)));
    expect(await codes([...burst, ...stream])).toEqual(['503 ERR_ISSUER_UNAVAILABLE']);
    expect(outbound.urls).toEqual([`${idp.issuer}/.well-known/openid-configuration`]);
    // Retry-After says when the next fetch may be made, not sooner.
    const retryAfter = Number(stream.at(-1)!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(DEFAULT_FAILURE_COOLDOWN_MS / 1000);

    // Up again, but within the cooldown: still answered from the remembered failure.
    idp.mode = 'ok';
    vi.setSystemTime(Date.now() + DEFAULT_FAILURE_COOLDOWN_MS - 1000);
    const early = await requestTicket(app, bearer(await idp.sign({})));
    expect(await codes([early])).toEqual(['503 ERR_ISSUER_UNAVAILABLE']);
    expect(outbound.urls).toHaveLength(1);

    // After it: discovery and the JWKS once, a real token accepted, forged ones refused as invalid.
    vi.setSystemTime(Date.now() + 1001);
    expect((await requestTicket(app, bearer(await idp.sign({})))).status).toBe(201);
    expect(outbound.urls.slice(1)).toEqual([`${idp.issuer}/.well-known/openid-configuration`, idp.jwksUri]);
    const after = await Promise.all(tokens.slice(0, 50).map((t) => requestTicket(app, bearer(t))));
    expect(await codes(after)).toEqual(['401 ERR_TOKEN_INVALID']);
    expect(outbound.urls).toHaveLength(3); // jose's own cooldown for unknown kids
  });

  it('a JWKS that is down is fetched once per cooldown too, whatever the kid', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const outbound = countingFetch();
    const { app } = createTestApp({
      issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE, jwksUri: idp.jwksUri }],
      deps: { fetch: outbound.fetch },
    });
    idp.mode = 'down';
    for (let round = 0; round < 3; round++) {
      const responses = [];
      for (let i = 0; i < 100; i++) responses.push(await requestTicket(app, bearer(await forged(i))));
      expect(await codes(responses)).toEqual(['503 ERR_ISSUER_UNAVAILABLE']);
      expect(outbound.urls).toEqual(Array(round + 1).fill(idp.jwksUri));
      vi.setSystemTime(Date.now() + DEFAULT_FAILURE_COOLDOWN_MS);
    }
    idp.mode = 'ok';
    expect((await requestTicket(app, bearer(await idp.sign({})))).status).toBe(201);
  });

  it('a known key keeps working while a refetch for an unknown kid fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const outbound = countingFetch();
    const { app } = createTestApp({
      issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }],
      deps: { fetch: outbound.fetch },
    });
    expect((await requestTicket(app, bearer(await idp.sign({})))).status).toBe(201);
    vi.setSystemTime(Date.now() + 31_000); // past jose's cooldown: an unknown kid refetches
    idp.mode = 'down';
    for (let i = 0; i < 20; i++) await requestTicket(app, bearer(await forged(i)));
    expect(outbound.urls.filter((url) => url === idp.jwksUri)).toHaveLength(2);
    expect((await requestTicket(app, bearer(await idp.sign({ sub: 'still-fine' })))).status).toBe(201);
  });

  describe('an issuer that answers 200 with something else', () => {
    let server: Server;
    let origin: string;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        hits++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.url === '/jwks' ? '{"keys":"none"}' : '<html>maintenance</html>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.each([
      ['a discovery document that is not JSON', () => ({ issuer: origin, audience: TEST_AUDIENCE })],
      [
        'a JWKS without a key list',
        () => ({ issuer: origin, audience: TEST_AUDIENCE, jwksUri: `${origin}/jwks` }),
      ],
    ])('%s counts as a failure, remembered', async (_name, entry) => {
      const { app } = createTestApp({ issuers: [entry()] });
      const before = hits;
      const token = (i: number) =>
        new SignJWT({ sub: 'u' })
          .setProtectedHeader({ alg: 'RS256', kid: `k${i}` })
          .setIssuer(origin)
          .setAudience(TEST_AUDIENCE)
          .setExpirationTime('5m')
          .sign(forger);
      const responses = [];
      for (let i = 0; i < 50; i++) responses.push(await requestTicket(app, bearer(await token(i))));
      expect(await codes(responses)).toEqual(['503 ERR_ISSUER_UNAVAILABLE']);
      expect(hits - before).toBe(1);
    });
  });

  describe('createIssuerKeys()', () => {
    const entry = () => ({ issuer: idp.issuer, audience: TEST_AUDIENCE });

    it('remembers nothing with failureCooldownMs: 0', async () => {
      const outbound = countingFetch();
      const keys = createIssuerKeys({
        timeoutMs: 500,
        cooldownMs: 30_000,
        failureCooldownMs: 0,
        fetch: outbound.fetch,
      });
      idp.mode = 'down';
      for (let i = 0; i < 3; i++)
        await expect(keys(entry())).rejects.toMatchObject({ code: 'ERR_ISSUER_UNAVAILABLE' });
      expect(outbound.urls).toHaveLength(3);
    });

    it('does not hold a failed prefetch against the first request', async () => {
      const outbound = countingFetch();
      const keys = createIssuerKeys({ timeoutMs: 500, cooldownMs: 30_000, fetch: outbound.fetch });
      idp.mode = 'down';
      await expect(keys.prefetch(entry())).rejects.toMatchObject({ code: 'ERR_ISSUER_UNAVAILABLE' });
      idp.mode = 'ok';
      await expect((await keys(entry())).reload()).resolves.toBeUndefined();
      expect(outbound.urls).toHaveLength(3);
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
      'refuses failureCooldownMs %s with a TypeError',
      (value) => {
        expect(() => createIssuerKeys({ timeoutMs: 500, cooldownMs: 0, failureCooldownMs: value })).toThrow(
          /failureCooldownMs/,
        );
      },
    );
  });
});
