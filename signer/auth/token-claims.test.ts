import { CompactSign, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignerError } from '../signer-error.js';
import { startTestIssuer, type TestIssuer } from '../test-support/key-server.js';
import { createTestApp, requestTicket, TEST_AUDIENCE, TEST_HS256 } from '../test-support/test-app.js';
import { createTokenVerifier, MAX_NUMERIC_DATE, MAX_TOKEN_LENGTH } from './token-verifier.js';

let idp: TestIssuer;
let claimsKey: CryptoKey;
beforeAll(async () => {
  idp = await startTestIssuer(TEST_AUDIENCE);
  claimsKey = await idp.rotate('claims-key');
});
afterAll(() => idp.close());
afterEach(() => {
  idp.mode = 'ok';
  vi.useRealTimers();
});

const NOW = 1_800_000_000; // 2027-01-15, seconds
const TOLERANCE = 30; // AUTH_CLOCK_TOLERANCE_SECONDS' default

/**
 * A token of the test issuer, signed with its published key, whose claims are `claims` written into
 * the JSON as given: `"exp": 1e400` is valid JSON that parses as Infinity, and jose's own SignJWT
 * refuses to write it.
 */
function signRaw(claims: Record<string, string | number>): Promise<string> {
  const json = Object.entries({ iss: idp.issuer, aud: TEST_AUDIENCE, sub: 'user-1', ...claims })
    .map(
      ([name, value]) =>
        `${JSON.stringify(name)}:${typeof value === 'number' ? value : JSON.stringify(value)}`,
    )
    .join(',');
  return new CompactSign(new TextEncoder().encode(`{${json}}`))
    .setProtectedHeader({ alg: 'RS256', kid: 'claims-key' })
    .sign(claimsKey);
}
/** The same JSON, written verbatim, for claims JSON.stringify cannot write (1e400). */
function signJson(json: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(json))
    .setProtectedHeader({ alg: 'RS256', kid: 'claims-key' })
    .sign(claimsKey);
}
const base = () =>
  `"iss":${JSON.stringify(idp.issuer)},"aud":${JSON.stringify(TEST_AUDIENCE)},"sub":"user-1"`;

function verifierAt(nowSeconds: () => number) {
  const { config } = createTestApp({ issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }] });
  return createTokenVerifier(config.auth, { now: nowSeconds });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof SignerError) return error.code;
    throw error;
  }
}

