/**
 * The three ways an `ObjectCreated` notification reaches the thumbnailer, flattened into one
 * record type: S3 invoking Lambda directly, S3 → SQS → Lambda, and S3 → EventBridge → Lambda.
 */
import type { EventBridgeEvent, S3Event, SQSEvent } from 'aws-lambda';

/** `detail` of an EventBridge "Object Created" event from S3. */
export interface S3ObjectCreatedDetail {
  bucket: { name: string };
  object: { key: string; size?: number; etag?: string };
}

/** An EventBridge "Object Created" event from S3. */
export type S3EventBridgeEvent = EventBridgeEvent<'Object Created', S3ObjectCreatedDetail>;

/** Everything the handler accepts. */
export type ThumbnailerEvent = S3Event | SQSEvent | S3EventBridgeEvent;

/** One object-created notification, with its key decoded. */
export interface ObjectCreated {
  bucket: string;
  /** The real key (decoded), or `undefined` when the notification's key was malformed. */
  key: string | undefined;
  /** The key as the notification carried it, for logs. */
  eventKey: string;
  /** Bytes, when the notification says. */
  size?: number;
  /** ETag without quotes, when the notification says. */
  etag?: string;
  /** False for notifications other than object creation (the handler skips them). */
  created: boolean;
}

/**
 * Decodes a key from an S3 event. S3 encodes keys in notifications like an HTML form does:
 * a space is `+`, everything else unsafe is percent-encoded. So `+` must become a space first,
 * then percent-decoding turns `%2B` into a real plus. (The local stack's `encodeEventKey`, in
 * stack/s3-event-record.ts, is the inverse.)
 * @throws {URIError} On malformed percent-encoding.
 * @example decodeEventKey('uploads/a+b%2Bc/Zo%C3%AB.jpg') // 'uploads/a b+c/Zoë.jpg'
 */
export function decodeEventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

const unquote = (etag: string | undefined) => etag?.replace(/^"|"$/g, '') || undefined;

function decodeOrUndefined(decode: (key: string) => string, key: string): string | undefined {
  try {
    return decode(key);
  } catch {
    return undefined; // URIError: malformed percent-encoding, which S3 never writes
  }
}

/** Type guard: an SQS batch (each message body is an S3 or EventBridge event). */
export function isSqsEvent(event: ThumbnailerEvent): event is SQSEvent {
  return 'Records' in event && event.Records.some((record) => 'messageId' in record);
}

/** Records of a direct S3 notification (every record, not just the first). */
export function fromS3Event(event: S3Event): ObjectCreated[] {
  return event.Records.map((record) => ({
    bucket: record.s3.bucket.name,
    key: decodeOrUndefined(decodeEventKey, record.s3.object.key),
    eventKey: record.s3.object.key,
    ...(record.s3.object.size === undefined ? {} : { size: record.s3.object.size }),
    ...(unquote(record.s3.object.eTag) ? { etag: unquote(record.s3.object.eTag)! } : {}),
    created: record.eventName.startsWith('ObjectCreated:'),
  }));
}

/**
 * The record of an EventBridge notification. Its key is encoded like a direct notification's (AWS
 * Lambda Powertools decodes both with `unquote_plus`).
 */
export function fromEventBridge(event: S3EventBridgeEvent): ObjectCreated[] {
  const { bucket, object } = event.detail;
  return [
    {
      bucket: bucket.name,
      key: decodeOrUndefined(decodeEventKey, object.key),
      eventKey: object.key,
      ...(object.size === undefined ? {} : { size: object.size }),
      ...(unquote(object.etag) ? { etag: unquote(object.etag)! } : {}),
      created: event['detail-type'] === 'Object Created',
    },
  ];
}

/**
 * Records of one event, whatever its source. An SQS message body is parsed the same way; S3's
 * `s3:TestEvent` (sent when a queue is first connected) has none.
 * @throws {TypeError} For a shape that is none of the accepted events.
 */
export function recordsOf(event: unknown): ObjectCreated[] {
  if (typeof event !== 'object' || event === null) throw new TypeError('Expected an event object');
  if ('Event' in event && event.Event === 's3:TestEvent') return [];
  if ('detail-type' in event && 'detail' in event) return fromEventBridge(event as S3EventBridgeEvent);
  if ('Records' in event && Array.isArray(event.Records)) {
    if (event.Records.every((record) => typeof record === 'object' && record !== null && 's3' in record)) {
      return fromS3Event(event as S3Event);
    }
  }
  throw new TypeError('Expected an S3, SQS or EventBridge event');
}
