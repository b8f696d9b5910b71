/**
 * Builds the record S3 sends a Lambda function for a created object, from the raw key: for the
 * local stack (s3rver emits raw keys) and for tests. The key is encoded as S3 encodes it.
 */
import type { S3EventRecord } from 'aws-lambda';
import { encodeEventKey } from './source-key.js';

/** What is known of a created object. */
export interface CreatedObject {
  bucket: string;
  /** The real key; it is encoded for the record. */
  key: string;
  size: number;
  eTag?: string;
  /** Default `ObjectCreated:Put`. */
  eventName?: string;
  /** ISO 8601; default now. */
  eventTime?: string;
  /** Default `us-east-1`. */
  region?: string;
  sequencer?: string;
}

/** One `Records[]` entry of an S3 event notification. */
export function s3EventRecord(object: CreatedObject): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: object.region ?? 'us-east-1',
    eventTime: object.eventTime ?? new Date().toISOString(),
    eventName: (object.eventName ?? 'ObjectCreated:Put') as S3EventRecord['eventName'],
    userIdentity: { principalId: 'local' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'thumbnails',
      bucket: {
        name: object.bucket,
        ownerIdentity: { principalId: 'local' },
        arn: `arn:aws:s3:::${object.bucket}`,
      },
      object: {
        key: encodeEventKey(object.key),
        size: object.size,
        eTag: object.eTag ?? '',
        sequencer: object.sequencer ?? '01',
      },
    },
  };
}
