/**
 * What the signer binds into an upload when it signs it, stored with the original as S3 user
 * metadata (`x-amz-meta-*`), and read back by the thumbnailer and the image listing.
 *
 * A single PUT's URL signs the metadata headers (they are in `X-Amz-SignedHeaders`, so S3 refuses
 * a PUT that changes or drops one); a multipart upload gets the same metadata when the signer
 * creates it. Later fields are added here, and only here: to {@link UploadMetadata}, `FIELDS` and
 * {@link readUploadMetadata}.
 *
 * S3 metadata travels in HTTP headers and must be US-ASCII
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html#UserMetadata), so every
 * value is stored as an RFC 8187 §3.2 `ext-value`: `UTF-8''` and the percent-encoded UTF-8 bytes,
 * e.g. `UTF-8''caf%C3%A9.jpg`. Such a value has no whitespace, which SigV4 would trim and fold.
 */
import { cleanFileName } from './file-name.js';
import { isVisibility, type Visibility } from './visibility.js';

/** Metadata signed into every upload. */
export interface UploadMetadata {
  /** The file's name for display, cleaned with `cleanFileName` (contract/file-name.ts). */
  name: string;
  /**
   * Who may see the image (contract/visibility.ts), as the signer allowed it: the thumbnailer
   * writes public copies for `public`. Signed, so the browser cannot publish what it was allowed
   * to upload only privately.
   */
  visibility: Visibility;
}

/** S3's prefix of user-metadata headers. */
export const METADATA_HEADER_PREFIX = 'x-amz-meta-';

const FIELDS = ['name', 'visibility'] as const satisfies readonly (keyof UploadMetadata)[];
const EXT_VALUE = /^UTF-8''(.*)$/is;

/**
 * The metadata as S3 user metadata, for the SDK's `Metadata` (`CreateMultipartUpload`, `PutObject`).
 * @example s3Metadata({ name: 'café.jpg', visibility: 'public' })
 * // { name: "UTF-8''caf%C3%A9.jpg", visibility: "UTF-8''public" }
 */
export function s3Metadata(metadata: UploadMetadata): Record<string, string> {
  return Object.fromEntries(FIELDS.map((field) => [field, encodeExtValue(metadata[field])]));
}

/**
 * The metadata as the request headers a presigned PUT signs (lower-case names), the same values as
 * {@link s3Metadata}.
 * @example metadataHeaders({ name: 'café.jpg', visibility: 'private' })
 * // { 'x-amz-meta-name': "UTF-8''caf%C3%A9.jpg", 'x-amz-meta-visibility': "UTF-8''private" }
 */
export function metadataHeaders(metadata: UploadMetadata): Record<string, string> {
  return Object.fromEntries(
    Object.entries(s3Metadata(metadata)).map(([field, value]) => [METADATA_HEADER_PREFIX + field, value]),
  );
}

/**
 * Reads the metadata back from a stored object's user metadata (the SDK's `Metadata` of
 * `HeadObject` or `GetObject`, names without the prefix). Fields that are absent, empty or
 * undecodable are left out; the name is cleaned again, and a visibility that is not one is left out
 * (readers take absent as `private`), since anyone who can write to the bucket can write any
 * metadata. A value that is not an `ext-value` is taken as it is (S3 keeps it ASCII).
 */
export function readUploadMetadata(stored: Record<string, string> | undefined): Partial<UploadMetadata> {
  const read: Partial<UploadMetadata> = {};
  if (stored?.name !== undefined) {
    const name = cleanFileName(decodeExtValue(stored.name) ?? '');
    if (name) read.name = name;
  }
  const visibility = stored?.visibility === undefined ? undefined : decodeExtValue(stored.visibility);
  if (isVisibility(visibility)) read.visibility = visibility;
  return read;
}

/** RFC 8187 `ext-value` in UTF-8: only `attr-char`s stay, everything else is percent-encoded. */
function encodeExtValue(text: string): string {
  // encodeURIComponent also leaves * ' ( ), which are not attr-chars.
  const encoded = encodeURIComponent(text).replace(
    /[*'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `UTF-8''${encoded}`;
}

function decodeExtValue(value: string): string | undefined {
  const match = EXT_VALUE.exec(value);
  if (!match) return value;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined; // malformed percent-encoding
  }
}
