/**
 * Where public copies live: `public/{id}/{width}.{webp|jpg}` (and `public/{id}/original.{ext}` with
 * `PUBLIC_ORIGINALS=true`), written by the thumbnailer and the signer, served by the CDN at
 * `{IMAGE_BASE_URL}/public/{id}/…`. The same value as the contract's public prefix (issue 15).
 */
export const PUBLIC_PREFIX = 'public/';
