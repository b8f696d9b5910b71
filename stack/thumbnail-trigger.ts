/**
 * The local stand-in for S3's Lambda trigger: turns the local S3's `ObjectCreated` events into
 * S3-shaped Lambda events (keys encoded as S3 encodes them; s3rver emits raw keys) and runs the
 * thumbnailer's real handler in-process, one image at a time, logging one line per image. With
 * `publish`, each committed manifest's `image.ready` or `image.rejected` goes there.
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { PublishImageEvent } from '../contract/image-events.js';
import { ORIGINALS_PREFIX } from '../contract/object-keys.js';
import { createHandler, loadConfig } from '../thumbnailer/index.js';
import type { LogEntry } from '../thumbnailer/index.js';
import { localS3Client, type LocalS3Event } from './local-s3.js';
import { s3EventRecord } from './s3-event-record.js';

/** Where the local S3 listens and how to sign for it. */
export interface ThumbnailTriggerTarget {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Options of {@link createThumbnailTrigger}. */
export interface ThumbnailTriggerOptions {
  /** Receives one line per image (default `console.log`). */
  log?: (line: string) => void;
  /** Extra thumbnailer settings, as environment variables (e.g. `{ THUMBNAIL_WIDTHS: '256' }`). */
  env?: Record<string, string>;
  /**
   * Where `image.ready` and `image.rejected` go (the thumbnailer's `HandlerOptions.publish`), e.g.
   * the stack's webhook queue. Default: none (the thumbnailer's own default, EventBridge, needs
   * `EVENT_BUS_NAME` in `env`).
   */
  publish?: PublishImageEvent;
}

/** A running trigger. */
export interface ThumbnailTrigger {
  /** Give it every event of the local S3; it never throws. */
  onEvent(event: LocalS3Event): void;
  /** Resolves when every job started so far (and any it caused) has finished. */
  idle(): Promise<void>;
  /** Waits for the jobs, then releases the S3 client. */
  close(): Promise<void>;
}

function formatLine(entry: LogEntry): string {
  const took = typeof entry.ms === 'number' ? ` (${entry.ms} ms)` : '';
  if (Array.isArray(entry.outputs)) return `thumbnailer: ${entry.key} → ${entry.outputs.join(' ')}${took}`;
  if (entry.code) return `thumbnailer: ${entry.key} rejected ${String(entry.code)}${took}`;
  const error = entry.error as { name?: string; message?: string } | undefined;
  return `thumbnailer: ${entry.key ?? ''} ${entry.message}${error ? `: ${error.name} ${error.message}` : ''}`;
}

function toLambdaRecord(record: LocalS3Event['Records'][number]): S3EventRecord {
  return s3EventRecord({
    bucket: record.s3.bucket.name,
    key: record.s3.object.key,
    size: record.s3.object.size ?? 0,
    eTag: record.s3.object.eTag ?? '',
    eventName: record.eventName,
    eventTime: record.eventTime,
    region: record.awsRegion,
    sequencer: record.s3.object.sequencer,
  });
}

/**
 * Connects the local S3's events to the thumbnailer. Like the deployed notification, only
 * `ObjectCreated` events under `uploads/` invoke it.
 * @example
 * const trigger = createThumbnailTrigger(s3);
 * const s3 = await startLocalS3({ ..., onEvent: (event) => trigger.onEvent(event) });
 */
export function createThumbnailTrigger(
  target: ThumbnailTriggerTarget,
  options: ThumbnailTriggerOptions = {},
): ThumbnailTrigger {
  const log = options.log ?? ((line: string) => console.log(line));
  const client = localS3Client(target);
  const config = loadConfig({
    ...options.env,
    S3_ENDPOINT: target.endpoint,
    S3_REGION: target.region,
    S3_FORCE_PATH_STYLE: 'true',
  });
  const handler = createHandler(config, client, {
    ...(options.publish && { publish: options.publish }),
    log: (entry) => {
      if (!entry.message.startsWith('skipped: not a new original')) log(formatLine(entry));
    },
  });
  let queue: Promise<void> = Promise.resolve();

  return {
    onEvent(event) {
      const records = event.Records.filter(
        (record) =>
          record.eventName.startsWith('ObjectCreated:') && record.s3.object.key.startsWith(ORIGINALS_PREFIX),
      );
      if (records.length === 0) return;
      const lambdaEvent: S3Event = { Records: records.map(toLambdaRecord) };
      // One at a time, like a function with reserved concurrency 1: predictable memory locally.
      // The handler has logged each failure; Lambda would retry, the local stack does not.
      queue = queue.then(() =>
        handler(lambdaEvent).then(
          () => undefined,
          () => undefined,
        ),
      );
    },
    async idle() {
      let current: Promise<void>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    },
    async close() {
      await this.idle();
      client.destroy();
    },
  };
}
