/**
 * Verifies a bearer token against the trusted issuers and returns who the caller is.
 *
 * The issuer entry is picked by the unverified `iss`; verification then pins that entry's
 * algorithms, issuer and audience, requires `sub` and `exp` (jose accepts a token without `exp`
 * unless told), and allows a small clock skew. Library errors are mapped by their `code`.
 *
 * The time claims are checked before any key is fetched: `exp`, `nbf` and `iat`, when present,
 * must be NumericDates a clock can reach (finite, from 1970 to 9999: JSON's `1e400` parses as
 * Infinity, which jose would take for a token that never expires), and `iat` must not be later
 * than now plus the clock tolerance (jose checks `iat` only with `maxTokenAge`).
 */
import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { SignerConfig } from '../config.js';
import { SignerError, unauthorized } from '../signer-error.js';
import { createIssuerKeys, type IssuerKeysOptions } from './issuer-keys.js';
import { createOwnerId } from './owner-id.js';
import { createTokenCache } from './token-cache.js';

/** Who is calling, derived from a verified token. */
export interface Caller {
  /** Opaque, URL-safe owner segment used in object keys. */
  owner: string;
  issuer: string;
  subject: string;
}

export type TokenVerifier = (token: string) => Promise<Caller>;

/** A verifier that can also fetch its issuers' keys ahead of the first request. */
export interface PrefetchingTokenVerifier extends TokenVerifier {
  /**
   * Fetches every configured issuer's discovery document and JWKS now. Never rejects: resolves
   * with the issuers that could not be reached (their keys are fetched again on first use).
   */
  prefetchKeys(): Promise<{ issuer: string; error: unknown }[]>;
}

export interface TokenVerifierOptions {
  fetch?: IssuerKeysOptions['fetch'];
  /** How long a failed discovery or JWKS fetch is remembered; see {@link IssuerKeysOptions}. */
  issuerFailureCooldownMs?: IssuerKeysOptions['failureCooldownMs'];
  /** Seconds since the epoch; injected by tests. */
  now?: () => number;
}

/** The last second of year 9999 (RFC 3339 §5.6 ends there): a later NumericDate is no date. */
export const MAX_NUMERIC_DATE = 253_402_300_799;

/** Tokens longer than this are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 8 * 1024;

/** Creates the verifier for a configuration. */
export function createTokenVerifier(
  auth: SignerConfig['auth'],
  options: TokenVerifierOptions = {},
): PrefetchingTokenVerifier {
  const now = options.now ?? (() => Date.now() / 1000);
  const keysOf = createIssuerKeys({
    timeoutMs: auth.jwksTimeoutMs,
    cooldownMs: auth.jwksCooldownMs,
    failureCooldownMs: options.issuerFailureCooldownMs ?? auth.issuerFailureCooldownMs,
    fetch: options.fetch,
  });
  const issuers = new Map(auth.issuers.map((entry) => [entry.issuer, entry]));
  const shared = auth.sharedSecret;
  const sharedKey = shared && new TextEncoder().encode(shared.secret);
  const cache = createTokenCache<Caller>(auth.tokenCacheSize);
  const ownerId = createOwnerId(auth.ownerIdSecret);

  const verify: TokenVerifier = async (token) => {
    if (token.length > MAX_TOKEN_LENGTH) throw unauthorized('ERR_TOKEN_INVALID', 'Token is too large');
    const currentTime = now();
    const cached = cache.get(token, currentTime);
    if (cached) return cached;

    const iss = unverifiedIssuer(token, currentTime, auth.clockToleranceSeconds);
    const common = {
      currentDate: new Date(currentTime * 1000),
      clockTolerance: auth.clockToleranceSeconds,
      requiredClaims: ['sub', 'exp'],
    };
    let payload: JWTPayload;
    try {
      if (shared && sharedKey && iss === shared.issuer) {
        ({ payload } = await jwtVerify(token, sharedKey, {
          ...common,
          issuer: shared.issuer,
          audience: shared.audience,
          algorithms: ['HS256'],
        }));
      } else {
        const entry = iss === undefined ? undefined : issuers.get(iss);
        if (!entry) throw unauthorized('ERR_TOKEN_INVALID', 'Token issuer is not trusted');
        const keys: JWTVerifyGetKey = await keysOf(entry);
        ({ payload } = await jwtVerify(token, keys, {
          ...common,
          issuer: entry.issuer,
          audience: entry.audience,
          algorithms: entry.algorithms ?? ['RS256'],
        }));
      }
    } catch (error) {
      throw toSignerError(error);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw unauthorized('ERR_TOKEN_INVALID', 'Token subject is missing');
    }
    const caller: Caller = {
      owner: ownerId(payload.iss!, payload.sub),
      issuer: payload.iss!,
      subject: payload.sub,
    };
    // Until `exp` itself: within the tolerance after it, the token is verified again (and accepted).
    cache.set(token, caller, payload.exp!);
    return caller;
  };
  const prefetchKeys = async () => {
    const results = await Promise.allSettled(auth.issuers.map((entry) => keysOf.prefetch(entry)));
    return results.flatMap((result, i) =>
      result.status === 'rejected'
        ? [{ issuer: auth.issuers[i]!.issuer, error: result.reason as unknown }]
        : [],
    );
  };
  return Object.assign(verify, { prefetchKeys });
}

/**
 * The `iss` of a token not yet verified, after its time claims are checked: a token refused for
 * them is refused whatever its signature, so no key is fetched for it.
 */
function unverifiedIssuer(token: string, now: number, toleranceSeconds: number): string | undefined {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    throw unauthorized('ERR_TOKEN_INVALID', 'Token is not a well-formed JWT');
  }
  const problem = checkTimeClaims(payload, now, toleranceSeconds);
  if (problem) throw unauthorized('ERR_TOKEN_INVALID', problem);
  return typeof payload.iss === 'string' ? payload.iss : undefined;
}

/**
 * jose's errors as the signer's. A key set that cannot be fetched, times out or is malformed never
 * reaches here as a JOSEError: issuer-keys.ts's fetch answers ERR_ISSUER_UNAVAILABLE (a SignerError)
 * for each of those before jose sees a body, and remembers it for the cooldown.
 */
function toSignerError(error: unknown): SignerError {
  if (error instanceof SignerError) return error;
  if (!(error instanceof errors.JOSEError)) throw error;
  return error.code === 'ERR_JWT_EXPIRED'
    ? unauthorized('ERR_TOKEN_EXPIRED', 'Token has expired')
    : unauthorized('ERR_TOKEN_INVALID', 'Token is invalid');
}

/**
 * Why a token's time claims are unusable, or `undefined` when they are fine. RFC 7519 §4.1.4–6:
 * `exp`, `nbf` and `iat` are NumericDates, seconds since 1970; anything non-finite, negative or past
 * {@link MAX_NUMERIC_DATE} is refused, and so is an `iat` later than `now` plus the tolerance.
 */
function checkTimeClaims(payload: JWTPayload, now: number, toleranceSeconds: number): string | undefined {
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value: unknown = payload[claim];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_NUMERIC_DATE) {
      return `Token ${claim} is not a usable date`;
    }
  }
  if (payload.iat !== undefined && payload.iat > now + toleranceSeconds)
    return 'Token was issued in the future';
  return undefined;
}
