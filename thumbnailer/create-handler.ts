/**
 * The thumbnailer's Lambda handler, built from a config and an S3 client so that tests and the
 * local stack run exactly what Lambda runs.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchItemFailure, SQSBatchResponse } from 'aws-lambda';
import { PUBLIC_CACHE_CONTROL, privateCacheControl } from '../contract/cache-control.js';
import type { PublishImageEvent } from '../contract/image-events.js';
import { manifestKey, parseOriginalKey } from '../contract/object-keys.js';
import { publicCopies } from '../contract/public-copies.js';
import type { ReadyManifest } from '../contract/thumbnail-manifest.js';
import type { UploadMetadata } from '../contract/upload-metadata.js';
import { createDynamoDbClient, createQuotaStore, type QuotaStore } from '../quota/index.js';
import { configuredPublisher, createAnnouncer } from './announce.js';
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
  readOriginalHead,
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
  /**
   * Where `image.ready` and `image.rejected` go once a manifest is committed; it must reject when
   * the event was not taken (the record then fails and is retried). Default: the EventBridge bus
   * `EVENT_BUS_NAME` (`config.eventBusName`), or no events when it is unset.
   */
  publish?: PublishImageEvent;
  /**
   * Where finished images are counted (settled at their real size) and rejected ones' reservations
   * released. Default: the table `QUOTA_TABLE` (`config.quota`), or nothing when it is unset.
   */
  quota?: QuotaStore;
}

/** The handler: resolves when every record is done; throws (or, for SQS, reports) failures. */
export type ThumbnailerHandler = (event: ThumbnailerEvent) => Promise<void | SQSBatchResponse>;

const tooLarge = (size: number, max: number): Rejection => ({
  code: 'ERR_TOO_LARGE',
  message: `The file is ${size} bytes; the limit is ${max} bytes.`,
});

/** What the signer bound into the upload, as the manifest and the events keep it. */
const signedBy = ({ name, visibility, iss, sub, metadata }: Partial<UploadMetadata>) => ({
  name,
  visibility,
  iss,
  sub,
  metadata,
});

/**
 * Builds the handler for S3 `ObjectCreated` notifications, delivered directly, through SQS or
 * through EventBridge. Every record is handled; keys that are not an original's key as the signer
 * makes them (`parseOriginalKey`, contract/object-keys.ts) are skipped. Transient failures (S3 5xx,
 * timeouts) are thrown after the other records are done, so Lambda retries the event; for SQS only
 * the failed messages are returned in `batchItemFailures` (enable `ReportBatchItemFailures` on the
 * event source mapping).
 *
 * After each manifest (the commit point) it publishes `image.ready` or `image.rejected`
 * (thumbnailer/announce.ts). A publish that fails fails the record, and the retry, finding the
 * manifest already written for that ETag, publishes the same event again (same id). So does a
 * duplicate notification: delivery is at least once, and receivers deduplicate on the id. A
 * replaced original (`ERR_REPLACED`) publishes nothing.
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
  const announce = createAnnouncer(config, options.publish ?? configuredPublisher(config));
  const quota =
    options.quota ??
    (config.quota &&
      createQuotaStore({
        client: createDynamoDbClient({
          region: config.s3.region,
          ...(config.quota.endpoint && { endpoint: config.quota.endpoint }),
        }),
        table: config.quota.table,
      }));

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
      const manifest = rejectedManifest(source, reason, now());
      await writeManifest(s3, bucket, metaKey, manifest);
      if (config.deleteRejectedOriginals) await deleteObject(s3, bucket, source.key);
      await quota?.release(source.owner, source.id);
      const event = await announce(manifest);
      log({
        level: 'warn',
        message: 'rejected',
        key: source.key,
        code: reason.code,
        ...(event && { event }),
        ms: ms(),
      });
    };
    /**
     * True when this original needs no (more) work: its set is already made (a duplicate event, or
     * a retry after the manifest was written), or a set was made from an earlier original under the
     * same key. Public URLs promise the same bytes for the life of the image (`immutable`), so a
     * replacement never gets a set of its own: it is removed, and the first set, its manifest and
     * its public copies stay (ERR_REPLACED), and nothing is announced.
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
      // And a retry after the manifest but before the quota was told tells it now (settle and
      // release change nothing the second time).
      if (existing.status === 'rejected') await quota?.release(source.owner, source.id);
      else if (existing.sourceSize !== undefined)
        await quota?.settle(source.owner, source.id, existing.sourceSize);
      // Told again, every time: a duplicate notification cannot be told apart from a retry after
      // the manifest was written but its event not taken, and the event is the same (same id).
      const event = await announce(existing);
      log({
        level: 'info',
        message: 'skipped: already done',
        key: source.key,
        ...(event && { event }),
        ms: ms(),
      });
      return true;
    };
    const gone = async () => {
      // Deleted (or aborted) before it was read: its reservation, if any, is given back.
      await quota?.release(source.owner, source.id);
      log({ level: 'info', message: 'skipped: original is gone', key: source.key, ms: ms() });
    };

    if (record.etag !== undefined && (await alreadyDone(record.etag))) return;
    if (record.size !== undefined && record.size > config.maxSourceBytes) {
      // Not read, but who uploaded it and its name still go into the manifest and the event.
      const head = await readOriginalHead(s3, bucket, source.key);
      if (head === 'missing') return gone();
      if (record.etag === undefined) {
        if (await alreadyDone(head.etag)) return;
        source.etag = head.etag;
      }
      Object.assign(source, signedBy(head.metadata), { size: record.size });
      return reject(tooLarge(record.size, config.maxSourceBytes));
    }
    const original = await readOriginal(s3, bucket, source.key, config.maxSourceBytes);
    if (original === 'missing') return gone();
    if (record.etag === undefined && (await alreadyDone(original.etag))) return;
    if (original.etag) source.etag = original.etag;
    Object.assign(source, signedBy(original.metadata));
    if ('tooLarge' in original) {
      source.size = original.tooLarge;
      return reject(tooLarge(original.tooLarge, config.maxSourceBytes));
    }
    source.size = original.bytes.length;

    const { manifest, files } = await createThumbnails(original.bytes, source, { ...config, now });
    if (manifest.status === 'rejected') return reject(manifest.reason);
    await Promise.all(
      files.map((file) =>
        writeObject(s3, bucket, file.key, file.body, file.contentType, privateCacheControl()),
      ),
    );
    const published =
      source.visibility === 'public'
        ? await writePublicCopies(bucket, source, original.publicMetadata, manifest, files)
        : [];
    await writeManifest(s3, bucket, metaKey, manifest); // last: the commit point
    // Counted at its real size, even when its reservation expired before the upload finished.
    await quota?.settle(source.owner, source.id, source.size);
    const event = await announce(manifest);
    const outputs = files.map((file) => file.key.slice(file.key.lastIndexOf('/') + 1));
    log({
      level: 'info',
      message: 'thumbnails written',
      key: source.key,
      outputs,
      ...(published.length > 0 && { published }),
      ...(event && { event }),
      ms: ms(),
    });
  }

  /**
   * Writes a public image's public copies (contract/public-copies.ts) before its manifest, so a
   * listing never hands out a public URL that does not answer yet. The original, if
   * `PUBLIC_ORIGINALS`, is copied inside S3, only while it still has the ETag that was checked,
   * keeping of its user metadata only `publicMetadata` (the file's name).
   */
  async function writePublicCopies(
    bucket: string,
    source: SourceObject,
    publicMetadata: Record<string, string>,
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
          : copyObject(s3, bucket, source, copy.key, copy.contentType, PUBLIC_CACHE_CONTROL, publicMetadata),
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
