import { afterEach, describe, expect, it, vi } from 'vitest';
import { imageEventId, type ImageEvent } from '../contract/image-events.js';
import { loadConfig } from './config.js';
import { createHandler } from './create-handler.js';
import { solid } from './test-support/images.js';
import { BUCKET, useLocalBucket } from './test-support/local-bucket.js';
import { s3Event, sqsEvent } from './test-support/s3.js';

const bucket = useLocalBucket();

// The log is one JSON object per record, which CloudWatch parses; operators' metric filters and
// the local stack's banner (stack/thumbnail-trigger.ts) read its `message`, `code`, `error` and
// `ms` fields.
describe('the log: one entry per record', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is one JSON line on stdout when no log is given', async () => {
    const lines: unknown[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(line));
    const config = loadConfig({ S3_ENDPOINT: bucket.s3.endpoint, S3_FORCE_PATH_STYLE: 'true' });
    const key = `thumbnails/log-a/${'0'.repeat(16)}-png/320.webp`;
    await createHandler(config, bucket.client)(s3Event(BUCKET, { key, size: 10 }));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual({
      level: 'info',
      message: 'skipped: not a new original',
      key,
    });
  });

  it('gives the time a record took, in milliseconds', async () => {
    const png = await bucket.upload('log-b', 'png', await solid(40, 40, 'png'));
    const started = performance.now();
    await bucket.handler({ THUMBNAIL_WIDTHS: '64' })(s3Event(BUCKET, png));
    const took = performance.now() - started;
    const [entry] = bucket.logs;
    expect(entry).toMatchObject({ message: 'thumbnails written', ms: expect.any(Number) });
    expect(entry!.ms).toBeGreaterThanOrEqual(0);
    expect(entry!.ms).toBeLessThanOrEqual(Math.ceil(took));
  });

  it('names a duplicate notification and the event it told again', async () => {
    const png = await bucket.upload('log-c', 'png', await solid(40, 40, 'png'));
    const told: ImageEvent[] = [];
    const handler = bucket.handler(
      { THUMBNAIL_WIDTHS: '64' },
      { publish: async (event) => void told.push(event) },
    );
    await handler(s3Event(BUCKET, png));
    await handler(s3Event(BUCKET, png));
    expect(bucket.logs[1]).toEqual({
      level: 'info',
      message: 'skipped: already done',
      key: png.key,
      event: await imageEventId('image.ready', png.key, png.etag),
      ms: expect.any(Number),
    });
  });

  it('names a replaced original (ERR_REPLACED)', async () => {
    const first = await bucket.upload('log-d', 'png', await solid(40, 40, 'png'));
    const handler = bucket.handler({ THUMBNAIL_WIDTHS: '64' });
    await handler(s3Event(BUCKET, first));
    await handler(s3Event(BUCKET, await bucket.replace(first, await solid(60, 40, 'png'))));
    expect(bucket.logs.at(-1)).toEqual({
      level: 'warn',
      message: 'refused: the original was replaced after its thumbnails were made; removed it',
      key: first.key,
      code: 'ERR_REPLACED',
      ms: expect.any(Number),
    });
  });

  it('gives the name and message of the error that failed a record', async () => {
    const png = await bucket.upload('log-e', 'png', await solid(40, 40, 'png'));
    await expect(bucket.handler()(s3Event(BUCKET, { ...png, bucket: 'no-such-bucket' }))).rejects.toThrow();
    expect(bucket.logs).toEqual([
      {
        level: 'error',
        message: 'failed, will be retried',
        key: png.key,
        error: { name: 'NoSuchBucket', message: expect.stringMatching(/\S/) },
      },
    ]);
  });

  it('names each SQS message that is not an S3 event, by its message id', async () => {
    const batch = sqsEvent('an S3 event', 'cut short');
    batch.Records[1]!.body = '{"Records":[{"s3":';
    expect(await bucket.handler()(batch)).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }],
    });
    expect(bucket.logs).toEqual(
      ['m1', 'm2'].map((messageId) => ({
        level: 'error',
        message: 'unreadable message',
        messageId,
        error: expect.stringMatching(/^(TypeError|SyntaxError): \S/),
      })),
    );
  });
});
