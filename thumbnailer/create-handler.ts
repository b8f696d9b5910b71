/**
 * The thumbnailer's Lambda handler, built from a config and an S3 client so that tests and the
 * local stack run exactly what Lambda runs.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchItemFailure, SQSBatchResponse } from 'aws-lambda';
import { manifestKey, parseOriginalKey } from '../contract/object-keys.js';
import type { ThumbnailerConfig } from './config.js';
import { isSqsEvent, recordsOf } from './events.js';
import type { ObjectCreated, ThumbnailerEvent } from './events.js';
import type { Rejection } from './sniff.js';
import {
  createS3Client,
  deleteObject,
  readManifest,
  readOriginal,
  readOriginalMetadata,
  THUMBNAIL_CACHE_CONTROL,
  writeManifest,
  writeObject,
} from './storage.js';
import { createThumbnails, rejectedManifest } from './thumbnail.js';
import type { SourceObject } from './thumbnail.js';

/** One log line. Keys are logged; bodies, credentials and URLs never are. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  key?: string;
  [field: string]: unknown;
}

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  /** Receives one entry per record; default: one JSON line on stdout (CloudWatch parses it). */
  log?: (entry: LogEntry) => void;
  /** Clock for manifests' `createdAt`. */
  now?: () => Date;
}

/** The handler: resolves when every record is done; throws (or, for SQS, reports) failures. */
export type ThumbnailerHandler = (event: ThumbnailerEvent) => Promise<void | SQSBatchResponse>;

const tooLarge = (size: number, max: number): Rejection => ({
  code: 'ERR_TOO_LARGE',
  message: `The file is ${size} bytes; the limit is ${max} bytes.`,
});

/**
 * Builds the handler for S3 `ObjectCreated` notifications, delivered directly, through SQS or
 * through EventBridge. Every record is handled; keys that are not an original's key as the signer
 * makes them (`parseOriginalKey`, contract/object-keys.ts) are skipped. Transient failures (S3 5xx, timeouts) are thrown after the other records are done,
 * so Lambda retries the event; for SQS only the failed messages are returned in
 * `batchItemFailures` (enable `ReportBatchItemFailures` on the event source mapping).
 * @param config From {@link loadConfig}.
 * @param s3 Defaults to a client built from `config.s3` and the default credential chain.
 * @example export const handler = createHandler(loadConfig(process.env));
 */
export function createHandler(
  config: ThumbnailerConfig,
  s3: S3Client = createS3Client(config),
  options: HandlerOptions = {},
): ThumbnailerHandler {
  const log = options.log ?? ((entry: LogEntry) => console.log(JSON.stringify(entry)));
  const now = options.now ?? (() => new Date());

  async function handleRecord(record: ObjectCreated): Promise<void> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const parsed = record.key === undefined ? undefined : parseOriginalKey(record.key);
    if (!record.created || !parsed) {
      log({ level: 'info', message: 'skipped: not a new original', key: record.eventKey });
      return;
    }
    const { bucket } = record;
    const source: SourceObject = {
      key: record.key!,
      etag: record.etag ?? '',
      owner: parsed.owner,
      id: parsed.id,
    };
    const metaKey = manifestKey(source.owner, source.id);

    const reject = async (reason: Rejection) => {
      await writeManifest(s3, bucket, metaKey, rejectedManifest(source, reason, now()));
      if (config.deleteRejectedOriginals) await deleteObject(s3, bucket, source.key);
      log({ level: 'warn', message: 'rejected', key: source.key, code: reason.code, ms: ms() });
    };
    const alreadyDone = async (etag: string) => {
      const existing = await readManifest(s3, bucket, metaKey);
      if (existing?.sourceEtag !== etag) return false;
      // A retry after the manifest was written but before the delete finishes the rejection.
      if (existing.status === 'rejected' && config.deleteRejectedOriginals) {
        await deleteObject(s3, bucket, source.key);
      }
      log({ level: 'info', message: 'skipped: already done', key: source.key, ms: ms() });
      return true;
    };

    if (record.etag !== undefined && (await alreadyDone(record.etag))) return;
    if (record.size !== undefined && record.size > config.maxSourceBytes) {
      // Not read, but its name still goes into the manifest, so the listing can say which file.
      source.name = (await readOriginalMetadata(s3, bucket, source.key)).name;
      return reject(tooLarge(record.size, config.maxSourceBytes));
    }
    const original = await readOriginal(s3, bucket, source.key, config.maxSourceBytes);
    if (original === 'missing') {
      log({ level: 'info', message: 'skipped: original is gone', key: source.key, ms: ms() });
      return;
    }
    source.name = original.metadata.name;
    if ('tooLarge' in original) return reject(tooLarge(original.tooLarge, config.maxSourceBytes));
    if (original.etag) source.etag = original.etag;
    if (record.etag === undefined && (await alreadyDone(source.etag))) return;

    const result = await createThumbnails(original.bytes, source, { ...config, now });
    if (result.manifest.status === 'rejected') return reject(result.manifest.reason);
    await Promise.all(
      result.files.map((file) =>
        writeObject(s3, bucket, file.key, file.body, file.contentType, THUMBNAIL_CACHE_CONTROL),
      ),
    );
    await writeManifest(s3, bucket, metaKey, result.manifest); // last: the commit point
    const outputs = result.files.map((file) => file.key.slice(file.key.lastIndexOf('/') + 1));
    log({ level: 'info', message: 'thumbnails written', key: source.key, outputs, ms: ms() });
  }

  async function processAll(records: ObjectCreated[]): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const record of records) {
      try {
        await handleRecord(record);
      } catch (error) {
        const { name, message } = error as Error;
        log({
          level: 'error',
          message: 'failed, will be retried',
          key: record.eventKey,
          error: { name, message },
        });
        failures.push(error);
      }
    }
    return failures;
  }

  return async function handler(event) {
    if (isSqsEvent(event)) {
      const batchItemFailures: SQSBatchItemFailure[] = [];
      for (const message of event.Records) {
        let records: ObjectCreated[];
        try {
          records = recordsOf(JSON.parse(message.body));
        } catch (error) {
          log({
            level: 'error',
            message: 'unreadable message',
            messageId: message.messageId,
            error: String(error),
          });
          batchItemFailures.push({ itemIdentifier: message.messageId });
          continue;
        }
        if ((await processAll(records)).length > 0)
          batchItemFailures.push({ itemIdentifier: message.messageId });
      }
      return { batchItemFailures };
    }
    const records = recordsOf(event);
    const failures = await processAll(records);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1)
      throw new AggregateError(failures, `${failures.length} of ${records.length} records failed`);
  };
}
