/**
 * The URLs the listing hands out: stable public URLs through the CDN for a public image's copies,
 * and short-lived signed URLs for everything only the owner may see.
 *
 * A signed S3 GET fixes the response's headers (`response-content-type` from what the thumbnailer
 * recorded, `response-content-disposition=inline`, `response-cache-control=private, max-age=<URL
 * lifetime>`), so headers stored with an object (anyone who could write it chose them) are never
 * what a browser gets: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 *
 * With CloudFront signing configured (`CLOUDFRONT_KEY_PAIR_ID`, `CLOUDFRONT_PRIVATE_KEY`), a
 * private image's thumbnails are CloudFront signed URLs under `IMAGE_BASE_URL` instead, with one
 * custom policy per image for `{IMAGE_BASE_URL}/thumbnails/{owner}/{id}/*` valid for the same
 * lifetime: one RSA signature per image rather than per file
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-custom-policy.html).
 * They are served with the Cache-Control the thumbnailer stored (`private, max-age=900`).
 * Originals stay presigned S3 GETs: the CDN never serves `uploads/`.
 */
import { privateCacheControl } from '../contract/cache-control.js';
import { THUMBNAILS_PREFIX } from '../contract/object-keys.js';
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
  const expiresMs = nowMs + ttlSeconds * 1000;
  const cloudFront = delivery.cloudFrontSigning && delivery.imageBaseUrl;
  /** The signed query of each image folder's policy, made once per folder. */
  const policies = new Map<string, Promise<string>>();
  const cloudFrontUrl = (key: string) => {
    const folder = key.slice(0, key.lastIndexOf('/') + 1);
    let query = policies.get(folder);
    if (!query) {
      query = signFolder(`${delivery.imageBaseUrl}/${folder}*`, delivery.cloudFrontSigning!, expiresMs);
      policies.set(folder, query);
    }
    return query.then((signed) => `${delivery.imageBaseUrl}/${key}?${signed}`);
  };
  return {
    expiresAt: new Date(expiresMs).toISOString(),
    async signed(key, contentType) {
      if (cloudFront && key.startsWith(THUMBNAILS_PREFIX)) return cloudFrontUrl(key);
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

/**
 * `Policy=…&Signature=…&Key-Pair-Id=…` for a custom policy on `resource` (a URL ending in `*`)
 * until `expiresMs`. `@aws-sdk/cloudfront-signer` (node:crypto) is imported on first use.
 */
async function signFolder(
  resource: string,
  { keyPairId, privateKey }: NonNullable<SignerConfig['delivery']['cloudFrontSigning']>,
  expiresMs: number,
): Promise<string> {
  const { getSignedUrl } = await import('@aws-sdk/cloudfront-signer');
  const policy = JSON.stringify({
    Statement: [
      { Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresMs / 1000) } } },
    ],
  });
  const signed = getSignedUrl({ policy, keyPairId, privateKey });
  return signed.slice(signed.indexOf('?') + 1);
}