describe('token time claims', () => {
  describe('iat, with the clock tolerance', () => {
    it('accepts an iat up to the tolerance ahead of the clock', async () => {
      const verify = verifierAt(() => NOW);
      const token = await signRaw({ iat: NOW + TOLERANCE, exp: NOW + 600 });
      expect(await codeOf(verify(token))).toBe('accepted');
    });

    it.each([
      ['a second past the tolerance', TOLERANCE + 1],
      ['an hour ahead (the issue)', 3600],
    ])('refuses an iat %s with ERR_TOKEN_INVALID', async (_name, ahead) => {
      const verify = verifierAt(() => NOW);
      const token = await signRaw({ iat: NOW + ahead, exp: NOW + 7200 });
      expect(await codeOf(verify(token))).toBe('ERR_TOKEN_INVALID');
    });

    it('refuses it through the app as a 401 with WWW-Authenticate', async () => {
      const { app } = createTestApp({ issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }] });
      const now = Math.floor(Date.now() / 1000);
      const response = await requestTicket(app, {
        authorization: `Bearer ${await signRaw({ iat: now + 3600, exp: now + 7200 })}`,
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ERR_TOKEN_INVALID');
    });
  });

  describe('refuses absurd NumericDates with ERR_TOKEN_INVALID', () => {
    const valid = () => `"iat":${NOW},"exp":${NOW + 600}`;
    it.each([
      ['exp 1e400 (parses as Infinity: never expires)', () => `"iat":${NOW},"exp":1e400`],
      ['exp -1', () => `"iat":${NOW},"exp":-1`],
      ['exp after year 9999', () => `"iat":${NOW},"exp":${MAX_NUMERIC_DATE + 1}`],
      ['exp 1e300', () => `"iat":${NOW},"exp":1e300`],
      ['nbf 1e400', () => `${valid()},"nbf":1e400`],
      ['nbf -1e400 (-Infinity)', () => `${valid()},"nbf":-1e400`],
      ['nbf -5', () => `${valid()},"nbf":-5`],
      ['iat 1e400', () => `"iat":1e400,"exp":${NOW + 600}`],
      ['iat -1', () => `"iat":-1,"exp":${NOW + 600}`],
      ['iat as a string', () => `"iat":"${NOW}","exp":${NOW + 600}`],
    ])('%s', async (_name, claims) => {
      const verify = verifierAt(() => NOW);
      expect(await codeOf(verify(await signJson(`{${base()},${claims()}}`)))).toBe('ERR_TOKEN_INVALID');
    });

    it('accepts the last second of year 9999 as exp', async () => {
      const verify = verifierAt(() => NOW);
      const token = await signJson(`{${base()},"iat":${NOW},"exp":${MAX_NUMERIC_DATE}}`);
      expect(await codeOf(verify(token))).toBe('accepted');
    });

    it('refuses before fetching any key, so forged claims cost no fetch', async () => {
      const verify = verifierAt(() => NOW);
      const fetches = idp.jwksFetches;
      const token = await signJson(`{${base()},"iat":${NOW},"exp":1e400}`);
      expect(await codeOf(verify(token))).toBe('ERR_TOKEN_INVALID');
      expect(idp.jwksFetches).toBe(fetches);
    });

    it('refuses them on the HS256 custom login too', async () => {
      const { config } = createTestApp();
      const verify = createTokenVerifier(config.auth, { now: () => NOW });
      const json = `{"iss":"${TEST_HS256.issuer}","aud":"${TEST_HS256.audience}","sub":"u","exp":1e400}`;
      const token = await new CompactSign(new TextEncoder().encode(json))
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(TEST_HS256.secret));
      expect(await codeOf(verify(token))).toBe('ERR_TOKEN_INVALID');
    });
  });

  it('reads the system clock, in seconds, when no clock is injected', async () => {
    const { config } = createTestApp({ issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }] });
    const verify = createTokenVerifier(config.auth);
    const seconds = Math.floor(Date.now() / 1000);
    expect(await codeOf(verify(await signRaw({ iat: seconds, exp: seconds + 600 })))).toBe('accepted');
    expect(await codeOf(verify(await signRaw({ iat: seconds - 1200, exp: seconds - 600 })))).toBe(
      'ERR_TOKEN_EXPIRED',
    );
  });

  describe('the edges of what is accepted', () => {
    it('accepts 0 as nbf and iat: 1970 is a NumericDate', async () => {
      const verify = verifierAt(() => NOW);
      const token = await signJson(`{${base()},"iat":0,"nbf":0,"exp":${NOW + 600}}`);
      expect(await codeOf(verify(token))).toBe('accepted');
    });

    it('accepts a token of MAX_TOKEN_LENGTH characters and refuses one character more', async () => {
      const verify = verifierAt(() => NOW);
      // base64url writes 3 bytes as 4 characters: a padding claim reaches the length exactly.
      let token = '';
      for (let pad = 5000; token.length !== MAX_TOKEN_LENGTH; pad++) {
        token = await signRaw({ iat: NOW, exp: NOW + 600, pad: 'p'.repeat(pad) });
        expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
      }
      expect(await codeOf(verify(token))).toBe('accepted');
      const fetches = idp.jwksFetches;
      expect(await codeOf(verify(`${token}A`))).toBe('ERR_TOKEN_INVALID');
      // A validly signed token one character longer is refused too, for its length alone.
      let longer = '';
      for (let pad = 6000; longer.length <= MAX_TOKEN_LENGTH; pad++) {
        longer = await signRaw({ iat: NOW, exp: NOW + 600, pad: 'p'.repeat(pad) });
      }
      expect(await codeOf(verify(longer))).toBe('ERR_TOKEN_INVALID');
      expect(idp.jwksFetches, 'refused before any parsing or fetch').toBe(fetches);
    });

    it.each([
      [
        'an empty sub',
        () => `{${base().replace('"sub":"user-1"', '"sub":""')},"iat":${NOW},"exp":${NOW + 600}}`,
      ],
      ['no sub', () => `{${base().replace(',"sub":"user-1"', '')},"iat":${NOW},"exp":${NOW + 600}}`],
      ['no exp', () => `{${base()},"iat":${NOW}}`],
      ['a numeric iss', () => `{"iss":7,"aud":"${TEST_AUDIENCE}","sub":"user-1","exp":${NOW + 600}}`],
    ])('refuses a token with %s as ERR_TOKEN_INVALID', async (_name, json) => {
      const verify = verifierAt(() => NOW);
      expect(await codeOf(verify(await signJson(json())))).toBe('ERR_TOKEN_INVALID');
    });
  });

  describe('the verified-token cache', () => {
    it('serves a token until its exp, then verifies it again', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const verify = verifierAt(() => Date.now() / 1000);
      // jose keeps a fetched JWKS for 10 minutes: past that, verifying again means fetching again,
      // which is how the test sees whether the cache answered.
      const exp = Math.floor(start / 1000) + 11 * 60;
      const token = await signRaw({ iat: Math.floor(start / 1000), exp });
      const fetches = idp.jwksFetches;
      expect(await codeOf(verify(token))).toBe('accepted');
      expect(idp.jwksFetches).toBe(fetches + 1);

      vi.setSystemTime((exp - 5) * 1000);
      expect(await codeOf(verify(token))).toBe('accepted');
      expect(idp.jwksFetches, 'served from the cache before exp').toBe(fetches + 1);

      vi.setSystemTime((exp + 5) * 1000); // past exp, within the clock tolerance
      expect(await codeOf(verify(token))).toBe('accepted');
      expect(idp.jwksFetches, 'verified again after exp').toBe(fetches + 2);

      vi.setSystemTime((exp + TOLERANCE) * 1000);
      expect(await codeOf(verify(token))).toBe('ERR_TOKEN_EXPIRED');
    });
  });
});
