/**
 * A reservation is given back when the tickets could not be handed out: S3 failing to create a
 * multipart upload answers 503, and the room the file reserved is free again at once, not only
 * when its URLs would have expired (a local DynamoDB, dynalite; an S3 endpoint that answers 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageResponse } from '../../contract/api.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../stack/local-dynamodb.js';
import { startFailingS3, type FailingS3 } from '../test-support/failing-s3.js';
import { SMALL_UPLOAD_LIMITS, createTestApp, customLoginToken } from '../test-support/test-app.js';

const MIB = 1024 * 1024;
let db: LocalDynamoDb;
let s3: FailingS3;
beforeAll(async () => {
  [db, s3] = await Promise.all([startLocalDynamoDb(), startFailingS3()]);
  s3.listsNoOpenUploads = true;
});
afterAll(() => Promise.all([db?.close(), s3?.close()]));

describe('POST /v1/uploads with quotas', () => {
  it('gives the reservation back when S3 fails to create the multipart upload (503)', async () => {
    const { app } = createTestApp({
      s3: { endpoint: s3.endpoint, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      env: { ...db.env, ...SMALL_UPLOAD_LIMITS },
      deps: { logError: () => {} },
    });
    const headers = {
      authorization: `Bearer ${await customLoginToken('released')}`,
      'content-type': 'application/json',
    };
    const response = await app.request('/v1/uploads', {
      method: 'POST',
      headers,
      body: JSON.stringify({ files: [{ name: 'big.png', type: 'image/png', size: 7 * MIB }] }),
    });
    expect(response.status).toBe(503);
    const usage = (await (await app.request('/v1/usage', { headers })).json()) as UsageResponse;
    expect([usage.bytes.reserved, usage.images.reserved]).toEqual([0, 0]);
  });
});
