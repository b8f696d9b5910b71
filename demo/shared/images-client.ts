/**
 * The few signer routes the demo's gallery calls (and its usage bar), typed by `contract/`, over the widget's signer
 * request (the same token handling and `UploadError` as the uploads, and a body's SHA-256 in
 * `x-amz-content-sha256` for a signer behind CloudFront). Uploads themselves go through
 * `<image-uploader>`.
 *
 * The request module is imported directly rather than through `widget/index.ts`: the public entry
 * defines `<image-uploader>`, which the script-tag page has already done with the single-file build.
 */
import type { ImageSummary, ListImagesResponse, UsageResponse, Visibility } from '../../contract/index.js';
import { createSignerRequest } from '../../widget/upload/signer-request.js';

/** Returns an access token; `forceRefresh` after the signer answered 401. */
export type TokenSource = (options?: { forceRefresh?: boolean }) => Promise<string>;

/** Read on every request, so the gallery can pass live getters for its current settings. */
export interface ImagesClientOptions {
  /** The signer's base URL. */
  readonly endpoint: string;
  /** Returns an access token; called with `{ forceRefresh: true }` after the signer answered 401. */
  readonly getToken: TokenSource | undefined;
}

/** What {@link createImagesClient} returns. */
export interface ImagesClient {
  listImages(cursor?: string): Promise<ListImagesResponse>;
  getImage(id: string): Promise<ImageSummary>;
  /** `PATCH /v1/images/:id`: publishes (`public`) or unpublishes (`private`); the updated summary. */
  setVisibility(id: string, visibility: Visibility): Promise<ImageSummary>;
  /** `leaving`: the page is being left, so the request is sent with `keepalive` to outlive it. */
  deleteImage(id: string, leaving?: boolean): Promise<void>;
  /** `GET /v1/usage`: what the user keeps and may keep. */
  getUsage(): Promise<UsageResponse>;
}

/**
 * Creates a client for the signer's `/v1/images` routes. A 401 is retried once with a refreshed
 * token; nothing else is retried.
 * @throws {TypeError} from every method while `getToken` is not set.
 * @throws {UploadError} from every method, with the signer's error `code` and HTTP `status`.
 */
export function createImagesClient(options: ImagesClientOptions): ImagesClient {
  const requestWith = (keepalive: boolean) =>
    createSignerRequest(
      {
        get endpoint() {
          return options.endpoint;
        },
        getToken: () => options.getToken!(),
        // The gallery shows a failure at once and lets the person try again.
        retry: { retries: 0 },
        keepalive,
      },
      () => options.getToken!({ forceRefresh: true }),
    );
  const [request, lasting] = [requestWith(false), requestWith(true)];
  const call = <T>(method: string, path: string, leaving = false, body?: unknown): Promise<T> => {
    if (!options.getToken) throw new TypeError('Expected getToken to be set on <image-gallery>');
    return (leaving ? lasting : request)<T>(method, path, body);
  };
  const image = (id: string): string => `/v1/images/${encodeURIComponent(id)}`;
  return {
    listImages: (cursor) =>
      call('GET', `/v1/images?${new URLSearchParams({ limit: '60', ...(cursor ? { cursor } : {}) })}`),
    getImage: (id) => call('GET', image(id)),
    setVisibility: (id, visibility) => call('PATCH', image(id), false, { visibility }),
    deleteImage: async (id, leaving) => void (await call('DELETE', image(id), leaving)),
    getUsage: () => call('GET', '/v1/usage'),
  };
}
