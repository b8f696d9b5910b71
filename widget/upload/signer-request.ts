import type { ErrorBody, ErrorCode } from '../../contract/error-codes.js';
import { networkReason } from './network-reason.js';
import { DEFAULT_RETRY, parseRetryAfter, withRetry, type RetryOptions } from './retry.js';
import { sha256 } from './sha256.js';
import { UploadError, abortError, refusalError } from './upload-error.js';

/** Returns the bearer token for the next signer request; may be async so it can refresh. */
export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

/** Read on every request, so a caller can pass an object with live values (the element itself). */
export interface SignerRequestOptions {
  /** The signer's base URL, e.g. `https://signer.example.com`. */
  readonly endpoint: string;
  /** Called before every request, and again for the one retry after a 401 `ERR_TOKEN_EXPIRED`. */
  readonly getToken?: TokenGetter | undefined;
  /** Retries on network errors, 429 and 5xx; what is left out is `DEFAULT_RETRY`'s. */
  readonly retry: Partial<RetryOptions>;
  /** Send with `fetch`'s `keepalive`, so a request made as the page is left still reaches the signer. */
  readonly keepalive?: boolean;
}

/**
 * Sends `method path` to the signer, with `body` as JSON, and resolves with the JSON answer
 * (`undefined` when empty). `retry` replaces the options' for this request.
 */
export type SignerRequest = <T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  retry?: Partial<RetryOptions>,
) => Promise<T>;

/**
 * The browser side's one way to call the signer: the bearer token before every request, a body
 * sent as JSON with its SHA-256 in `x-amz-content-sha256` (in secure contexts), one immediate retry with a fresh token after a 401, retries with backoff, and the signer's error body
 * turned into an `UploadError` with its `code` and HTTP `status`.
 * @param refreshToken for a token source that can refresh on demand: called for the one retry after
 *   any 401 (without it, only after `ERR_TOKEN_EXPIRED`, and `getToken` is called again).
 * @throws `UploadError`: the signer's `code` (`ERR_INTERNAL` for a 5xx without one, otherwise
 *   `ERR_BAD_REQUEST`), `ERR_NETWORK` when the signer cannot be reached (with the `reason`: a CORS
 *   refusal is not retried), `ERR_ABORTED` on `signal`; `ERR_QUOTA_EXCEEDED` carries the signer's
 *   `unit`, `used` and `limit`.
 */
export function createSignerRequest(
  options: SignerRequestOptions,
  refreshToken?: TokenGetter,
): SignerRequest {
  async function once(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    getToken = options.getToken,
  ): Promise<unknown> {
    const token = await getToken?.();
    const headers: Record<string, string> = {};
    const text = body ? JSON.stringify(body) : null;
    if (text) {
      headers['content-type'] = 'application/json';
      // A Lambda Function URL behind CloudFront's origin access control takes a body only with its
      // SHA-256 (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-lambda.html).
      // In an insecure context (no SubtleCrypto) the header is left out.
      const digest = await sha256(new Blob([text]));
      if (digest) headers['x-amz-content-sha256'] = digest;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const base = options.endpoint.replace(/\/+$/, '');
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        body: text,
        signal,
        keepalive: options.keepalive,
      });
    } catch {
      const reason = signal?.aborted ? undefined : await networkReason(base, signal);
      if (signal?.aborted) throw abortError();
      throw new UploadError(
        'ERR_NETWORK',
        reason === 'cors' ? `The signer refuses this origin (CORS)` : 'The signer could not be reached',
        0,
        undefined,
        reason,
      );
    }
    const payload = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    if (response.ok) return payload;
    const code: ErrorCode =
      payload?.error?.code ?? (response.status >= 500 ? 'ERR_INTERNAL' : 'ERR_BAD_REQUEST');
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw refusalError(
      { message: `The signer answered ${response.status}`, ...payload?.error, code },
      response.status,
      retryAfter,
    );
  }

  return (method, path, body, signal, retry = options.retry) => {
    let refreshed = false;
    const attempt = (): Promise<unknown> =>
      once(method, path, body, signal).catch((error: unknown) => {
        // One immediate retry with a fresh token, however many times the request itself is retried.
        if (refreshed || !(error instanceof UploadError)) throw error;
        if (!(refreshToken ? error.status === 401 : error.code === 'ERR_TOKEN_EXPIRED')) throw error;
        refreshed = true;
        return once(method, path, body, signal, refreshToken);
      });
    return withRetry(attempt, { ...DEFAULT_RETRY, ...retry }, signal) as never;
  };
}
