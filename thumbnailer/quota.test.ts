import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImageId, originalKey } from '../contract/object-keys.js';
import { createDynamoDbClient, createQuotaStore, type QuotaStore } from '../quota/index.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../stack/local-dynamodb.js';
import { startLocalS3, type LocalS3 } from '../stack/local-s3.js';
import { loadConfig } from './config.js';
import { createHandler } from './create-handler.js';
import { phoneJpeg } from './test-support/images.js';
import { put, s3Event, testClient } from './test-support/s3.js';

const BUCKET = 'images';
const MINUTE = 60_000;
let s3: LocalS3;
let db: LocalDynamoDb;
let client: S3Client;
let store: QuotaStore;

beforeAll(async () => {
  [s3, db] = await Promise.all([
    startLocalS3({ port: 0, bucket: BUCKET, corsOrigins: [] }),
    startLocalDynamoDb(),
  ]);
  client = testClient(s3.endpoint);
  store = createQuotaStore({ client: createDynamoDbClient({ endpoint: db.endpoint }), table: db.table });
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
  await db?.close();
});

// The handler as Lambda builds it: the quota table from QUOTA_TABLE and DYNAMODB_ENDPOINT.
const handler = () =>
  createHandler(
    loadConfig({ S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true', THUMBNAIL_WIDTHS: '64', ...db.env }),
    client,
    {
      log: () => {},
    },
  );

async function stored(owner: string, name: string, body: Buffer, declared: number) {
  const id = makeImageId(name.padEnd(16, '0'), 'jpg');
  const key = originalKey(owner, id);
  await store.reserve(owner, [{ id, bytes: declared }], { bytes: 10_000_000 }, Date.now() + MINUTE);
  const etag = await put(client, BUCKET, key, body);
  return s3Event(BUCKET, { key, size: body.length, etag });
}

describe('thumbnailer and the quota table', () => {
  it('reads QUOTA_TABLE and DYNAMODB_ENDPOINT, and refuses an endpoint without a table', () => {
    expect(loadConfig(db.env).quota).toEqual({ table: db.table, endpoint: db.endpoint });
    expect(loadConfig({}).quota).toBeUndefined();
    expect(() => loadConfig({ DYNAMODB_ENDPOINT: db.endpoint })).toThrow(/QUOTA_TABLE/);
  });

  it('settles a finished image at its real size, once, however often it runs', async () => {
    const photo = await phoneJpeg(320, 240);
    const event = await stored('quota-owner-a', 'ready', photo, photo.length + 5000);
    const run = handler();
    await run(event);
    await run(event);
    await handler()(event);
    expect(await store.usage('quota-owner-a')).toEqual({
      bytes: { used: photo.length, reserved: 0 },
      images: { used: 1, reserved: 0 },
    });
  });

  it('releases a rejected upload, and a second run changes nothing', async () => {
    const event = await stored('quota-owner-b', 'rejected', Buffer.alloc(3000, 1), 3000);
    expect((await store.usage('quota-owner-b')).bytes.reserved).toBe(3000);
    await handler()(event);
    await handler()(event);
    expect(await store.usage('quota-owner-b')).toEqual({
      bytes: { used: 0, reserved: 0 },
      images: { used: 0, reserved: 0 },
    });
  });
});
