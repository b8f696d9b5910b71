/**
 * The S3 API calls the signer makes itself (as opposed to the URLs it presigns for browsers).
 * `@aws-sdk/client-s3` is imported on first use, so a cold start that only presigns never loads it.
 */
import type * as ClientS3 from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { UploadedPart } from '../../contract/api.js';
import { s3ClientConfig } from '../../contract/s3-client-config.js';
import { readUploadMetadata, s3Metadata, type UploadMetadata } from '../../contract/upload-metadata.js';
import type { SignerConfig } from '../config.js';
import { SignerError } from '../signer-error.js';
import { ORIGINAL_ACL, ORIGINAL_CACHE_CONTROL, ORIGINAL_DISPOSITION } from './object-headers.js';

type Sdk = typeof ClientS3;

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
  /** The metadata signed into the upload; only `head` reads it (a listing does not carry it). */
  metadata?: Partial<UploadMetadata>;
}

export interface S3Operations {
  /**
   * Starts a multipart upload whose object will have this type and metadata, and the ACL,
   * disposition and Cache-Control every original has (object-headers.ts); returns its id.
   */
  createMultipartUpload(key: string, contentType: string, metadata: UploadMetadata): Promise<string>;
  /** Every part S3 holds, in ascending part number order. */
  listParts(key: string, uploadId: string): Promise<UploadedPart[]>;
  /**
   * Completes with these parts, on the condition that no object has the key yet (`If-None-Match:
   * *`; AWS answers 412 otherwise, Ceph radosgw 16 ignores the condition on this request).
   */
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
  ): Promise<void>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /**
   * How many multipart uploads are open (created, neither completed nor aborted) under `prefix`,
   * counting no further than `atMost + 1` (enough to know it is over `atMost`).
   */
  countOpenUploads(prefix: string, atMost: number): Promise<number>;
  /** Objects under `prefix` after the key `startAfter`, in key order. */
  list(
    prefix: string,
    limit: number,
    startAfter?: string,
  ): Promise<{ objects: StoredObject[]; truncated: boolean }>;
  /** The "folders" directly under `prefix` (delimiter `/`), after the key `startAfter`. */
  listFolders(
    prefix: string,
    limit: number,
    startAfter?: string,
  ): Promise<{ folders: string[]; truncated: boolean }>;
  /** Returns undefined when the object does not exist. */
  getText(key: string): Promise<string | undefined>;
  head(key: string): Promise<StoredObject | undefined>;
  deleteKeys(keys: string[]): Promise<void>;
  /**
   * Copies `source` to `key` inside the bucket with a new type and Cache-Control (no user metadata).
   * @throws {SignerError} 404 ERR_NOT_FOUND when `source` is gone
   */
  copy(source: string, key: string, contentType: string, cacheControl: string): Promise<void>;
  /** Writes a small text object (a manifest). */
  putText(key: string, text: string, contentType: string, cacheControl: string): Promise<void>;
  /** The client's resolved credentials provider (the AWS default chain), for presigning. */
  credentials(): Promise<AwsCredentialIdentity>;
}

