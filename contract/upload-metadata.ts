/**
 * What the signer binds into an upload when it signs it, stored with the original as S3 user
 * metadata (`x-amz-meta-*`), and read back by the thumbnailer and the image listing.
 *
 * A single PUT's URL signs the metadata headers (they are in `X-Amz-SignedHeaders`, so S3 refuses
 * a PUT that changes or drops one); a multipart upload gets the same metadata when the signer
 * creates it. Later fields are added here, and only here: to {@link UploadMetadata}, `FIELDS` and
 * {@link readUploadMetadata}. The page's {@link AppMetadata} is stored as one JSON value
 * (`x-amz-meta-metadata`): one header name per page key would depend on how each store folds `_`
 * and `-` in header names.
 *
 * S3 metadata travels in HTTP headers and must be US-ASCII
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html#UserMetadata), so every
 * value is stored as an RFC 8187 §3.2 `ext-value`: `UTF-8''` and the percent-encoded UTF-8 bytes,
 * e.g. `UTF-8''caf%C3%A9.jpg`. Such a value has no whitespace, which SigV4 would trim and fold.
 */
import { cleanFileName } from './file-name.js';
import { isVisibility, type Visibility } from './visibility.js';

/**
 * The page's own context for one upload (`metadata` on `<image-uploader>` and per file in
 * `POST /v1/uploads`), e.g. `{ listing_id: '42' }`: keys match {@link APP_METADATA_KEY}, values are
 * strings, at most {@link APP_METADATA_MAX_BYTES} as JSON. The signer binds it into the upload; the
 * events (contract/image-events.ts) carry it back to the site's server.
 */
export type AppMetadata = Record<string, string>;

/** The keys an {@link AppMetadata} may use. */
export const APP_METADATA_KEY = /^[a-z0-9_-]{1,40}$/;

/** The most an {@link AppMetadata} may take, as UTF-8 JSON (`JSON.stringify`). */
export const APP_METADATA_MAX_BYTES = 2048;

/**
 * S3's limit on one object's user metadata: the UTF-8 bytes of every name (without `x-amz-meta-`)
 * and value together (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
 * The signer refuses an upload whose {@link s3MetadataBytes} would exceed it.
 */
export const S3_USER_METADATA_MAX_BYTES = 2048;

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
  /** The uploader's token's `iss`, as the signer verified it. */
  iss: string;
  /** The uploader's token's `sub`, as the signer verified it. */
  sub: string;
  /** The page's context for this upload ({@link AppMetadata}); `{}` when it sent none. */
  metadata: AppMetadata;
}

/** S3's prefix of user-metadata headers. */
export const METADATA_HEADER_PREFIX = 'x-amz-meta-';

const FIELDS = [
  'name',
  'visibility',
  'iss',
  'sub',
  'metadata',
] as const satisfies readonly (keyof UploadMetadata)[];
const EXT_VALUE = /^UTF-8''(.*)$/is;

/**
 * The metadata as S3 user metadata, for the SDK's `Metadata` (`CreateMultipartUpload`, `PutObject`).
 * @example s3Metadata({ name: 'café.jpg', visibility: 'public' })
 * // { name: "UTF-8''caf%C3%A9.jpg", visibility: "UTF-8''public" }
 */
export function s3Metadata(metadata: UploadMetadata): Record<string, string> {
  return Object.fromEntries(
    FIELDS.map((field) => {
      const value = metadata[field];
      return [field, encodeExtValue(typeof value === 'string' ? value : JSON.stringify(value))];
    }),
  );
}

/**
 * The size S3 counts against {@link S3_USER_METADATA_MAX_BYTES} for this metadata: every name and
 * encoded value, in UTF-8 bytes (the encoded values are ASCII).
 */
export function s3MetadataBytes(metadata: UploadMetadata): number {
  return Object.entries(s3Metadata(metadata)).reduce(
    (sum, [name, value]) => sum + name.length + value.length,
    0,
  );
}

/**
 * Whether `value` is an {@link AppMetadata}: a plain object of at most
 * {@link APP_METADATA_MAX_BYTES} as JSON whose keys match {@link APP_METADATA_KEY} and whose values
 * are strings.
 */
export function isAppMetadata(value: unknown): value is AppMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (!entries.every(([key, item]) => APP_METADATA_KEY.test(key) && typeof item === 'string')) return false;
  return new TextEncoder().encode(JSON.stringify(value)).length <= APP_METADATA_MAX_BYTES;
}

/**
 * The metadata as the request headers a presigned PUT signs (lower-case names), the same values as
 * {@link s3Metadata}.
 * @example metadataHeaders({ name: 'café.jpg', visibility: 'private' })
 * // { 'x-amz-meta-name': "UTF-8''caf%C3%A9.jpg", 'x-amz-meta-visibility': "UTF-8''private" }
 */
export function metadataHeaders(metadata: UploadMetadata): Record<string, string> {
  // One loop, not s3Metadata's object mapped again: the signer calls this for every ticket.
  const headers: Record<string, string> = {};
  for (let i = 0; i < FIELDS.length; i++) {
    const field = FIELDS[i]!;
    const value = metadata[field];
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    let last = lastEncoded[i];
    if (last?.text !== text) lastEncoded[i] = last = { text, encoded: encodeExtValue(text) };
    headers[HEADER_NAMES[i]!] = last.encoded;
  }
  return headers;
}

const HEADER_NAMES = FIELDS.map((field) => METADATA_HEADER_PREFIX + field);

/**
 * Each field's last value and its encoding: `iss`, `visibility` and an empty `metadata` are the
 * same from one ticket to the next: encoding the five fields took 3.8 µs of the signer's CPU a
 * ticket, 2.1 µs now (bench/signer.ts's CPU profile, self time per request).
 */
const lastEncoded: ({ text: string; encoded: string } | undefined)[] = [];

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
  for (const field of ['iss', 'sub'] as const) {
    const value = stored?.[field] === undefined ? undefined : decodeExtValue(stored[field]);
    if (value) read[field] = value;
  }
  const json = stored?.metadata === undefined ? undefined : decodeExtValue(stored.metadata);
  if (json !== undefined) {
    try {
      const metadata: unknown = JSON.parse(json);
      if (isAppMetadata(metadata)) read.metadata = metadata;
    } catch {
      // not JSON: left out, like any other unreadable field
    }
  }
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
