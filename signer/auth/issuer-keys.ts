/**
 * Key material per trusted issuer: one `createRemoteJWKSet` per issuer, created on first use and
 * kept (jose caches the keys and refetches an unknown `kid` at most once per cooldown after a
 * successful fetch). The JWKS URL comes from OIDC discovery when the config does not give it.
 *
 * jose remembers successes only: while an issuer is down, every token that needs its keys (and
 * anyone can mint one with its `iss` and a made-up `kid`) would fetch again. So a failed discovery
 * or JWKS fetch is remembered here, per URL, for a failure cooldown: until it ends, requests are
 * answered `ERR_ISSUER_UNAVAILABLE` at once, without an outbound fetch, however many arrive.
 */
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { IssuerConfig } from '../../contract/issuer.js';
import { SignerError } from '../signer-error.js';

/** How long a failed discovery or JWKS fetch is remembered unless told otherwise: 30 s. */
export const DEFAULT_FAILURE_COOLDOWN_MS = 30_000;

export interface IssuerKeysOptions {
  /** Timeout of each discovery and JWKS fetch, in milliseconds (`AUTH_JWKS_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Minimum time between JWKS refetches for unknown `kid`s, in milliseconds (`AUTH_JWKS_COOLDOWN_MS`). */
  cooldownMs: number;
  /**
   * How long a failed discovery or JWKS fetch (network error, timeout, an answer other than 2xx,
   * a body that is not the expected JSON document) is remembered, in milliseconds: no fetch of that
   * URL is made until it ends. Default {@link DEFAULT_FAILURE_COOLDOWN_MS}; `0` remembers nothing.
   */
  failureCooldownMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** An issuer's key set: a jose key-set function that can also be reloaded ahead of use. */
export type IssuerKeySet = JWTVerifyGetKey & { reload(): Promise<void> };

/** Resolves the key-set function of an issuer; throws ERR_ISSUER_UNAVAILABLE when unreachable. */
export interface IssuerKeys {
  (issuer: IssuerConfig): Promise<IssuerKeySet>;
  /**
   * Fetches the issuer's discovery document and JWKS now (at start-up). Rejects when it cannot;
   * that failure is not remembered, so the first request tries again.
   */
  prefetch(issuer: IssuerConfig): Promise<void>;
}

interface Failure {
  until: number;
  error: SignerError;
}

/**
 * Creates the per-issuer key cache.
 * @throws {TypeError} When `failureCooldownMs` is not a non-negative finite number.
 */
export function createIssuerKeys(options: IssuerKeysOptions): IssuerKeys {
  const failureCooldownMs = options.failureCooldownMs ?? DEFAULT_FAILURE_COOLDOWN_MS;
  if (!Number.isFinite(failureCooldownMs) || failureCooldownMs < 0) {
    throw new TypeError(
      `Expected a non-negative number of milliseconds for failureCooldownMs but received ${failureCooldownMs}`,
    );
  }
  const keySets = new Map<string, Promise<IssuerKeySet>>();
  // Date.now(), as jose's own cooldown uses: one clock for both.
  const failures = new Map<string, Failure>();
  const fetchJson = guardedFetch(options.fetch ?? fetch, failures, failureCooldownMs);
  // jose reads `status` and `json()` only. Not `new Response()`: on Node that would load undici,
  // which the Node entries' fetch (node-fetch.ts) exists to keep out of the cold start.
  const jwksFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = await fetchJson(String(input), init, isJwkSetLike);
    const answer: Pick<Response, 'status' | 'ok' | 'json'> = {
      status: 200,
      ok: true,
      json: async () => body,
    };
    return answer as Response;
  }) as typeof fetch;

  const keysOf = (issuer: IssuerConfig) => {
    let keySet = keySets.get(issuer.issuer);
    if (!keySet) {
      keySet = resolveJwksUri(issuer, fetchJson, options.timeoutMs).then((uri) =>
        createRemoteJWKSet(new URL(uri), {
          timeoutDuration: options.timeoutMs,
          cooldownDuration: options.cooldownMs,
          [customFetch]: jwksFetch,
        }),
      );
      keySets.set(issuer.issuer, keySet);
      // A failed discovery is not kept as a rejected promise: the failure memory answers instead.
      keySet.catch(() => keySets.delete(issuer.issuer));
    }
    return keySet;
  };
  const prefetch = async (issuer: IssuerConfig) => {
    const before = new Set(failures.keys());
    try {
      await (await keysOf(issuer)).reload();
    } catch (error) {
      for (const url of failures.keys()) if (!before.has(url)) failures.delete(url);
      throw error;
    }
  };
  return Object.assign(keysOf, { prefetch });
}

