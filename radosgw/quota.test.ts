/**
 * Quotas on a real S3 (radosgw, which refuses expired URLs) with the real DynamoDB API (dynalite):
 * an upload that completes after its reservation expired is still counted when the thumbnailer
 * settles it.
 */
import { randomBytes, createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultipartTicket, SignPartsResponse, UsageResponse } from '../contract/api.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../stack/local-dynamodb.js';
import { createHandler, loadConfig, type ThumbnailerHandler } from '../thumbnailer/index.js';
import { MIB, rawRequest, startLane, type Lane } from './test-support/lane.js';

let lane: Lane;
let db: LocalDynamoDb;
let handler: ThumbnailerHandler;

beforeAll(async () => {
  db = await startLocalDynamoDb();
  lane = await startLane({ onLambdaEvent: (event) => handler(event) });
  const config = loadConfig({
    S3_ENDPOINT: lane.s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    THUMBNAIL_WIDTHS: '64',
    ...db.env,
  });
  handler = createHandler(config, lane.client, { log: () => {} });
});
afterAll(async () => {
  await lane?.close();
  await db?.close();
});

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('base64');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('quota on radosgw', () => {
  it('counts an upload that completed after its reservation expired, at its real size', async () => {
    // Reservations (and URLs) live 2 s; the quota holds one of the two files, not both.
    const signer = lane.signerWith({ ...db.env, QUOTA_BYTES: String(12 * MIB), UPLOAD_URL_TTL_SECONDS: '2' });
    const headers = await lane.auth('late');
    // Noise does not compress: a PNG of about 6.5 MiB, so a multipart upload (threshold 6 MiB).
    const png = await sharp(randomBytes(1500 * 1500 * 3), { raw: { width: 1500, height: 1500, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(png.length).toBeGreaterThan(6 * MIB);
    const [ticket] = (await lane.tickets(
      'late',
      [{ name: 'late.png', type: 'image/png', size: png.length }],
      signer,
    )) as [MultipartTicket];
    const { uploadId, partSize } = ticket.multipart;
    const chunks = [png.subarray(0, partSize), png.subarray(partSize)];
    const signed = await signer(`/v1/uploads/${ticket.id}/parts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        uploadId,
        size: png.length,
        parts: chunks.map((chunk, index) => ({ partNumber: index + 1, md5: md5(chunk) })),
      }),
    });
    expect(signed.status).toBe(200);
    const { parts } = (await signed.json()) as SignPartsResponse;
    const etags: string[] = [];
    for (const [index, part] of parts.entries()) {
      const put = await rawRequest('PUT', part.url, part.headers, chunks[index]!);
      expect(put.status).toBe(200);
      etags.push(put.headers.etag as string);
    }
    const usage = async () => (await (await signer('/v1/usage', { headers })).json()) as UsageResponse;
    expect((await usage()).bytes.reserved).toBe(png.length);

    await sleep(2500);
    // Expired: no longer counted, and its room goes to another file (which fits only now).
    expect((await usage()).bytes).toEqual({ used: 0, reserved: 0, limit: 12 * MIB });
    const other = await lane.tickets(
      'late',
      [{ name: 'other.jpg', type: 'image/jpeg', size: 7 * MIB }],
      signer,
    );
    expect(other[0]).not.toHaveProperty('error');

    const completed = await signer(`/v1/uploads/${ticket.id}/complete`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        uploadId,
        parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })),
      }),
    });
    expect(completed.status).toBe(200);
    await lane.s3.idle();
    const image = (await (await signer(`/v1/images/${ticket.id}`, { headers })).json()) as { status: string };
    expect(image.status).toBe('ready');
    const after = await usage();
    expect([after.bytes.used, after.images.used]).toEqual([png.length, 1]);
  }, 60_000);
});
