/**
 * The few signer routes the demo's gallery calls, typed by `contract/`.
 * Uploads themselves go through `<image-uploader>`.
 */
import type { ErrorBody, ErrorCode, ImageSummary, ListImagesResponse } from '../../contract/index.js';

/** A failed signer call, carrying the stable `code` from the error body. */
export class SignerError extends Error {
  readonly code: ErrorCode | 'ERR_NETWORK';
  readonly status: number;

  constructor(code: ErrorCode | 'ERR_NETWORK', status: number, message: string) {
    super(message);
    this.name = 'SignerError';
    this.code = code;
    this.status = status;
  }
}

/** Returns an access token; `forceRefresh` after the signer answered 401. */
export type TokenSource = (options?: { forceRefresh?: boolean }) => Promise<string>;

/** What {@link createSignerClient} returns. */
export interface SignerClient {
  listImages(cursor?: string): Promise<ListImagesResponse>;
  getImage(id: string): Promise<ImageSummary>;
  deleteImage(id: string): Promise<void>;
}

/**
 * Creates a client for `endpoint` (the signer's base URL). A 401 is retried once with a
 * refreshed token.
 * @throws {SignerError} from every method, with the signer's error `code`.
 */
export function createSignerClient(endpoint: string, getToken: TokenSource): SignerClient {
  const base = endpoint.replace(/\/+$/, '');

  async function call(method: string, path: string, forceRefresh = false): Promise<Response> {
    const token = await getToken({ forceRefresh });
    let response: Response;
    try {
      response = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}` } });
    } catch {
      throw new SignerError('ERR_NETWORK', 0, 'The image service cannot be reached.');
    }
    if (response.status === 401 && !forceRefresh) return call(method, path, true);
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
      throw new SignerError(
        body?.error.code ?? 'ERR_INTERNAL',
        response.status,
        body?.error.message ?? `The image service answered ${response.status}.`,
      );
    }
    return response;
  }

  return {
    async listImages(cursor) {
      const query = new URLSearchParams({ limit: '60', ...(cursor ? { cursor } : {}) });
      return (await call('GET', `/v1/images?${query}`)).json() as Promise<ListImagesResponse>;
    },
    async getImage(id) {
      return (await call('GET', `/v1/images/${encodeURIComponent(id)}`)).json() as Promise<ImageSummary>;
    },
    async deleteImage(id) {
      await call('DELETE', `/v1/images/${encodeURIComponent(id)}`);
    },
  };
}
