/**
 * Object keys as S3 event notifications carry them, and the originals this thumbnailer acts on.
 */
import { ORIGINALS_PREFIX } from '../contract/object-keys.js';

/**
 * Decodes a key from an S3 event. S3 encodes keys in notifications like an HTML form does:
 * a space is `+`, everything else unsafe is percent-encoded. So `+` must become a space first,
 * then percent-decoding turns `%2B` into a real plus.
 * @throws {URIError} On malformed percent-encoding.
 * @example decodeEventKey('uploads/a+b%2Bc/Zo%C3%AB.jpg') // 'uploads/a b+c/Zoë.jpg'
 */
export function decodeEventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/**
 * Encodes a raw key the way S3 writes it into event notifications: form encoding as Java's
 * `URLEncoder` does it (`+` for space; letters, digits and `-_.*` kept; `!'()~` escaped), `/` kept.
 * The inverse of {@link decodeEventKey}. The local stack and the radosgw receiver use it, as
 * s3rver and radosgw emit raw keys.
 */
export function encodeEventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

const ORIGINAL = new RegExp(`^${ORIGINALS_PREFIX}([^/]+)/([^/]+)/original\\.[^/.]+$`);

/**
 * Parses `uploads/{owner}/{id}/original.{ext}`: the only keys the thumbnailer acts on. Anything
 * else, its own `thumbnails/…` outputs included, gives `undefined`, so it never triggers itself.
 * The signer makes keys with `originalKey` (contract/object-keys.ts); this accepts any segment characters, so an
 * unusual key is still handled the same way rather than misread.
 */
export function parseSourceKey(key: string): { owner: string; id: string } | undefined {
  const match = ORIGINAL.exec(key);
  return match ? { owner: match[1]!, id: match[2]! } : undefined;
}
