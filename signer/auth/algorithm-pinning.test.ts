/**
 * The signer pins each trusted issuer's algorithms itself (`AUTH_ISSUERS[].algorithms`, default
 * RS256), rather than trusting the token's header or the key's `alg`: an issuer configured for
 * PS256 only refuses an RS256 token signed with its own published key, which jose alone would
 * accept (the test issuer's JWK declares `alg: RS256`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../test-support/key-server.js';
import { createTestApp, requestTicket, TEST_AUDIENCE } from '../test-support/test-app.js';

let rsa: TestIssuer;
let ec: TestIssuer;
beforeAll(async () => {
  [rsa, ec] = await Promise.all([
    startTestIssuer(TEST_AUDIENCE),
    startTestIssuer(TEST_AUDIENCE, { alg: 'ES256' }),
  ]);
});
afterAll(() => Promise.all([rsa.close(), ec.close()]));

/** The status and error code of `POST /v1/uploads` with `token`, from an app trusting `issuer`. */
async function answer(issuer: object, token: string): Promise<[number, string]> {
  const { app } = createTestApp({ issuers: [issuer] });
  const response = await requestTicket(app, { authorization: `Bearer ${token}` });
  if (response.status === 201) return [201, 'ticket'];
  return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
}

describe('authentication', () => {
  describe("pins each issuer's algorithms", () => {
    it('refuses an RS256 token, signed with the published key, from an issuer configured for PS256 only', async () => {
      const token = await rsa.sign({ sub: 'pinned' });
      const entry = { issuer: rsa.issuer, audience: TEST_AUDIENCE };
      expect(await answer({ ...entry, algorithms: ['RS256'] }, token)).toEqual([201, 'ticket']);
      expect(await answer({ ...entry, algorithms: ['PS256'] }, token)).toEqual([401, 'ERR_TOKEN_INVALID']);
      expect(await answer({ ...entry, algorithms: ['PS256', 'ES256'] }, token)).toEqual([
        401,
        'ERR_TOKEN_INVALID',
      ]);
    });

    it('allows RS256 only when an issuer names no algorithms: an ES256 token is refused', async () => {
      const token = await ec.sign({ sub: 'pinned' });
      const entry = { issuer: ec.issuer, audience: TEST_AUDIENCE };
      expect(await answer({ ...entry, algorithms: ['ES256'] }, token)).toEqual([201, 'ticket']);
      expect(await answer(entry, token)).toEqual([401, 'ERR_TOKEN_INVALID']);
    });
  });
});
