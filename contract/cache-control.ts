/**
 * The `Cache-Control` values stored with the objects the thumbnailer and the signer write, and
 * served by the CDN (or overridden by a presigned GET's `response-cache-control`).
 */

/**
 * Public copies (`public/{id}/…`): their bytes never change under their URL (a replaced original
 * is refused, `ERR_REPLACED`), so browsers and the CDN keep them for a year without asking again
 * (RFC 9111 §5.2.2.1; `immutable`: RFC 8246).
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * How long the owner's private thumbnails may be kept by the browser that fetched them, in
 * seconds: the signer's default listing URL lifetime (`LIST_URL_TTL_SECONDS`). Presigned GETs
 * replace it with their own URL's lifetime; it is served as stored only through CloudFront signed
 * URLs.
 */
export const PRIVATE_MAX_AGE_SECONDS = 900;

/** `private, max-age=…`: only the browser that was handed the signed URL keeps the bytes. */
export function privateCacheControl(maxAgeSeconds: number = PRIVATE_MAX_AGE_SECONDS): string {
  return `private, max-age=${maxAgeSeconds}`;
}

/** `meta.json` changes (visibility): always revalidate. */
export const MANIFEST_CACHE_CONTROL = 'no-cache';
