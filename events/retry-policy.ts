/**
 * When to try a webhook again: exponential backoff with full jitter, capped
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). The local queue
 * (webhook-queue.ts) and the notifier Lambda (notifier.ts, through the SQS visibility timeout) use
 * the same policy.
 *
 * With the defaults the n-th retry waits a random time up to 5 s · 6^(n−1), at most 6 h: up to 5 s,
 * 30 s, 3 min, 18 min, 1 h 48 min, then 6 h; 14 attempts spread over about a day (25 h on average,
 * 50 h at the most) before the event is dead-lettered.
 */

/** How often and how patiently a webhook is delivered. */
export interface RetryPolicy {
  /** Attempts in all, the first included, before the event is dead-lettered. Default 14. */
  maxAttempts: number;
  /** Ceiling of the first retry's delay, ms. Default 5000. */
  baseDelayMs: number;
  /** Each further retry's ceiling is this many times the last. Default 6. */
  factor: number;
  /** The most one delay may be, ms. Default 6 h (the SQS visibility timeout allows 12 h). */
  maxDelayMs: number;
  /** One attempt's time limit, connect to response headers, ms. Default 10000. */
  timeoutMs: number;
}

/** The default policy (see the module's comment). */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 14,
  baseDelayMs: 5_000,
  factor: 6,
  maxDelayMs: 6 * 60 * 60 * 1000,
  timeoutMs: 10_000,
});

/**
 * The default policy with `overrides`, checked.
 * @throws {TypeError} naming the field that is not a positive number (`maxAttempts` an integer)
 */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): Readonly<RetryPolicy> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const [field, value] of Object.entries(policy)) {
    if (!(Number.isFinite(value) && value > 0) || (field === 'maxAttempts' && !Number.isInteger(value))) {
      throw new TypeError(
        `Expected a positive ${field === 'maxAttempts' ? 'integer' : 'number'} for ${field} but received ${value}`,
      );
    }
  }
  return Object.freeze(policy);
}

/**
 * How long to wait after failed attempt `attempt` (1 for the first) before the next one: a random
 * time between 0 and the attempt's ceiling, or `undefined` when it was the last attempt.
 * @param random a number in [0, 1); default `Math.random`
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** (attempt - 1));
  return Math.round(random() * ceiling);
}
