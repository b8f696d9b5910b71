/**
 * The record S3 sends a Lambda function for a created object, built from what a local store
 * knows (s3rver and radosgw emit raw keys): for the local thumbnail trigger, the radosgw
 * notification receiver and tests. The thumbnailer decodes these keys (thumbnailer/events.ts);
 * nothing in production builds them.
 */
import type { S3EventRecord } from 'aws-lambda';

/**
 * Encodes a raw key the way S3 writes it into event notifications: form encoding as Java's
 * `URLEncoder` does it (`+` for space; letters, digits and `-_.*` kept; `!'()~` escaped), `/` kept.
 * The inverse of the thumbnailer's `decodeEventKey`.
 * @example encodeEventKey('uploads/a b+c/Zoë.jpg') // 'uploads/a+b%2Bc/Zo%C3%AB.jpg'
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

/** What is known of a created object; every optional field has a local default. */
export interface CreatedObject {
  bucket: string;
  /** The real key; it is encoded for the record. */
  key: string;
  size: number;
  /** Default `''`. */
  eTag?: string;
  /** Left out when absent or empty. */
  versionId?: string;
  /** Default `01`. */
  sequencer?: string;
  /** Default `ObjectCreated:Put`. */
  eventName?: string;
  /** ISO 8601; default now. */
  eventTime?: string;
  /** Default `us-east-1`. */
  region?: string;
  /** `userIdentity.principalId`; default `local`. */
  principalId?: string;
  /** `requestParameters.sourceIPAddress`; default `127.0.0.1`. */
  sourceIPAddress?: string;
  /** Default `{ 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' }`. */
  responseElements?: S3EventRecord['responseElements'];
  /** The notification's id; default `thumbnails`. */
  configurationId?: string;
  /** The bucket owner's principal id; default `local`. */
  bucketOwner?: string;
  /** Default `arn:aws:s3:::{bucket}`. */
  bucketArn?: string;
}

/**
 * One `Records[]` entry of an S3 event notification, as AWS sends it to Lambda (event version
 * 2.1, source `aws:s3`, the key encoded by {@link encodeEventKey}).
 * @example const event: S3Event = { Records: [s3EventRecord({ bucket: 'images', key, size })] };
 */
export function s3EventRecord(object: CreatedObject): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: object.region ?? 'us-east-1',
    eventTime: object.eventTime ?? new Date().toISOString(),
    eventName: object.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: object.principalId ?? 'local' },
    requestParameters: { sourceIPAddress: object.sourceIPAddress ?? '127.0.0.1' },
    responseElements: object.responseElements ?? { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: object.configurationId ?? 'thumbnails',
      bucket: {
        name: object.bucket,
        ownerIdentity: { principalId: object.bucketOwner ?? 'local' },
        arn: object.bucketArn ?? `arn:aws:s3:::${object.bucket}`,
      },
      object: {
        key: encodeEventKey(object.key),
        size: object.size,
        eTag: object.eTag ?? '',
        ...(object.versionId && { versionId: object.versionId }),
        sequencer: object.sequencer ?? '01',
      },
    },
  };
}
