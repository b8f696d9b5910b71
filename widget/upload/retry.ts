import { abortError, toUploadError } from './upload-error.js';

/** How failed requests are retried; delays in milliseconds. */
export interface RetryOptions {
  /** Further tries after the first; default 5. */
  retries: number;
  /** First backoff ceiling, doubled on each try; default 500. */
  baseDelay: number;
  /** Ceiling for any one wait, `Retry-After` included; default 30 000. */
  maxDelay: number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = Object.freeze({
  retries: 5,
  baseDelay: 500,
  maxDelay: 30_000,
});

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date, RFC 9110 §10.2.3) into milliseconds.
 * @returns `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before try number `attempt + 1`: "full jitter" exponential backoff (a random delay up to
 * `baseDelay * 2^attempt`), or the server's `Retry-After` when it sent one; never above `maxDelay`.
 */
export function backoffDelay(attempt: number, options: RetryOptions, retryAfter?: number): number {
  const delay = retryAfter ?? Math.random() * options.baseDelay * 2 ** attempt;
  return Math.min(delay, options.maxDelay);
}

/** Resolves after `ms`, or rejects with `ERR_ABORTED` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const done = (): void => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Runs `task` and retries it while it fails with a retryable `UploadError`.
 * @throws the last `UploadError` once retries run out, or `ERR_ABORTED` when `signal` fires.
 */
export async function withRetry<T>(
  task: () => Promise<T>,
  options: RetryOptions,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (caught) {
      const error = toUploadError(caught);
      if (signal?.aborted) throw abortError();
      if (!error.retryable || attempt >= options.retries) throw error;
      await sleep(backoffDelay(attempt, options, error.retryAfter), signal);
    }
  }
}
