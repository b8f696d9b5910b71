/**
 * Per-caller token bucket: `burst` requests at once, refilled at `requestsPerMinute`.
 * Memory stays bounded: when the table holds 100,000 callers and a new one comes, the 1,000 seen
 * first are dropped, however full or empty their buckets (a bucket stays where its caller was first
 * seen, not moved on use); a dropped caller starts again with a full bucket.
 */
import { createMiddleware } from 'hono/factory';
import type { AuthVariables } from './auth/bearer-auth.js';
import type { SignerConfig } from './config.js';
import { SignerError } from './signer-error.js';

export interface RateLimiter {
  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number;
}

const MAX_BUCKETS = 100_000;

/** @param now milliseconds clock, injected by tests. */
export function createRateLimiter(
  limits: SignerConfig['rateLimit'],
  now: () => number = Date.now,
): RateLimiter {
  const perMs = limits.requestsPerMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: limits.burst, at: time };
      bucket.tokens = Math.min(limits.burst, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      if (!buckets.has(key)) {
        if (buckets.size >= MAX_BUCKETS) evictOldest(buckets);
        buckets.set(key, bucket);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}

function evictOldest(buckets: Map<string, unknown>): void {
  // Map iteration is insertion order, and a bucket is inserted once: its caller's first request.
  let removed = 0;
  for (const key of buckets.keys()) {
    buckets.delete(key);
    if (++removed >= 1000) break;
  }
}

/** Middleware answering 429 ERR_RATE_LIMITED with `Retry-After` once a caller's bucket is empty. */
export function rateLimit(limiter: RateLimiter) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const wait = limiter.take(c.get('caller').owner);
    if (wait > 0) {
      throw new SignerError('ERR_RATE_LIMITED', 429, `Too many requests; retry in ${wait} s`, {
        'Retry-After': String(wait),
      });
    }
    await next();
  });
}
