/**
 * Key material per trusted issuer: one `createRemoteJWKSet` per issuer, created on first use and
 * kept (jose caches the keys and refetches an unknown `kid` at most once per cooldown).
 * The JWKS URL comes from OIDC discovery when the config does not give it.
 */
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { IssuerConfig } from '../../contract/issuer.js';
import { SignerError } from '../signer-error.js';

export interface IssuerKeysOptions {
  timeoutMs: number;
  cooldownMs: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** An issuer's key set: a jose key-set function that can also be reloaded ahead of use. */
export type IssuerKeySet = JWTVerifyGetKey & { reload(): Promise<void> };

/** Resolves the key-set function of an issuer; throws ERR_ISSUER_UNAVAILABLE when unreachable. */
export type IssuerKeys = (issuer: IssuerConfig) => Promise<IssuerKeySet>;

/** Creates the per-issuer key cache. */
export function createIssuerKeys(options: IssuerKeysOptions): IssuerKeys {
  const keySets = new Map<string, Promise<IssuerKeySet>>();
  const fetchOrUnavailable = guardedFetch(options.fetch ?? fetch);

  return (issuer) => {
    let keySet = keySets.get(issuer.issuer);
    if (!keySet) {
      keySet = resolveJwksUri(issuer, fetchOrUnavailable, options.timeoutMs).then((uri) =>
        createRemoteJWKSet(new URL(uri), {
          timeoutDuration: options.timeoutMs,
          cooldownDuration: options.cooldownMs,
          [customFetch]: fetchOrUnavailable,
        }),
      );
      keySets.set(issuer.issuer, keySet);
      // A failed discovery is not cached: the next request tries again.
      keySet.catch(() => keySets.delete(issuer.issuer));
    }
    return keySet;
  };
}

async function resolveJwksUri(
  issuer: IssuerConfig,
  fetchJson: typeof fetch,
  timeoutMs: number,
): Promise<string> {
  if (issuer.jwksUri) return issuer.jwksUri;
  // OpenID Connect Discovery 1.0 §4: the issuer URL plus /.well-known/openid-configuration.
  const url = `${issuer.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetchJson(url, { signal: AbortSignal.timeout(timeoutMs) });
  const metadata = (await response.json().catch(() => undefined)) as
    { issuer?: unknown; jwks_uri?: unknown } | undefined;
  // §4.3: the discovered issuer must be the configured one.
  if (
    metadata?.issuer !== issuer.issuer ||
    typeof metadata.jwks_uri !== 'string' ||
    !URL.canParse(metadata.jwks_uri)
  ) {
    throw unavailable(
      issuer.issuer,
      new Error('The discovery document does not name this issuer and a jwks_uri'),
    );
  }
  return metadata.jwks_uri;
}

/** A fetch that turns network errors, timeouts and non-2xx answers into ERR_ISSUER_UNAVAILABLE. */
function guardedFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      throw unavailable(url, error);
    }
    if (!response.ok) throw unavailable(url, new Error(`HTTP ${response.status} from ${new URL(url).host}`));
    return response;
  };
}

/** `cause` is logged by the app's error handler (describe-failure.ts), never answered. */
function unavailable(what: string, cause: unknown): SignerError {
  const host = URL.canParse(what) ? new URL(what).host : 'the issuer';
  return new SignerError(
    'ERR_ISSUER_UNAVAILABLE',
    503,
    `Could not fetch signing keys from ${host}`,
    { 'Retry-After': '5' },
    { cause },
  );
}
