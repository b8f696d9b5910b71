/**
 * A local OIDC issuer for the benchmarks: discovery and a JWKS on 127.0.0.1, one key per
 * algorithm, and tokens for a number of distinct users, so the signer verifies exactly as in
 * production (keys fetched once by discovery) and a competitor can check the same tokens with
 * the public key as PEM.
 */
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type BenchAlgorithm = 'RS256' | 'ES256';

export interface BenchIssuer {
  alg: BenchAlgorithm;
  /** The `iss` of its tokens; discovery lives under it. */
  url: string;
  publicKeyPem: string;
  /** One token per user (`sub` user-0, user-1, …), valid for an hour. */
  tokens: string[];
}

export const BENCH_AUDIENCE = 'https://signer.bench';

/** Serves one issuer per algorithm at `{origin}/{alg}`; `close()` stops the server. */
export async function startBenchIssuers<A extends BenchAlgorithm>(
  algorithms: readonly A[],
  users: number,
): Promise<{ issuers: Record<A, BenchIssuer>; close(): void }> {
  const jwks = new Map<string, object>();
  const server = createServer((req, res) => {
    const [, alg, path] = /^\/(RS256|ES256)(\/jwks)?/.exec(req.url ?? '') ?? [];
    const keys = alg && jwks.get(alg);
    if (!keys) return void res.writeHead(404).end();
    const url = `${origin}/${alg}`;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(path ? keys : { issuer: url, jwks_uri: `${url}/jwks` }));
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const issuers = {} as Record<A, BenchIssuer>;
  for (const alg of algorithms) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const url = `${origin}/${alg}`;
    jwks.set(alg, { keys: [{ ...(await exportJWK(publicKey)), kid: alg, alg, use: 'sig' }] });
    const tokens = await Promise.all(
      Array.from({ length: users }, (_, i) =>
        new SignJWT({ sub: `user-${i}` })
          .setProtectedHeader({ alg, kid: alg })
          .setIssuer(url)
          .setAudience(BENCH_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey),
      ),
    );
    issuers[alg] = { alg, url, publicKeyPem: await exportSPKI(publicKey), tokens };
  }
  return { issuers, close: () => server.close() };
}
