/**
 * The object-key layout shared by the signer (which makes keys) and the thumbnailer (which reads
 * them). Keys are always made by the server; these helpers only build and parse them.
 *
 * - originals:  `uploads/{owner}/{id}/original.{ext}`
 * - thumbnails: `thumbnails/{owner}/{id}/{width}.{webp|jpg}` and `thumbnails/{owner}/{id}/meta.json`
 *   (always written, private, the source of truth)
 * - public copies of a public image's thumbnails: `public/{id}/{width}.{webp|jpg}`, one per
 *   configured width (`THUMBNAIL_WIDTHS`), and, only with `PUBLIC_ORIGINALS=true`,
 *   `public/{id}/original.{ext}`
 *
 * `owner` is an opaque URL-safe hash of issuer and subject; `id` is `{nonce}-{ext}`, so every `:id`
 * route can rebuild the original's key without a lookup. Public keys carry no owner segment: it
 * would let anyone who has one public link find the same user's other images; the id alone holds
 * 80 random bits (signer/image-id.ts).
 *
 * The public URL template, for a site's server that has only an image's id:
 * `{IMAGE_BASE_URL}/public/{id}/{width}.{webp|jpg}` with `width` one of the thumbnailer's
 * `THUMBNAIL_WIDTHS` (default 320, 720, 1440). Every width exists for every ready public image: an
 * image narrower than a width is stored there at its own width.
 */
import type { ThumbnailFormat } from './thumbnail-manifest.js';

export const ORIGINALS_PREFIX = 'uploads/';
export const THUMBNAILS_PREFIX = 'thumbnails/';
/** Where the CDN reads from: the only prefix it may serve without a signature. */
export const PUBLIC_PREFIX = 'public/';

/** File extension used in keys for each allowed MIME type. */
export const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = Object.freeze({
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
  // Accepted only where configured (the signer's UPLOAD_ALLOWED_TYPES, the thumbnailer's ACCEPT_HEIC).
  'image/heic': 'heic',
});

/** MIME type for each extension used in keys. */
export const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(EXTENSION_BY_TYPE).map(([type, ext]) => [ext, type])),
);

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const ID = /^([a-z0-9]{16,40})-([a-z0-9]{2,5})$/;
const PUBLIC_KEY =
  /^public\/([a-z0-9]{16,40}-[a-z0-9]{2,5})\/(?:([1-9]\d{0,4})\.(webp|jpg)|original\.([a-z0-9]{2,5}))$/;
const ORIGINAL_KEY =
  /^uploads\/([A-Za-z0-9_-]{1,64})\/([a-z0-9]{16,40}-[a-z0-9]{2,5})\/original\.([a-z0-9]{2,5})$/;

/** Builds an image id from a random nonce and the key extension. */
export function makeImageId(nonce: string, ext: string): string {
  const id = `${nonce}-${ext}`;
  if (!ID.test(id)) throw new TypeError(`Invalid image id parts: ${JSON.stringify(id)}`);
  return id;
}

/** Parses an image id, or returns `undefined` when it is not one. */
export function parseImageId(id: string): { nonce: string; ext: string } | undefined {
  const match = ID.exec(id);
  return match ? { nonce: match[1]!, ext: match[2]! } : undefined;
}

/** `uploads/{owner}/{id}/original.{ext}` */
export function originalKey(owner: string, id: string): string {
  const parsed = parseImageId(id);
  if (!SEGMENT.test(owner) || !parsed) throw new TypeError('Invalid owner or image id');
  return `${ORIGINALS_PREFIX}${owner}/${id}/original.${parsed.ext}`;
}

/** Parses an original's key, or returns `undefined` for any other key (thumbnails included). */
export function parseOriginalKey(key: string): { owner: string; id: string; ext: string } | undefined {
  const match = ORIGINAL_KEY.exec(key);
  if (!match) return undefined;
  const [, owner, id, ext] = match as unknown as [string, string, string, string];
  return parseImageId(id)?.ext === ext ? { owner, id, ext } : undefined;
}

/** `uploads/{owner}/` — everything one owner uploaded. */
export function ownerOriginalsPrefix(owner: string): string {
  return `${ORIGINALS_PREFIX}${owner}/`;
}

/** `thumbnails/{owner}/{id}/` — everything derived from one original. */
export function thumbnailsPrefix(owner: string, id: string): string {
  return `${THUMBNAILS_PREFIX}${owner}/${id}/`;
}

/** `thumbnails/{owner}/{id}/{width}.{webp|jpg}` */
export function thumbnailKey(owner: string, id: string, width: number, format: ThumbnailFormat): string {
  return `${thumbnailsPrefix(owner, id)}${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`;
}

/** `thumbnails/{owner}/{id}/meta.json` */
export function manifestKey(owner: string, id: string): string {
  return `${thumbnailsPrefix(owner, id)}meta.json`;
}

/** `public/{id}/` — every public copy of one image. */
export function publicPrefix(id: string): string {
  if (!parseImageId(id)) throw new TypeError('Invalid image id');
  return `${PUBLIC_PREFIX}${id}/`;
}

/**
 * `public/{id}/{width}.{webp|jpg}`: the public copy of a public image's thumbnail for one of the
 * configured widths.
 */
export function publicThumbnailKey(id: string, width: number, format: ThumbnailFormat): string {
  return `${publicPrefix(id)}${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`;
}

/** `public/{id}/original.{ext}`: the public copy of an original (only with `PUBLIC_ORIGINALS=true`). */
export function publicOriginalKey(id: string): string {
  return `${publicPrefix(id)}original.${parseImageId(id)!.ext}`;
}

/**
 * Parses a public copy's key, or returns `undefined` for any other key: what the CDN may serve.
 * @example parsePublicKey('public/0123456789abcdef-jpg/720.webp') // { id, width: 720, format: 'webp' }
 */
export function parsePublicKey(
  key: string,
): { id: string; width: number; format: ThumbnailFormat } | { id: string; original: true } | undefined {
  const match = PUBLIC_KEY.exec(key);
  if (!match) return undefined;
  const [, id, width, ext, originalExt] = match as unknown as [string, string, string?, string?, string?];
  if (width !== undefined) return { id, width: Number(width), format: ext === 'jpg' ? 'jpeg' : 'webp' };
  return parseImageId(id)?.ext === originalExt ? { id, original: true } : undefined;
}