type FetchJson = (
  url: string,
  init: RequestInit | undefined,
  valid: (body: unknown) => boolean,
) => Promise<unknown>;

async function resolveJwksUri(
  issuer: IssuerConfig,
  fetchJson: FetchJson,
  timeoutMs: number,
): Promise<string> {
  if (issuer.jwksUri) return issuer.jwksUri;
  // OpenID Connect Discovery 1.0 §4: the issuer URL plus /.well-known/openid-configuration.
  const url = `${issuer.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  // §4.3: the discovered issuer must be the configured one.
  const names = (body: unknown): body is { jwks_uri: string } => {
    const metadata = body as { issuer?: unknown; jwks_uri?: unknown } | null;
    return (
      metadata?.issuer === issuer.issuer &&
      typeof metadata.jwks_uri === 'string' &&
      URL.canParse(metadata.jwks_uri)
    );
  };
  const metadata = await fetchJson(url, { signal: AbortSignal.timeout(timeoutMs) }, names);
  return (metadata as { jwks_uri: string }).jwks_uri;
}

/** RFC 7517 §5: a JSON object whose `keys` is an array of objects (jose checks each key itself). */
function isJwkSetLike(body: unknown): boolean {
  const keys = (body as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.every((key) => typeof key === 'object' && key !== null);
}

/**
 * Fetches a JSON document. A network error, a timeout, a non-2xx answer or a body that is not the
 * document expected becomes ERR_ISSUER_UNAVAILABLE, and is remembered for `cooldownMs`: until then,
 * the same URL is answered with that error without fetching.
 */
function guardedFetch(inner: typeof fetch, failures: Map<string, Failure>, cooldownMs: number): FetchJson {
  return async (url, init, valid) => {
    const remembered = failures.get(url);
    if (remembered && Date.now() < remembered.until) throw retryLater(remembered);
    failures.delete(url);
    try {
      const response = await inner(url, init);
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
      const body: unknown = await response.json().catch((cause: unknown) => {
        throw new Error(`The answer of ${new URL(url).host} is not JSON`, { cause });
      });
      if (!valid(body)) throw new Error(`The answer of ${new URL(url).host} is not the expected document`);
      return body;
    } catch (cause) {
      const error = unavailable(url, cause, cooldownMs);
      if (cooldownMs > 0) failures.set(url, { until: Date.now() + cooldownMs, error });
      throw error;
    }
  };
}

/** The remembered failure again, with `Retry-After` saying when the next fetch may be made. */
function retryLater({ until, error }: Failure): SignerError {
  const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  return new SignerError(
    error.code,
    error.status,
    error.message,
    { 'Retry-After': String(seconds) },
    { cause: error.cause },
  );
}

/** `cause` is logged by the app's error handler (describe-failure.ts), never answered. */
function unavailable(url: string, cause: unknown, cooldownMs: number): SignerError {
  const host = URL.canParse(url) ? new URL(url).host : 'the issuer';
  // Asking sooner than the cooldown ends would only meet the remembered failure.
  const retryAfter = cooldownMs > 0 ? Math.ceil(cooldownMs / 1000) : 5;
  return new SignerError(
    'ERR_ISSUER_UNAVAILABLE',
    503,
    `Could not fetch signing keys from ${host}`,
    { 'Retry-After': String(retryAfter) },
    { cause },
  );
}
