/**
 * The object-key layout shared by the signer (which makes keys) and the thumbnailer (which reads
 * them). Keys are always made by the server; these helpers only build and parse them.
 *
 * - originals:  `uploads/{owner}/{id}/original.{ext}`
 * - thumbnails: `thumbnails/{owner}/{id}/{width}.{webp|jpg}` and `thumbnails/{owner}/{id}/meta.json`
 *
 * `owner` is an opaque URL-safe hash of issuer and subject; `id` is `{nonce}-{ext}`, so every `:id`
 * route can rebuild the original's key without a lookup.
 */
import type { ThumbnailFormat } from './thumbnail-manifest.js';

export const ORIGINALS_PREFIX = 'uploads/';
export const THUMBNAILS_PREFIX = 'thumbnails/';

/** File extension used in keys for each allowed MIME type. */
export const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = Object.freeze({
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
});

/** MIME type for each extension used in keys. */
export const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(EXTENSION_BY_TYPE).map(([type, ext]) => [ext, type])),
);

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const ID = /^([a-z0-9]{16,40})-([a-z0-9]{2,5})$/;
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
