/**
 * The verified-token cache (token-cache.ts) keeps a token only until its `exp`: a token the app
 * has already accepted is refused once its time is up, on the same app, with the clock injected.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTestApp, requestTicket, TEST_HS256 } from '../test-support/test-app.js';
import { createTokenCache } from './token-cache.js';

const NOW = 1_800_000_000; // 2027-01-15, seconds
const TOLERANCE = 30; // AUTH_CLOCK_TOLERANCE_SECONDS' default

/** An HS256 token of the custom login, issued at `NOW`, expiring at `exp`. */
const tokenUntil = (exp: number, sub = 'cached-user') =>
  new SignJWT({ sub, exp, iat: NOW })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TEST_HS256.issuer)
    .setAudience(TEST_HS256.audience)
    .sign(new TextEncoder().encode(TEST_HS256.secret));

/** One app whose clock the test moves (`clock.seconds`), and `POST /v1/uploads` with a token. */
function appWithClock(env: Record<string, string> = {}) {
  const clock = { seconds: NOW };
  const { app } = createTestApp({ env, deps: { now: () => clock.seconds * 1000 } });
  const ask = async (token: string): Promise<[number, string]> => {
    const response = await requestTicket(app, { authorization: `Bearer ${token}` });
    if (response.status === 201) return [201, 'ticket'];
    return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
  };
  return { clock, ask };
}

describe('authentication', () => {
  describe('the verified-token cache', () => {
    it('refuses a token it has accepted once its exp plus the clock tolerance is reached', async () => {
      const { clock, ask } = appWithClock();
      const token = await tokenUntil(NOW + 60);
      expect(await ask(token)).toEqual([201, 'ticket']);
      clock.seconds = NOW + 59;
      expect(await ask(token)).toEqual([201, 'ticket']);
      // Past `exp` but within the tolerance: verified again, and still accepted.
      clock.seconds = NOW + 60 + TOLERANCE - 1;
      expect(await ask(token)).toEqual([201, 'ticket']);
      clock.seconds = NOW + 60 + TOLERANCE;
      expect(await ask(token)).toEqual([401, 'ERR_TOKEN_EXPIRED']);
    });
  });
});

describe('createTokenCache', () => {
  it('returns an entry until its expiry, and nothing from that second on', () => {
    const cache = createTokenCache<string>(10);
    cache.set('t', 'caller', 100);
    expect(cache.get('t', 99)).toBe('caller');
    expect(cache.get('t', 100)).toBeUndefined();
    // An expired entry is dropped (its memory freed), even if the clock then steps back.
    expect(cache.get('t', 99)).toBeUndefined();
  });

  it('drops the least recently used entry when full', () => {
    const cache = createTokenCache<string>(2);
    cache.set('a', 'A', 100);
    cache.set('b', 'B', 100);
    expect(cache.get('a', 0)).toBe('A'); // `a` is now the most recently used
    cache.set('c', 'C', 100);
    expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual(['A', undefined, 'C']);
  });

  it('keeps nothing when its size is 0 (AUTH_TOKEN_CACHE_SIZE=0)', () => {
    const cache = createTokenCache<string>(0);
    cache.set('a', 'A', 100);
    expect(cache.get('a', 0)).toBeUndefined();
  });
});
