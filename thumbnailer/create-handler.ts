/**
 * The thumbnailer's Lambda handler, built from a config and an S3 client so that tests and the
 * local stack run exactly what Lambda runs.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchItemFailure, SQSBatchResponse } from 'aws-lambda';
import { PUBLIC_CACHE_CONTROL, privateCacheControl } from '../contract/cache-control.js';
import { manifestKey, parseOriginalKey } from '../contract/object-keys.js';
import { publicCopies } from '../contract/public-copies.js';
import type { ReadyManifest } from '../contract/thumbnail-manifest.js';
import type { ThumbnailerConfig } from './config.js';
import { isSqsEvent, recordsOf } from './events.js';
import type { ObjectCreated, ThumbnailerEvent } from './events.js';
import type { Rejection } from './sniff.js';
import {
  copyObject,
  createS3Client,
  deleteObject,
  readManifest,
  readOriginal,
  readOriginalMetadata,
  writeManifest,
  writeObject,
} from './storage.js';
import { createThumbnails, rejectedManifest } from './thumbnail.js';
import type { SourceObject, ThumbnailFile } from './thumbnail.js';

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
 * makes them (`parseOriginalKey`, contract/object-keys.ts) are skipped. Transient failures (S3 5xx,
 * timeouts) are thrown after the other records are done, so Lambda retries the event; for SQS only
 * the failed messages are returned in `batchItemFailures` (enable `ReportBatchItemFailures` on the
 * event source mapping).
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
    /**
     * True when this original needs no (more) work: its set is already made (a duplicate event), or
     * a set was made from an earlier original under the same key. Public URLs promise the same
     * bytes for the life of the image (`immutable`), so a replacement never gets a set of its own:
     * it is removed, and the first set, its manifest and its public copies stay (ERR_REPLACED).
     */
    const alreadyDone = async (etag: string) => {
      const existing = await readManifest(s3, bucket, metaKey);
      if (existing?.status === 'ready' && existing.sourceEtag !== etag) {
        await deleteObject(s3, bucket, source.key);
        log({
          level: 'warn',
          message: 'refused: the original was replaced after its thumbnails were made; removed it',
          key: source.key,
          code: 'ERR_REPLACED',
          ms: ms(),
        });
        return true;
      }
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
      const metadata = await readOriginalMetadata(s3, bucket, source.key);
      Object.assign(source, { name: metadata.name, visibility: metadata.visibility, size: record.size });
      return reject(tooLarge(record.size, config.maxSourceBytes));
    }
    const original = await readOriginal(s3, bucket, source.key, config.maxSourceBytes);
    if (original === 'missing') {
      log({ level: 'info', message: 'skipped: original is gone', key: source.key, ms: ms() });
      return;
    }
    source.name = original.metadata.name;
    source.visibility = original.metadata.visibility;
    if ('tooLarge' in original) {
      source.size = original.tooLarge;
      return reject(tooLarge(original.tooLarge, config.maxSourceBytes));
    }
    source.size = original.bytes.length;
    if (original.etag) source.etag = original.etag;
    if (record.etag === undefined && (await alreadyDone(source.etag))) return;

    const { manifest, files } = await createThumbnails(original.bytes, source, { ...config, now });
    if (manifest.status === 'rejected') return reject(manifest.reason);
    await Promise.all(
      files.map((file) =>
        writeObject(s3, bucket, file.key, file.body, file.contentType, privateCacheControl()),
      ),
    );
    const published = source.visibility === 'public' ? await publish(bucket, source, manifest, files) : [];
    await writeManifest(s3, bucket, metaKey, manifest); // last: the commit point
    const outputs = files.map((file) => file.key.slice(file.key.lastIndexOf('/') + 1));
    log({
      level: 'info',
      message: 'thumbnails written',
      key: source.key,
      outputs,
      ...(published.length > 0 && { published }),
      ms: ms(),
    });
  }

  /**
   * Writes a public image's public copies (contract/public-copies.ts) before its manifest, so a
   * listing never hands out a public URL that does not answer yet. The original, if
   * `PUBLIC_ORIGINALS`, is copied inside S3, only while it still has the ETag that was checked.
   */
  async function publish(
    bucket: string,
    source: SourceObject,
    manifest: ReadyManifest,
    files: readonly ThumbnailFile[],
  ): Promise<string[]> {
    const bodies = new Map(files.map((file) => [file.key, file.body]));
    const copies = publicCopies(source.id, manifest, config.publicOriginals);
    await Promise.all(
      copies.map((copy) =>
        copy.output
          ? writeObject(
              s3,
              bucket,
              copy.key,
              bodies.get(copy.source)!,
              copy.contentType,
              PUBLIC_CACHE_CONTROL,
            )
          : copyObject(s3, bucket, source, copy.key, copy.contentType, PUBLIC_CACHE_CONTROL),
      ),
    );
    return copies.map((copy) => copy.key);
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
