/**
 * The URLs the listing hands out: stable public URLs through the CDN for a public image's copies,
 * and short-lived signed URLs for everything only the owner may see.
 *
 * A signed S3 GET fixes the response's headers (`response-content-type` from what the thumbnailer
 * recorded, `response-content-disposition=inline`, `response-cache-control=private, max-age=<URL
 * lifetime>`), so headers stored with an object (anyone who could write it chose them) are never
 * what a browser gets: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
import { privateCacheControl } from '../contract/cache-control.js';
import type { SignerConfig } from './config.js';
import type { Presign } from './storage/presigner.js';

/** Makes the URLs of one listing, all valid for the same lifetime. */
export interface ImageLinks {
  /** When every signed URL made by this instance stops working (ISO 8601). */
  expiresAt: string;
  /** A signed GET of `key` served as `contentType`, inline, cached only privately. */
  signed(key: string, contentType: string): Promise<string>;
  /** The CDN URL of a public key, or `undefined` when the signer has no `IMAGE_BASE_URL`. */
  public(key: string): string | undefined;
}

/**
 * Creates the links of one request.
 * @param ttlSeconds the signed URLs' lifetime (`LIST_URL_TTL_SECONDS`)
 * @param nowMs the request's clock
 */
export function createImageLinks(
  delivery: SignerConfig['delivery'],
  presign: Presign,
  ttlSeconds: number,
  nowMs: number,
): ImageLinks {
  const signingDate = new Date(nowMs);
  return {
    expiresAt: new Date(nowMs + ttlSeconds * 1000).toISOString(),
    async signed(key, contentType) {
      const { url } = await presign({
        method: 'GET',
        key,
        expiresInSeconds: ttlSeconds,
        signingDate,
        query: {
          'response-content-type': contentType,
          'response-content-disposition': 'inline',
          'response-cache-control': privateCacheControl(ttlSeconds),
        },
      });
      return url;
    },
    public: (key) => (delivery.imageBaseUrl === undefined ? undefined : `${delivery.imageBaseUrl}/${key}`),
  };
}
