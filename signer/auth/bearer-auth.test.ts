import { SignJWT, UnsecuredJWT, exportSPKI } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../test-support/key-server.js';
import {
  createTestApp,
  customLoginToken,
  requestTicket,
  TEST_AUDIENCE,
  TEST_HS256,
} from '../test-support/test-app.js';
import { MAX_TOKEN_LENGTH } from './token-verifier.js';

let idp: TestIssuer;
beforeAll(async () => {
  idp = await startTestIssuer(TEST_AUDIENCE);
});
afterAll(() => idp.close());
afterEach(() => {
  idp.mode = 'ok';
  vi.useRealTimers();
});

const discovered = () => [{ issuer: idp.issuer, audience: TEST_AUDIENCE }];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  if (status === 401) expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  return body;
}

describe('authentication', () => {
  describe('accepts', () => {
    it('a token from a discovered OIDC issuer', async () => {
      const { app } = createTestApp({ issuers: discovered() });
      const response = await requestTicket(app, bearer(await idp.sign({})));
      expect(response.status).toBe(201);
    });

    it('an HS256 token from the shared-secret custom login', async () => {
      const { app } = createTestApp();
      const token = await new SignJWT({ sub: 'site-user-7' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(TEST_HS256.issuer)
        .setAudience(TEST_HS256.audience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(TEST_HS256.secret));
      expect((await requestTicket(app, bearer(token))).status).toBe(201);
    });

    it('the same token again without fetching keys again (verified-token cache)', async () => {
      const { app } = createTestApp({ issuers: discovered() });
      const token = await idp.sign({ sub: 'cache-user' });
      expect((await requestTicket(app, bearer(token))).status).toBe(201);
      const fetches = idp.jwksFetches;
      idp.mode = 'down';
      expect((await requestTicket(app, bearer(token))).status).toBe(201);
      expect(idp.jwksFetches).toBe(fetches);
    });
  });

  describe('reads the header as RFC 6750 §2.1 writes it', () => {
    it('with the scheme in any case and one or more spaces after it', async () => {
      const { app } = createTestApp();
      for (const scheme of ['bearer ', 'BEARER ', 'Bearer   ']) {
        const response = await requestTicket(app, {
          authorization: `${scheme}${await customLoginToken('u')}`,
        });
        expect(response.status, scheme).toBe(201);
      }
    });

    it('up to the largest token, whatever the spaces before it', async () => {
      const { app } = createTestApp();
      // An HS256 token of exactly MAX_TOKEN_LENGTH characters (base64url: 4 characters per 3 bytes).
      let token = '';
      for (let pad = 6000; token.length !== MAX_TOKEN_LENGTH; pad++) {
        token = await new SignJWT({ sub: 'u', pad: 'p'.repeat(pad) })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(TEST_HS256.issuer)
          .setAudience(TEST_HS256.audience)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(TEST_HS256.secret));
        expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
      }
      // The header check allows 16 characters for the scheme and its spaces: exactly that passes.
      const authorization = `Bearer${' '.repeat(10)}${token}`;
      expect(authorization).toHaveLength(MAX_TOKEN_LENGTH + 16);
      expect((await requestTicket(app, { authorization })).status).toBe(201);
      await expectRefused(
        await requestTicket(app, { authorization: `Bearer${' '.repeat(11)}${token}` }),
        401,
        'ERR_TOKEN_INVALID',
      );
      // Anything longer is refused as too large before the header is parsed, JWT or not.
      await expectRefused(
        await requestTicket(app, { authorization: `Bearer ${'x'.repeat(MAX_TOKEN_LENGTH + 10)}` }),
        401,
        'ERR_TOKEN_INVALID',
      );
    });
  });

  describe('prefetchKeys() (called by the Node and Lambda entries at start-up)', () => {
    it('fetches discovery and the JWKS before the first request, which then fetches nothing', async () => {
      const { app } = createTestApp({ issuers: discovered() });
      const fetches = idp.jwksFetches;
      await app.prefetchKeys();
      expect(idp.jwksFetches).toBe(fetches + 1);
      idp.mode = 'down';
      expect((await requestTicket(app, bearer(await idp.sign({ sub: 'first-caller' })))).status).toBe(201);
    });

    it('resolves and logs when an issuer is down; its keys are fetched on first use', async () => {
      const { app, errors } = createTestApp({ issuers: discovered() });
      idp.mode = 'down';
      await expect(app.prefetchKeys()).resolves.toBeUndefined();
      expect(errors).toHaveLength(1);
      idp.mode = 'ok';
      expect((await requestTicket(app, bearer(await idp.sign({})))).status).toBe(201);
    });
  });

  describe('refuses with ERR_TOKEN_MISSING', () => {
    it.each([
      ['no Authorization header', {}],
      ['an empty Bearer', { authorization: 'Bearer ' }],
      ['a token that is not a JWT', { authorization: 'Bearer abc' }],
    ])('%s', async (_name, headers) => {
      const { app } = createTestApp({ issuers: discovered() });
      await expectRefused(await requestTicket(app, headers), 401, 'ERR_TOKEN_MISSING');
    });

    it('text before or after the token', async () => {
      const { app } = createTestApp({ issuers: discovered() });
      const token = await idp.sign({});
      for (const authorization of [`Basic Bearer ${token}`, `Bearer ${token} extra`, `Bearer ${token},`]) {
        await expectRefused(await requestTicket(app, { authorization }), 401, 'ERR_TOKEN_MISSING');
      }
    });

    it('a token under another scheme or in another header', async () => {
      const { app } = createTestApp({ issuers: discovered() });
      const token = await idp.sign({});
      const attempts: Record<string, string>[] = [
        { authorization: `Basic ${token}` },
        { authorization: `Token ${token}` },
        { 'x-auth-token': token },
      ];
      for (const headers of attempts) {
        await expectRefused(await requestTicket(app, headers), 401, 'ERR_TOKEN_MISSING');
      }
    });
  });

  describe('AUTH_HEADER (behind CloudFront with OAC)', () => {
    // What OAC sends the origin in Authorization: its own SigV4 signature, never a bearer token.
    const oacSignature = {
      authorization:
        'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/eu-west-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=' +
        'a'.repeat(64),
    };
    const behindCdn = () =>
      createTestApp({ issuers: discovered(), env: { AUTH_HEADER: 'X-Forwarded-Authorization' } });

    it('reads the token from the named header only', async () => {
      const { app } = behindCdn();
      const token = await idp.sign({});
      const response = await requestTicket(app, {
        ...oacSignature,
        'x-forwarded-authorization': `Bearer ${token}`,
      });
      expect(response.status).toBe(201);
    });

    it('refuses a token in Authorization when another header is named', async () => {
      const { app } = behindCdn();
      const token = await idp.sign({});
      await expectRefused(await requestTicket(app, bearer(token)), 401, 'ERR_TOKEN_MISSING');
      await expectRefused(await requestTicket(app, oacSignature), 401, 'ERR_TOKEN_MISSING');
    });

    it('ignores x-forwarded-authorization by default', async () => {
      const { app } = createTestApp({ issuers: discovered() });
      const token = await idp.sign({});
      await expectRefused(
        await requestTicket(app, { 'x-forwarded-authorization': `Bearer ${token}` }),
        401,
        'ERR_TOKEN_MISSING',
      );
    });
  });

  describe('refuses with ERR_TOKEN_INVALID', () => {
    const cases: [string, () => Promise<string>][] = [
      [
        'alg none',
        async () =>
          new UnsecuredJWT({ sub: 'u', iss: idp.issuer, aud: TEST_AUDIENCE })
            .setExpirationTime('5m')
            .encode(),
      ],
      [
        'HS256 signed with the RSA public key',
        async () =>
          new SignJWT({ sub: 'u' })
            .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
            .setIssuer(idp.issuer)
            .setAudience(TEST_AUDIENCE)
            .setExpirationTime('5m')
            .sign(new TextEncoder().encode(await exportSPKI(idp.publicKey))),
      ],
      ['nbf in the future', () => idp.sign({ nbf: Math.floor(Date.now() / 1000) + 3600 })],
      ['a wrong issuer', () => idp.sign({ iss: 'https://evil.example' })],
      ['a wrong audience', () => idp.sign({ aud: 'https://other-api.example' })],
      ['no exp', () => idp.sign({}, { noExp: true })],
      ['no sub', () => idp.sign({ sub: undefined })],
      ['a tampered payload', async () => tamper(await idp.sign({ sub: 'alice' }), 1, { sub: 'mallory' })],
      ['a tampered signature', async () => flipLastChar(await idp.sign({}))],
      ['an unknown kid', () => idp.sign({}, { kid: 'never-published' })],
      ['a token over 8 KiB', () => idp.sign({ padding: 'x'.repeat(9000) })],
      [
        'the custom-login issuer with an RS256 token',
        () => idp.sign({ iss: TEST_HS256.issuer, aud: TEST_HS256.audience }),
      ],
    ];
    it.each(cases)('%s', async (_name, makeToken) => {
      const { app, errors } = createTestApp({ issuers: discovered() });
      const token = await makeToken();
      const body = await expectRefused(await requestTicket(app, bearer(token)), 401, 'ERR_TOKEN_INVALID');
      expect(body.error.message).not.toContain(token.slice(0, 20));
      expect(errors).toEqual([]);
    });

    it('refetches the JWKS for an unknown kid at most once per cooldown', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { app } = createTestApp({ issuers: discovered(), env: { AUTH_JWKS_COOLDOWN_MS: '30000' } });
      expect((await requestTicket(app, bearer(await idp.sign({})))).status).toBe(201);
      const before = idp.jwksFetches;
      await idp.rotate('key-2');
      const rotated = await idp.sign({}, { kid: 'key-2' });
      // Within the cooldown after the first fetch, an unknown kid does not trigger a refetch.
      await expectRefused(await requestTicket(app, bearer(rotated)), 401, 'ERR_TOKEN_INVALID');
      await expectRefused(
        await requestTicket(app, bearer(await idp.sign({}, { kid: 'key-3' }))),
        401,
        'ERR_TOKEN_INVALID',
      );
      expect(idp.jwksFetches).toBe(before);
      // After the cooldown, the new key is fetched once and accepted.
      vi.setSystemTime(Date.now() + 31_000);
      const fresh = await idp.sign({}, { kid: 'key-2', expiresIn: '10m' });
      expect((await requestTicket(app, bearer(fresh))).status).toBe(201);
      expect(idp.jwksFetches).toBe(before + 1);
    });
  });

  it('refuses an expired token with ERR_TOKEN_EXPIRED', async () => {
    const { app } = createTestApp({ issuers: discovered() });
    const token = await idp.sign({ exp: Math.floor(Date.now() / 1000) - 3600 });
    await expectRefused(await requestTicket(app, bearer(token)), 401, 'ERR_TOKEN_EXPIRED');
  });

  describe('answers 503 ERR_ISSUER_UNAVAILABLE, not 401', () => {
    it('when the issuer is down and no key is cached', async () => {
      const { app } = createTestApp({ issuers: discovered() });
      idp.mode = 'down';
      const response = await requestTicket(app, bearer(await idp.sign({})));
      await expectRefused(response, 503, 'ERR_ISSUER_UNAVAILABLE');
      expect(response.headers.get('retry-after')).toBeTruthy();
    });

    it('when the JWKS answers slower than the timeout', async () => {
      const { app } = createTestApp({
        issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE, jwksUri: idp.jwksUri }],
      });
      idp.mode = 'slow';
      idp.slowMs = 1500;
      await expectRefused(
        await requestTicket(app, bearer(await idp.sign({}))),
        503,
        'ERR_ISSUER_UNAVAILABLE',
      );
    });

    it('when nothing listens at the JWKS address', async () => {
      const { app } = createTestApp({
        issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE, jwksUri: 'http://127.0.0.1:9/jwks' }],
      });
      await expectRefused(
        await requestTicket(app, bearer(await idp.sign({}))),
        503,
        'ERR_ISSUER_UNAVAILABLE',
      );
    });
  });
});

function tamper(token: string, part: number, changes: Record<string, unknown>): string {
  const parts = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(parts[part]!, 'base64url').toString()), ...changes };
  parts[part] = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return parts.join('.');
}

function flipLastChar(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}