/** Creates the lazily-loaded S3 operations for the configured bucket. */
export function createS3Operations(s3: SignerConfig['s3']): S3Operations {
  let loaded: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client(
        s3ClientConfig({
          region: s3.region,
          ...(s3.endpoint && { endpoint: s3.endpoint }),
          forcePathStyle: s3.forcePathStyle,
          // A copy: the config is frozen and the SDK tags the credentials object it is given.
          ...(s3.credentials && { credentials: { ...s3.credentials } }),
        }),
      ),
    })));
  const Bucket = s3.bucket;
  const run = async <T>(call: (sdk: Sdk, client: S3Client) => Promise<T>): Promise<T> => {
    const { sdk, client } = await load();
    try {
      return await call(sdk, client);
    } catch (error) {
      throw toSignerError(error);
    }
  };

  return {
    createMultipartUpload: (key, contentType, metadata) =>
      run(async (sdk, client) => {
        const out = await client.send(
          new sdk.CreateMultipartUploadCommand({
            Bucket,
            Key: key,
            ContentType: contentType,
            ContentDisposition: ORIGINAL_DISPOSITION,
            CacheControl: ORIGINAL_CACHE_CONTROL,
            ACL: ORIGINAL_ACL,
            Metadata: s3Metadata(metadata),
          }),
        );
        if (!out.UploadId)
          throw new SignerError('ERR_STORAGE_UNAVAILABLE', 502, 'Storage returned no upload id');
        return out.UploadId;
      }),
    listParts: (key, uploadId) =>
      run(async (sdk, client) => {
        const parts: UploadedPart[] = [];
        let marker: string | undefined;
        do {
          const out = await client.send(
            new sdk.ListPartsCommand({ Bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }),
          );
          for (const part of out.Parts ?? []) {
            parts.push({ partNumber: part.PartNumber!, etag: part.ETag!, size: part.Size ?? 0 });
          }
          marker = out.IsTruncated ? out.NextPartNumberMarker : undefined;
        } while (marker);
        return parts;
      }),
    completeMultipartUpload: (key, uploadId, parts) =>
      run(async (sdk, client) => {
        await client.send(
          new sdk.CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            IfNoneMatch: '*',
            MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
          }),
        );
      }),
    abortMultipartUpload: (key, uploadId) =>
      run(async (sdk, client) => {
        await client.send(new sdk.AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId }));
      }),
    countOpenUploads: (prefix, atMost) =>
      run(async (sdk, client) => {
        let count = 0;
        let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
        do {
          const out = await client.send(
            new sdk.ListMultipartUploadsCommand({
              Bucket,
              Prefix: prefix,
              MaxUploads: Math.min(1000, atMost + 1 - count),
              ...markers,
            }),
          );
          count += out.Uploads?.length ?? 0;
          markers = out.IsTruncated
            ? { KeyMarker: out.NextKeyMarker, UploadIdMarker: out.NextUploadIdMarker }
            : {};
        } while (markers.KeyMarker && count <= atMost);
        return count;
      }),
    list: (prefix, limit, startAfter) =>
      run(async (sdk, client) => {
        const out = await client.send(
          new sdk.ListObjectsV2Command({ Bucket, Prefix: prefix, MaxKeys: limit, StartAfter: startAfter }),
        );
        const objects = (out.Contents ?? []).map((o) => ({
          key: o.Key!,
          size: o.Size ?? 0,
          lastModified: o.LastModified!,
        }));
        return { objects, truncated: out.IsTruncated === true };
      }),
    listFolders: (prefix, limit, startAfter) =>
      run(async (sdk, client) => {
        const out = await client.send(
          new sdk.ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            Delimiter: '/',
            MaxKeys: limit,
            StartAfter: startAfter,
          }),
        );
        return {
          folders: (out.CommonPrefixes ?? []).map((p) => p.Prefix!),
          truncated: out.IsTruncated === true,
        };
      }),
    getText: (key) =>
      run(async (sdk, client) => {
        try {
          const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
          return await out.Body!.transformToString();
        } catch (error) {
          if (isNotFound(error)) return undefined;
          throw error;
        }
      }),
    head: (key) =>
      run(async (sdk, client) => {
        try {
          const out = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: key }));
          return {
            key,
            size: out.ContentLength ?? 0,
            lastModified: out.LastModified!,
            metadata: readUploadMetadata(out.Metadata),
          };
        } catch (error) {
          if (isNotFound(error)) return undefined;
          throw error;
        }
      }),
    deleteKeys: (keys) =>
      run(async (sdk, client) => {
        // One DeleteObject per key: DeleteObjects needs a Content-MD5 that some S3-compatible stores mishandle.
        await Promise.all(keys.map((key) => client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }))));
      }),
    copy: (source, key, contentType, cacheControl) =>
      run(async (sdk, client) => {
        await client.send(
          new sdk.CopyObjectCommand({
            Bucket,
            Key: key,
            // `bucket/key`, the key URL-encoded with its slashes kept (CopyObject's x-amz-copy-source).
            CopySource: `${Bucket}/${encodeURIComponent(source).replace(/%2F/g, '/')}`,
            MetadataDirective: 'REPLACE',
            ContentType: contentType,
            CacheControl: cacheControl,
          }),
        );
      }),
    putText: (key, text, contentType, cacheControl) =>
      run(async (sdk, client) => {
        await client.send(
          new sdk.PutObjectCommand({
            Bucket,
            Key: key,
            Body: text,
            ContentType: contentType,
            CacheControl: cacheControl,
          }),
        );
      }),
    credentials: async () => {
      const { client } = await load();
      return client.config.credentials();
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Maps S3 errors by their name/status, never by message text. The SDK's error stays as the
 * `cause`, which the app's error handler logs (its name, status and request id; never secrets).
 */
function toSignerError(error: unknown): unknown {
  if (error instanceof SignerError) return error;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  switch (e.name) {
    // Ceph radosgw answers ListParts for an unknown upload with NoSuchKey where S3 says NoSuchUpload.
    case 'NoSuchUpload':
    case 'NoSuchKey':
      return new SignerError('ERR_NOT_FOUND', 404, 'No such upload', {}, { cause: error });
    case 'InvalidPart':
    case 'InvalidPartOrder':
    case 'EntityTooSmall':
      return new SignerError(
        'ERR_INVALID_PARTS',
        400,
        `Storage refused the parts (${e.name})`,
        {},
        { cause: error },
      );
  }
  const status = e.$metadata?.httpStatusCode;
  const networkFailure =
    NETWORK_ERRORS.has((error as { code?: string }).code ?? '') || e.name === 'TimeoutError';
  if (networkFailure || (status !== undefined && status >= 500)) {
    return new SignerError(
      'ERR_STORAGE_UNAVAILABLE',
      503,
      'Storage is unavailable; try again',
      { 'Retry-After': '2' },
      { cause: error },
    );
  }
  return error;
}
