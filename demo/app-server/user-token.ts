/**
 * Who is asking for `GET /api/my/events`: the user's access token (the same one the page sends to
 * the signer), verified with jose against the issuer's published keys (OIDC discovery → JWKS),
 * pinned to the issuer, the audience and public-key algorithms, with `sub` and `exp` required.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** The verified caller. */
export interface TokenUser {
  iss: string;
  sub: string;
  /** When the token expires (epoch seconds): a stream opened with it ends then. */
  exp: number;
}

/** Options of {@link createUserTokenVerifier}. */
export interface UserTokenOptions {
  /** The OpenID issuer, exactly as the tokens' `iss` says. */
  issuer: string;
  /** The tokens' `aud` (the local stack's access tokens name the signer). */
  audience: string | string[];
  /** Allowed clock skew in seconds (default 30). */
  clockToleranceSeconds?: number;
}

/** Resolves the caller, or rejects (jose's errors) when the token is not acceptable. */
export type UserTokenVerifier = (token: string) => Promise<TokenUser>;

/** Public-key algorithms only: a symmetric one would let anyone holding the key set sign tokens. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Creates the verifier. The issuer's discovery document is fetched on first use (and again after a
 * failure); jose caches the key set and refetches it for an unknown `kid`.
 */
export function createUserTokenVerifier(options: UserTokenOptions): UserTokenVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = () => {
    keys ??= discoverJwks(options.issuer).then((uri) => createRemoteJWKSet(new URL(uri)));
    keys.catch(() => (keys = undefined));
    return keys;
  };
  return async (token) => {
    const { payload } = await jwtVerify(token, await keySet(), {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: options.clockToleranceSeconds ?? 30,
    });
    return { iss: payload.iss!, sub: payload.sub!, exp: payload.exp! };
  };
}

async function discoverJwks(issuer: string): Promise<string> {
  // OpenID Connect Discovery 1.0 §4: the document lives under the issuer, whose `issuer` must match.
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`OpenID discovery at ${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer || typeof document.jwks_uri !== 'string') {
    throw new Error(`OpenID discovery at ${url} does not describe ${issuer}`);
  }
  return document.jwks_uri;
}
