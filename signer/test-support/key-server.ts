/**
 * A real HTTP issuer for tests and benchmarks: OIDC discovery and a JWKS on 127.0.0.1, with
 * switches to make it slow, failing or rotated, a count of JWKS fetches, its public key as PEM (for
 * verifiers that take a key rather than discovery) and tokens for any number of users.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export type TestIssuerAlgorithm = 'RS256' | 'ES256';

export interface TestIssuerOptions {
  /** Algorithm of its keys and default of its tokens; default `'RS256'`. */
  alg?: TestIssuerAlgorithm;
}

export interface TestIssuer {
  /** The `iss` of its tokens; discovery lives under it. */
  issuer: string;
  alg: TestIssuerAlgorithm;
  jwksUri: string;
  /** How many times the JWKS was fetched. */
  jwksFetches: number;
  /** 'ok', 'down' (500), 'slow' (answers after `slowMs`). */
  mode: 'ok' | 'down' | 'slow';
  slowMs: number;
  /** Signs a token with the published key (or `key`), defaults filled in. */
  sign(
    payload: JWTPayload,
    options?: { kid?: string; key?: CryptoKey; alg?: string; expiresIn?: string; noExp?: boolean },
  ): Promise<string>;
  /** One token per user (`sub` user-0, user-1, …), signed with the published key. */
  tokens(users: number, options?: { expiresIn?: string }): Promise<string[]>;
  /** Adds a new key to the published set and returns its private key. */
  rotate(kid: string): Promise<CryptoKey>;
  /** The first published key, as a `CryptoKey` and as SPKI PEM. */
  publicKey: CryptoKey;
  publicKeyPem: string;
  close(): Promise<void>;
}

/**
 * Starts an issuer on a free port of 127.0.0.1 with one published key (`kid` `key-1`).
 *
 * @param audience The `aud` of its tokens unless a payload sets one.
 * @example
 * const idp = await startTestIssuer('https://signer.bench', { alg: 'ES256' });
 * const tokens = await idp.tokens(100);
 * await idp.close();
 */
export async function startTestIssuer(
  audience: string,
  { alg = 'RS256' }: TestIssuerOptions = {},
): Promise<TestIssuer> {
  const keys: { kid: string; jwk: object }[] = [];
  const privateKeys = new Map<string, CryptoKey>();
  const addKey = async (kid: string) => {
    const pair = await generateKeyPair(alg, { extractable: true });
    keys.push({ kid, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } });
    privateKeys.set(kid, pair.privateKey);
    return pair;
  };
  const first = await addKey('key-1');

  const server = createServer((req, res) => {
    const send = () => {
      if (state.mode === 'down') return res.writeHead(500).end();
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ issuer: state.issuer, jwks_uri: state.jwksUri }));
      }
      if (req.url === '/jwks') {
        state.jwksFetches++;
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
      }
      res.writeHead(404).end();
    };
    if (state.mode === 'slow') setTimeout(send, state.slowMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const state: TestIssuer = {
    issuer: origin,
    alg,
    jwksUri: `${origin}/jwks`,
    jwksFetches: 0,
    mode: 'ok',
    slowMs: 2000,
    publicKey: first.publicKey,
    publicKeyPem: await exportSPKI(first.publicKey),
    async sign(payload, options = {}) {
      const kid = options.kid ?? 'key-1';
      const jwt = new SignJWT({ sub: 'user-1', ...payload })
        .setProtectedHeader({ alg: options.alg ?? alg, kid })
        .setIssuedAt()
        .setIssuer(payload.iss ?? origin)
        .setAudience(payload.aud ?? audience);
      if (payload.exp === undefined && !options.noExp) jwt.setExpirationTime(options.expiresIn ?? '5m');
      return jwt.sign(options.key ?? privateKeys.get(kid) ?? first.privateKey);
    },
    tokens(users, { expiresIn = '1h' } = {}) {
      return Promise.all(
        Array.from({ length: users }, (_, i) => state.sign({ sub: `user-${i}` }, { expiresIn })),
      );
    },
    async rotate(kid) {
      return (await addKey(kid)).privateKey;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
