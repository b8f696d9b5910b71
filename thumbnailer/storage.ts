/**
 * The thumbnailer's S3 I/O. Only "the object is not there" is an answer; every other failure
 * (5xx, throttling, timeouts, refused connections) is thrown so Lambda retries the event.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { s3ClientConfig } from '../contract/s3-client-config.js';
import type { ThumbnailManifest } from '../contract/thumbnail-manifest.js';
import { readUploadMetadata, type UploadMetadata } from '../contract/upload-metadata.js';
import type { ThumbnailerConfig } from './config.js';

import { MANIFEST_CACHE_CONTROL } from '../contract/cache-control.js';

/**
 * An S3 client for the thumbnailer, with the project's S3 settings (contract/s3-client-config.ts)
 * and timeouts that turn a stalled connection into a retry: 3 s to connect, 30 s without a byte
 * (socketTimeout: since @smithy/node-http-handler 4.x a requestTimeout only logs a warning unless
 * throwOnRequestTimeout is set, and stops at the response headers, not covering a stalled body).
 */
export function createS3Client(config: ThumbnailerConfig): S3Client {
  return new S3Client(
    s3ClientConfig({
      region: config.s3.region,
      ...(config.s3.endpoint === undefined ? {} : { endpoint: config.s3.endpoint }),
      forcePathStyle: config.s3.forcePathStyle,
      requestHandler: { connectionTimeout: 3_000, socketTimeout: 30_000 },
    }),
  );
}

interface AwsError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

/** An SDK error that says the object does not exist (not the bucket: that is misconfiguration). */
export function isNotFound(error: unknown): boolean {
  const { name } = (error ?? {}) as AwsError;
  return name === 'NoSuchKey' || name === 'NotFound';
}

/**
 * Reads `meta.json`, or `undefined` when there is none. Without `s3:ListBucket` (the deployed
 * role has none), S3 answers a missing key with 403 instead of 404, so 403 also means "none" here:
 * a real permission problem still surfaces when the thumbnails are written.
 */
export async function readManifest(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<ThumbnailManifest | undefined> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await response.Body!.transformToString('utf-8')) as ThumbnailManifest;
  } catch (error) {
    if (isNotFound(error) || (error as AwsError).$metadata?.httpStatusCode === 403) return undefined;
    throw error;
  }
}

/**
 * The user metadata a public copy of an original keeps: the file's name alone. The uploader's
 * `iss` and `sub` and the page's metadata are for the site's server, never for anyone with the URL.
 */
const PUBLIC_METADATA = ['name'] as const;

/** An original read into memory. */
export interface Original {
  bytes: Buffer;
  etag: string;
  /** What the signer bound into the upload (name, visibility, iss, sub, metadata), decoded and cleaned. */
  metadata: Partial<UploadMetadata>;
  /**
   * The stored `x-amz-meta-*` values a public copy may keep ({@link PUBLIC_METADATA}), as the
   * signer encoded and signed them, for {@link copyObject}.
   */
  publicMetadata: Record<string, string>;
}

/** An original too large to read: its size, ETag and metadata. */
export interface TooLarge {
  tooLarge: number;
  etag: string;
  metadata: Partial<UploadMetadata>;
}

/** An original's metadata alone, read without its body. */
export interface OriginalHead {
  etag: string;
  metadata: Partial<UploadMetadata>;
}

const unquote = (etag: string | undefined) => (etag ?? '').replace(/^"|"$/g, '');

/**
 * Downloads an original into a Buffer, or answers `'missing'` (deleted since the event) or
 * `{ tooLarge: bytes }` (its Content-Length is over `maxBytes`; the body is not read).
 */
export async function readOriginal(
  s3: S3Client,
  bucket: string,
  key: string,
  maxBytes: number,
): Promise<Original | 'missing' | TooLarge> {
  let response;
  try {
    response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (isNotFound(error)) return 'missing';
    throw error;
  }
  const size = response.ContentLength ?? 0;
  const etag = unquote(response.ETag);
  const metadata = readUploadMetadata(response.Metadata);
  if (size > maxBytes) {
    (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
    return { tooLarge: size, etag, metadata };
  }
  const array = await response.Body!.transformToByteArray();
  const stored = response.Metadata ?? {};
  return {
    bytes: Buffer.from(array.buffer, array.byteOffset, array.byteLength),
    etag,
    metadata,
    publicMetadata: Object.fromEntries(
      PUBLIC_METADATA.filter((field) => stored[field] !== undefined).map((field) => [field, stored[field]!]),
    ),
  };
}

/**
 * An original's ETag and metadata alone (HEAD), for an original refused without being read;
 * `'missing'` when it is gone.
 */
export async function readOriginalHead(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<OriginalHead | 'missing'> {
  try {
    const response = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { etag: unquote(response.ETag), metadata: readUploadMetadata(response.Metadata) };
  } catch (error) {
    // As in readManifest: without s3:ListBucket a missing key answers 403.
    if (isNotFound(error) || (error as AwsError).$metadata?.httpStatusCode === 403) return 'missing';
    throw error;
  }
}

/** Writes one object from a Buffer (a streamed body would be sent aws-chunked). */
export async function writeObject(
  s3: S3Client,
  bucket: string,
  key: string,
  body: Buffer,
  contentType: string,
  cacheControl: string,
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: contentType,
      CacheControl: cacheControl,
    }),
  );
}

/** Writes a manifest: the commit point of a set, so always the last write. */
export function writeManifest(
  s3: S3Client,
  bucket: string,
  key: string,
  manifest: ThumbnailManifest,
): Promise<void> {
  const body = Buffer.from(JSON.stringify(manifest));
  return writeObject(s3, bucket, key, body, 'application/json', MANIFEST_CACHE_CONTROL);
}

/**
 * Copies an object inside the bucket with a new type and Cache-Control, only if the source still
 * has `source.etag`: a copy is exactly the bytes that were checked. Its user metadata is replaced
 * by `metadata` (`x-amz-metadata-directive: REPLACE`): nothing of the source's is copied that the
 * caller did not choose.
 */
export async function copyObject(
  s3: S3Client,
  bucket: string,
  source: { key: string; etag: string },
  key: string,
  contentType: string,
  cacheControl: string,
  metadata: Record<string, string> = {},
): Promise<void> {
  await s3.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: key,
      CopySource: `${bucket}/${encodeURIComponent(source.key).replace(/%2F/g, '/')}`,
      CopySourceIfMatch: `"${source.etag}"`,
      MetadataDirective: 'REPLACE',
      Metadata: metadata,
      ContentType: contentType,
      CacheControl: cacheControl,
    }),
  );
}

/** Deletes an object (S3 answers 204 whether or not it existed). */
export async function deleteObject(s3: S3Client, bucket: string, key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}
