/**
 * The clients the thumbnailer builds for itself on Lambda (no client injected): S3 from `config.s3`
 * and EventBridge from `EVENT_BUS_NAME`, with the default credential chain. A stalled service must
 * fail the call, so the record fails and is retried, instead of hanging until the function's
 * timeout takes every record of the batch with it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeImageId, originalKey } from '../contract/object-keys.js';
import { startLocalS3, type LocalS3 } from '../stack/local-s3.js';
import { configuredPublisher, createAnnouncer } from './announce.js';
import { loadConfig } from './config.js';
import { createS3Client, readOriginal } from './storage.js';
import { solid } from './test-support/images.js';
import { put, testClient } from './test-support/s3.js';
import { startStalledServer, type StalledServer } from './test-support/stalled-server.js';
import { rejectedManifest } from './thumbnail.js';

const BUCKET = 'images';
const ID = makeImageId('clients000000001', 'png');
const KEY = originalKey('owner1', ID);
let s3: LocalS3;
let stalled: StalledServer;

beforeAll(async () => {
  s3 = await startLocalS3({ port: 0, bucket: BUCKET, corsOrigins: [] });
  stalled = await startStalledServer();
  // The default credential chain reads these, as on Lambda; one attempt, so a stall is seen once.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([s3?.close(), stalled?.close()]);
});

describe('the S3 client (createS3Client)', () => {
  it('reaches S3_ENDPOINT, path-style, with the default credentials', async () => {
    const body = await solid(20, 10, 'png');
    const writer = testClient(s3.endpoint);
    const etag = await put(writer, BUCKET, KEY, body);
    writer.destroy();
    const client = createS3Client(loadConfig({ S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true' }));
    try {
      expect(await readOriginal(client, BUCKET, KEY, 1_000_000)).toMatchObject({ bytes: body, etag });
    } finally {
      client.destroy();
    }
  });
});

describe.concurrent('a stalled service fails the call with a TimeoutError, so the record is retried', () => {
  it('S3 (createS3Client): a read, after 30 s without a byte', async () => {
    const client = createS3Client(loadConfig({ S3_ENDPOINT: stalled.endpoint, S3_FORCE_PATH_STYLE: 'true' }));
    const started = performance.now();
    try {
      await expect(readOriginal(client, BUCKET, KEY, 1000)).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    } finally {
      client.destroy();
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(29_000);
  }, 45_000);
  it('EventBridge (EVENT_BUS_NAME): a publish, after 10 s without a byte', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_EVENTBRIDGE', stalled.endpoint);
    const config = loadConfig({ EVENT_BUS_NAME: 'image-events' });
    const announce = createAnnouncer(config, configuredPublisher(config));
    const source = { key: KEY, etag: '0cc175b9c0f1b6a831c399e269772661', owner: 'owner1', id: ID };
    const manifest = rejectedManifest(source, { code: 'ERR_NOT_AN_IMAGE', message: 'not an image' });
    const started = performance.now();
    await expect(announce(manifest)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(9_000);
  }, 45_000);
});
