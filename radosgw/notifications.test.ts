import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSummary, SinglePutTicket } from '../contract/api.js';
import type { ThumbnailManifest } from '../contract/thumbnail-manifest.js';
import { manifestKey, parseOriginalKey } from '../contract/object-keys.js';
import type { LocalS3Event } from '../stack/local-s3.js';
import { createHandler, loadConfig, type ThumbnailerHandler } from '../thumbnailer/index.js';
import { rawRequest, startLane, type Lane } from './test-support/lane.js';

let lane: Lane;
let handler: ThumbnailerHandler;
const rawEvents: LocalS3Event[] = [];
const lambdaEvents: S3Event[] = [];

beforeAll(async () => {
  lane = await startLane({
    onEvent: (event) => rawEvents.push(event),
    // The thumbnailer's real Lambda handler, run in-process on each notification.
    onLambdaEvent: (event) => {
      lambdaEvents.push(event);
      return handler(event);
    },
  });
  const config = loadConfig({
    S3_ENDPOINT: lane.s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    THUMBNAIL_WIDTHS: '64,128',
  });
  handler = createHandler(config, lane.client, { log: () => {} });
});
afterAll(() => lane?.close());

const keysOf = (events: { Records: { s3: { object: { key: string } } }[] }[]) =>
  events.flatMap((event) => event.Records.map((record) => record.s3.object.key));
const read = async (key: string) =>
  (
    await lane.client.send(new GetObjectCommand({ Bucket: lane.s3.bucket, Key: key }))
  ).Body!.transformToString();
const exists = (key: string) =>
  lane.client.send(new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: key })).then(
    () => true,
    () => false,
  );

async function upload(sub: string, type: string, body: Uint8Array): Promise<SinglePutTicket> {
  const [ticket] = (await lane.tickets(sub, [{ name: 'photo', type, size: body.length }])) as [
    SinglePutTicket,
  ];
  expect((await rawRequest('PUT', ticket.url, ticket.headers, body)).status).toBe(200);
  await lane.s3.idle();
  return ticket;
}

describe('thumbnails through radosgw notifications', () => {
  it('makes thumbnails for an uploaded photo, and the signer lists it as ready', async () => {
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    const ticket = await upload('alice', 'image/jpeg', photo);
    const { owner, id } = parseOriginalKey(ticket.key)!;
    const manifest = JSON.parse(await read(manifestKey(owner, id))) as ThumbnailManifest;
    expect(manifest).toMatchObject({
      status: 'ready',
      sourceKey: ticket.key,
      width: 400,
      height: 300,
      name: 'photo',
    });
    if (manifest.status !== 'ready') return;
    expect([...new Set(manifest.outputs.map((output) => output.width))]).toEqual([64, 128]);
    for (const output of manifest.outputs) expect(await exists(output.key)).toBe(true);

    const response = await lane.signer(`/v1/images/${id}`, { headers: await lane.auth('alice') });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as ImageSummary;
    expect(summary).toMatchObject({ status: 'ready', name: 'photo' });
    expect(summary.thumbnails.length).toBeGreaterThanOrEqual(2);
  });

  it('rejects a file that is not an image and removes it', async () => {
    const ticket = await upload('alice', 'image/png', new TextEncoder().encode('<html>not a png</html>'));
    const { owner, id } = parseOriginalKey(ticket.key)!;
    const manifest = JSON.parse(await read(manifestKey(owner, id))) as ThumbnailManifest;
    expect(manifest).toMatchObject({
      status: 'rejected',
      reason: { code: 'ERR_NOT_AN_IMAGE' },
      name: 'photo',
    });
    expect(await exists(ticket.key)).toBe(false);
  });

  it('notifies only for the originals prefix (not for thumbnails or other keys)', async () => {
    const before = rawEvents.length;
    await lane.client.send(new PutObjectCommand({ Bucket: lane.s3.bucket, Key: 'other/x.jpg', Body: 'x' }));
    await lane.client.send(
      new PutObjectCommand({ Bucket: lane.s3.bucket, Key: 'thumbnails/x/y/64.webp', Body: 'x' }),
    );
    await lane.s3.idle();
    expect(rawEvents.length).toBe(before);
    expect(keysOf(rawEvents).every((key) => key.startsWith('uploads/'))).toBe(true);
  });

  describe('Ceph 16 differences from AWS S3', () => {
    it('sends keys raw (AWS: URL-encoded); the receiver encodes them for the Lambda', async () => {
      const key = 'uploads/a b+c/Zoë (1).jpg';
      await lane.client.send(new PutObjectCommand({ Bucket: lane.s3.bucket, Key: key, Body: 'x' }));
      await lane.s3.idle();
      const raw = rawEvents.at(-1)!.Records[0]!;
      expect(raw).toMatchObject({
        eventName: 'ObjectCreated:Put',
        eventSource: 'ceph:s3',
        s3: { object: { key } },
      });
      const lambda = lambdaEvents.at(-1)!.Records[0]!;
      expect(lambda).toMatchObject({ eventSource: 'aws:s3', awsRegion: 'us-east-1' });
      expect(lambda.s3.object.key).toBe('uploads/a+b%2Bc/Zo%C3%AB+%281%29.jpg');
      expect(decodeURIComponent(lambda.s3.object.key.replace(/\+/g, ' '))).toBe(key);
    });
  });
});
