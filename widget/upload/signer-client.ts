import type {
  CompleteUploadResponse,
  CreateUploadsResponse,
  FileDescriptor,
  ListPartsResponse,
  SignPartsResponse,
} from '../../contract/api.js';
import type { ErrorBody, ErrorCode } from '../../contract/error-codes.js';
import { parseRetryAfter, withRetry, type RetryOptions } from './retry.js';
import { UploadError, abortError } from './upload-error.js';

/** Returns the bearer token for the next signer request; may be async so it can refresh. */
export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

export interface SignerClientOptions {
  /** The signer's base URL, e.g. `https://signer.example.com`. */
  endpoint: string;
  getToken?: TokenGetter | undefined;
  retry: RetryOptions;
}

/** The signer's upload routes, each retried on network errors, 429 and 5xx. */
export interface SignerClient {
  createUploads(files: FileDescriptor[], signal?: AbortSignal): Promise<CreateUploadsResponse>;
  signParts(
    id: string,
    uploadId: string,
    partNumbers: number[],
    signal?: AbortSignal,
  ): Promise<SignPartsResponse>;
  listParts(id: string, uploadId: string, signal?: AbortSignal): Promise<ListPartsResponse>;
  complete(
    id: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
    signal?: AbortSignal,
  ): Promise<CompleteUploadResponse>;
  abort(id: string, uploadId: string): Promise<unknown>;
}

/**
 * Creates a client for the signer's `/v1/uploads` routes. `getToken` is called before every
 * request, and once more after a 401 `ERR_TOKEN_EXPIRED`, so refreshed tokens are picked up.
 */
export function createSignerClient(options: SignerClientOptions): SignerClient {
  const base = options.endpoint.replace(/\/+$/, '');

  async function once(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const token = await options.getToken?.();
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        body: body ? JSON.stringify(body) : null,
        signal: signal ?? null,
      });
    } catch {
      throw signal?.aborted
        ? abortError()
        : new UploadError('ERR_NETWORK', 'The signer could not be reached');
    }
    const payload = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    if (response.ok) return payload;
    const code: ErrorCode =
      payload?.error?.code ?? (response.status >= 500 ? 'ERR_INTERNAL' : 'ERR_BAD_REQUEST');
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw new UploadError(
      code,
      payload?.error?.message ?? `The signer answered ${response.status}`,
      response.status,
      retryAfter,
    );
  }

  function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let refreshed = false;
    return withRetry(
      () =>
        once(method, path, body, signal).catch((error: unknown) => {
          // A token that expired between getToken() and the request: one immediate retry with a fresh one.
          if (error instanceof UploadError && error.code === 'ERR_TOKEN_EXPIRED' && !refreshed) {
            refreshed = true;
            return once(method, path, body, signal);
          }
          throw error;
        }),
      options.retry,
      signal,
    ) as Promise<T>;
  }

  const upload = (id: string): string => `/v1/uploads/${encodeURIComponent(id)}`;
  const query = (uploadId: string): string => `?uploadId=${encodeURIComponent(uploadId)}`;
  return {
    createUploads: (files, signal) => call('POST', '/v1/uploads', { files }, signal),
    signParts: (id, uploadId, partNumbers, signal) =>
      call('POST', `${upload(id)}/parts`, { uploadId, partNumbers }, signal),
    listParts: (id, uploadId, signal) =>
      call('GET', `${upload(id)}/parts${query(uploadId)}`, undefined, signal),
    complete: (id, uploadId, parts, signal) =>
      call('POST', `${upload(id)}/complete`, { uploadId, parts }, signal),
    abort: (id, uploadId) => call('DELETE', upload(id) + query(uploadId)),
  };
}
