/**
 * Rate limits. Tokens count what costs money: `POST /v1/uploads` takes one per file it signs (in
 * routes/uploads.ts, once the body is read), every other request one. Per owner, in a token bucket
 * that is in-process ({@link createRateLimiter}) or, with `QUOTA_TABLE`, shared by every instance
 * ({@link createSharedRateLimiter}). Requests without a valid token are limited per client IP,
 * in-process ({@link badTokenLimit}), before their token is verified.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { SharedTokenBucket } from '../quota/index.js';
import type { AuthVariables } from './auth/bearer-auth.js';
import type { SignerConfig } from './config.js';
import { SignerError } from './signer-error.js';

export interface RateLimiter {
  /** Takes `cost` tokens (default 1, at most the burst); resolves to 0 when allowed, else the seconds to wait. */
  take(key: string, cost?: number): number | Promise<number>;
}

/** An in-process limiter, which can also tell whether a key's bucket is empty without taking. */
export interface LocalRateLimiter extends RateLimiter {
  take(key: string, cost?: number): number;
  /** The seconds until one token is there (0: there is one now); takes nothing. */
  wait(key: string): number;
}

const MAX_BUCKETS = 100_000;

/**
 * Per-key token bucket in this process: `burst` tokens at once, refilled at `requestsPerMinute`.
 * Memory stays bounded: when the table holds 100,000 keys and a new one comes, the 1,000 seen
 * first are dropped, however full or empty their buckets (a bucket stays where its key was first
 * seen, not moved on use); a dropped key starts again with a full bucket.
 * @param now milliseconds clock, injected by tests.
 */
export function createRateLimiter(
  limits: SignerConfig['rateLimit'],
  now: () => number = Date.now,
): LocalRateLimiter {
  const perMs = limits.requestsPerMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (key: string) => {
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: limits.burst, at: time };
    bucket.tokens = Math.min(limits.burst, bucket.tokens + (time - bucket.at) * perMs);
    bucket.at = time;
    return bucket;
  };
  const waitFor = (tokens: number, needed: number) =>
    tokens >= needed ? 0 : Math.max(1, Math.ceil((needed - tokens) / perMs / 1000));
  return {
    take(key, cost = 1) {
      const needed = Math.min(Math.max(1, cost), limits.burst);
      const bucket = refill(key);
      if (!buckets.has(key)) {
        if (buckets.size >= MAX_BUCKETS) evictOldest(buckets);
        buckets.set(key, bucket);
      }
      const wait = waitFor(bucket.tokens, needed);
      if (wait === 0) bucket.tokens -= needed;
      return wait;
    },
    wait(key) {
      return buckets.has(key) ? waitFor(refill(key).tokens, 1) : 0;
    },
  };
}

function evictOldest(buckets: Map<string, unknown>): void {
  // Map iteration is insertion order, and a bucket is inserted once: its key's first request.
  let removed = 0;
  for (const key of buckets.keys()) {
    buckets.delete(key);
    if (++removed >= 1000) break;
  }
}

/**
 * The bucket in the quota table (quota/shared-token-bucket.ts), one conditional update per request.
 * While the table cannot be reached, requests are limited by `fallback` (in-process) rather than
 * refused: the limit protects the service, and refusing everything would be the outage it guards
 * against. Each failure is reported to `logError`.
 */
export function createSharedRateLimiter(
  shared: SharedTokenBucket,
  fallback: RateLimiter,
  logError: (message: string, error: unknown) => void,
): RateLimiter {
  return {
    async take(key, cost) {
      try {
        return await shared.take(key, cost);
      } catch (error) {
        logError(
          `[signer] the shared rate limit is unreachable; limiting in-process: ${String(error)}`,
          error,
        );
        return fallback.take(key, cost);
      }
    },
  };
}

/**
 * Takes `cost` tokens for `key`.
 * @throws {SignerError} 429 ERR_RATE_LIMITED with `Retry-After` when the bucket has too few
 */
export async function takeTokens(limiter: RateLimiter, key: string, cost = 1): Promise<void> {
  const wait = await limiter.take(key, cost);
  if (wait > 0) {
    throw new SignerError('ERR_RATE_LIMITED', 429, `Too many requests; retry in ${wait} s`, {
      'Retry-After': String(wait),
    });
  }
}

/**
 * Middleware taking one token of the caller's (after `bearerAuth`) for each request, except those
 * `except` names (they take their own: `POST /v1/uploads`, one per file).
 */
export function rateLimit(limiter: RateLimiter, except: (c: Context) => boolean = () => false) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    if (!except(c)) await takeTokens(limiter, c.get('caller').owner);
    await next();
  });
}

/**
 * The client's IP as the host saw the connection: Node's socket (`@hono/node-server` passes the
 * request as `env.incoming`), or API Gateway's / a Function URL's `requestContext` (hono/aws-lambda).
 * Never a header: any client can send `X-Forwarded-For`.
 */
export function clientIp(c: Context): string | undefined {
  type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };
  const env = c.env as
    | (NodeBindings & {
        // @hono/node-server nests its bindings under `server` when an app adds its own.
        server?: NodeBindings;
        requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
      })
    | undefined;
  return (
    (env?.server ?? env)?.incoming?.socket?.remoteAddress ??
    env?.requestContext?.http?.sourceIp ??
    env?.requestContext?.identity?.sourceIp
  );
}

/**
 * Middleware in front of `bearerAuth`: every `401` (token missing, invalid or expired) takes a
 * token from the client IP's bucket, and an IP whose bucket is empty is answered `429` before its
 * token is verified, so bad tokens cannot make the signer verify (or fetch keys) without end.
 * Requests whose IP is unknown (no connection info on this runtime) are not limited here.
 */
export function badTokenLimit(
  limiter: LocalRateLimiter,
  ipOf: (c: Context) => string | undefined = clientIp,
) {
  return createMiddleware(async (c, next) => {
    const ip = ipOf(c);
    if (ip !== undefined) {
      const wait = limiter.wait(ip);
      if (wait > 0) {
        throw new SignerError(
          'ERR_RATE_LIMITED',
          429,
          `Too many requests without a valid token; retry in ${wait} s`,
          {
            'Retry-After': String(wait),
          },
        );
      }
    }
    await next();
    if (ip !== undefined && c.res.status === 401) limiter.take(ip);
  });
}
