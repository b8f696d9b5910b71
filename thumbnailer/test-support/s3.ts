/**
 * Helpers for the thumbnailer's tests against a real (local) S3: event builders and readers.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { s3ClientConfig } from '../../contract/s3-client-config.js';
import type { S3EventBridgeEvent } from '../events.js';
import { s3EventRecord } from '../../stack/s3-event-record.js';

/**
 * An S3 client for an endpoint such as s3rver's, with the settings the project requires.
 * @param credentials Default: s3rver's own key.
 */
export function testClient(
  endpoint: string,
  maxAttempts = 3,
  credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
): S3Client {
  return new S3Client(
    s3ClientConfig({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials, maxAttempts }),
  );
}

/** Puts an object (with user `metadata`, if given) and returns its ETag without quotes. */
export async function put(
  s3: S3Client,
  bucket: string,
  key: string,
  body: Buffer,
  metadata?: Record<string, string>,
): Promise<string> {
  const response = await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, Metadata: metadata }),
  );
  return response.ETag!.replace(/"/g, '');
}

/** Keys under a prefix, sorted. */
export async function list(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const response = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (response.Contents ?? []).map((object) => object.Key!).sort();
}

/** Reads an object with its headers (`metadata`: its `x-amz-meta-*`); `undefined` when it does not exist. */
export async function get(s3: S3Client, bucket: string, key: string) {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const body = Buffer.from(await response.Body!.transformToByteArray());
    return {
      body,
      contentType: response.ContentType,
      cacheControl: response.CacheControl,
      metadata: response.Metadata ?? {},
    };
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

interface Created {
  key: string;
  size: number;
  etag?: string;
  bucket?: string;
}

/** A direct S3 notification, keys encoded as S3 encodes them. */
export function s3Event(bucket: string, ...objects: Created[]): S3Event {
  return {
    Records: objects.map((object) =>
      s3EventRecord({
        bucket: object.bucket ?? bucket,
        key: object.key,
        size: object.size,
        eTag: object.etag ?? '',
      }),
    ),
  };
}

/** An SQS batch, one message per event. */
export function sqsEvent(...bodies: unknown[]): SQSEvent {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `m${index + 1}`,
      receiptHandle: 'r',
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 's',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:1:q',
      awsRegion: 'us-east-1',
    })),
  };
}

/** An EventBridge "Object Created" event. */
export function eventBridgeEvent(bucket: string, object: Created): S3EventBridgeEvent {
  return {
    version: '0',
    id: 'e',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '1',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      bucket: { name: bucket },
      object: {
        key: encodeURIComponent(object.key).replace(/%2F/g, '/'),
        size: object.size,
        etag: object.etag ?? '',
      },
    },
  };
}

/**
 * A client whose every request S3 refuses with 403 (an access key it does not know), as S3 answers
 * a missing key to a role without `s3:ListBucket`.
 */
export function refusedClient(endpoint: string): S3Client {
  return testClient(endpoint, 1, { accessKeyId: 'NOT-A-KEY-S3-KNOWS', secretAccessKey: 'nothing' });
}

/**
 * An S3 client whose first `command` (e.g. `'DeleteObjectCommand'`) on a key ending in `keySuffix`
 * fails before it is sent, as if the function stopped just there; everything else reaches S3.
 */
export function failingOnce(endpoint: string, command: string, keySuffix: string): S3Client {
  const client = testClient(endpoint, 1);
  let armed = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const { Key } = args.input as { Key?: string };
      if (armed && context.commandName === command && Key?.endsWith(keySuffix)) {
        armed = false;
        throw Object.assign(new Error(`the function stopped before ${command}`), { name: 'Crash' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'failOnce' },
  );
  return client;
}
