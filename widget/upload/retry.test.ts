import { atLeast, atMost, equal } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import { backoffDelay, parseRetryAfter, withRetry } from './retry.js';
import { UploadError } from './upload-error.js';

const options = { retries: 3, baseDelay: 100, maxDelay: 1000 };

describe('retry', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    equal(parseRetryAfter('2'), 2000);
    equal(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', Date.parse('2026-11-22T10:00:00Z')), 5000);
    equal(parseRetryAfter(null), undefined);
    equal(parseRetryAfter('soon'), undefined);
  });

  it('backs off with full jitter under a doubling ceiling, capped, Retry-After first', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const delay = backoffDelay(attempt, options);
      atLeast(delay, 0);
      atMost(delay, Math.min(1000, 100 * 2 ** attempt));
    }
    equal(backoffDelay(0, options, 700), 700);
    equal(backoffDelay(0, options, 60_000), 1000);
  });

  it('retries only network errors, 429 and 5xx, and only so often', async () => {
    const fast = { retries: 3, baseDelay: 1, maxDelay: 5 };
    const failing = (error: UploadError) => {
      let calls = 0;
      const task = (): Promise<never> => (calls++, Promise.reject(error));
      return { task, calls: () => calls };
    };
    for (const [error, expected] of [
      [new UploadError('ERR_NETWORK', 'down'), 4],
      [new UploadError('ERR_RATE_LIMITED', 'slow down', 429), 4],
      [new UploadError('ERR_UPLOAD_FAILED', 'oops', 503), 4],
      [new UploadError('ERR_UPLOAD_FAILED', 'denied', 403), 1],
      [new UploadError('ERR_TYPE_NOT_ALLOWED', 'no', 400), 1],
    ] as const) {
      const { task, calls } = failing(error);
      const thrown = await withRetry(task, fast).catch((caught: UploadError) => caught);
      equal(thrown, error);
      equal(calls(), expected, `${error.code} ${error.status}`);
    }
  });

  it('stops waiting as soon as it is aborted', async () => {
    const controller = new AbortController();
    const pending = withRetry(
      () => Promise.reject(new UploadError('ERR_NETWORK', 'down')),
      { ...options, baseDelay: 60_000, maxDelay: 60_000 },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 10);
    equal((await pending.catch((error: UploadError) => error)).code, 'ERR_ABORTED');
  });
});
