import type { S3Client } from '@aws-sdk/client-s3';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImageEventSchema, imageEventId } from '../contract/image-events.js';
import type { ImageEvent, ImageReadyEvent } from '../contract/image-events.js';
import { makeImageId, originalKey } from '../contract/object-keys.js';
import type { ReadyManifest, ThumbnailManifest } from '../contract/thumbnail-manifest.js';
import { s3Metadata, type AppMetadata } from '../contract/upload-metadata.js';
import type { Visibility } from '../contract/visibility.js';
import { startLocalS3, type LocalS3 } from '../stack/local-s3.js';
import { loadConfig } from './config.js';
import { createHandler, type HandlerOptions, type LogEntry } from './create-handler.js';
import { phoneJpeg, solid } from './test-support/images.js';
import { eventBridgeEvent, get, list, put, s3Event, sqsEvent, testClient } from './test-support/s3.js';

const BUCKET = 'images';
const ISS = 'https://id.example.com';
const SUB = 'user-1234';
const APP: AppMetadata = { listing_id: '42', slot: 'cover' };
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3({ port: 0, bucket: BUCKET, corsOrigins: [] });
  client = testClient(s3.endpoint);
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

/**
 * A publisher that keeps every event it is given, each checked against the published schema (a
 * malformed event fails the test where it is told); `failures` calls are refused first, as
 * EventBridge or the webhook queue refuse an event they did not take.
 */
function recorder(failures = 0) {
  const told: ImageEvent[] = [];
  const taken: ImageEvent[] = [];
  const publish = async (event: ImageEvent) => {
    told.push(v.parse(ImageEventSchema, JSON.parse(JSON.stringify(event))) as ImageEvent);
    if (told.length <= failures) throw new Error('not taken');
    taken.push(event);
  };
  return { publish, told, taken };
}

const logs: LogEntry[] = [];
const makeHandler = (env: Record<string, string>, options: HandlerOptions, s3Client = client) =>
  createHandler(loadConfig({ S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true', ...env }), s3Client, {
    log: (entry) => logs.push(entry),
    ...options,
  });
const manifestOf = async (key: string) =>
  JSON.parse(
    (await get(
      client,
      BUCKET,
      key.replace(/^uploads\//, 'thumbnails/').replace(/original\.\w+$/, 'meta.json'),
    ))!.body.toString(),
  ) as ThumbnailManifest;

let next = 0;
/** Stores an original as the signer's ticket makes the browser send it: identity and page metadata signed in. */
async function upload(ext: string, body: Buffer, visibility: Visibility = 'private', owner = 'owner1') {
  const id = makeImageId(`evt${String(next++).padStart(13, '0')}`, ext);
  const key = originalKey(owner, id);
  const metadata = s3Metadata({ name: `photo.${ext}`, visibility, iss: ISS, sub: SUB, metadata: APP });
  return { key, id, owner, size: body.length, etag: await put(client, BUCKET, key, body, metadata) };
}

/** An S3 client whose first PutObject of a manifest fails, as if the function died just before it. */
function crashingBeforeManifest(): S3Client {
  const crashing = testClient(s3.endpoint, 1);
  let armed = true;
  crashing.middlewareStack.add(
    (next, context) => async (args) => {
      const { Key } = args.input as { Key?: string };
      if (armed && context.commandName === 'PutObjectCommand' && Key?.endsWith('/meta.json')) {
        armed = false;
        throw Object.assign(new Error('the function stopped before its manifest'), { name: 'Crash' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'crashBeforeManifest' },
  );
  return crashing;
}

describe('thumbnailer events', () => {
  let photo: Buffer;
  beforeAll(async () => {
    photo = await phoneJpeg(1200, 900);
  });

  describe('image.ready', () => {
    it('is told once, after the manifest, with who uploaded it, the page metadata and the thumbnails', async () => {
      const original = await upload('jpg', photo);
      const events = recorder();
      let manifestWritten = false;
      const publish = async (event: ImageEvent) => {
        manifestWritten =
          (await list(client, BUCKET, `thumbnails/owner1/${original.id}/meta.json`)).length > 0;
        await events.publish(event);
      };
      await makeHandler({ THUMBNAIL_WIDTHS: '320,720' }, { publish })(s3Event(BUCKET, original));

      expect(manifestWritten).toBe(true);
      const manifest = (await manifestOf(original.key)) as ReadyManifest;
      expect(manifest).toMatchObject({ iss: ISS, sub: SUB, metadata: APP, name: 'photo.jpg' });
      expect(events.taken).toHaveLength(1);
      const event = events.taken[0] as ImageReadyEvent;
      expect(event).toEqual({
        version: 1,
        id: await imageEventId('image.ready', original.key, original.etag),
        type: 'image.ready',
        timestamp: manifest.createdAt,
        data: {
          id: original.id,
          key: original.key,
          owner: 'owner1',
          iss: ISS,
          sub: SUB,
          visibility: 'private',
          name: 'photo.jpg',
          metadata: APP,
          original: { width: 900, height: 1200, format: 'jpeg', bytes: photo.length },
          thumbhash: manifest.thumbhash,
          thumbnails: manifest.outputs.map(({ size, ...output }) => ({ ...output, bytes: size })),
        },
      });
      expect(event.data.thumbnails.map((t) => `${t.width}.${t.format}`)).toEqual([
        '320.webp',
        '320.jpeg',
        '720.webp',
        '720.jpeg',
      ]);
      expect(logs.at(-1)).toMatchObject({ message: 'thumbnails written', event: event.id });
    });

    it("carries a public image's URLs when IMAGE_BASE_URL is set, each one a copy that exists", async () => {
      const [shown, unlinked] = [
        await upload('png', await solid(500, 400, 'png'), 'public'),
        await upload('png', await solid(50, 40, 'png'), 'public'),
      ];
      const events = recorder();
      const env = { THUMBNAIL_WIDTHS: '320,720', IMAGE_BASE_URL: 'https://cdn.example.com/img' };
      await makeHandler(env, { publish: events.publish })(s3Event(BUCKET, shown));
      await makeHandler(
        { THUMBNAIL_WIDTHS: '320,720' },
        { publish: events.publish },
      )(s3Event(BUCKET, unlinked));

      const [withUrls, without] = events.taken as ImageReadyEvent[];
      const base = `https://cdn.example.com/img/public/${shown.id}`;
      expect(withUrls!.data.visibility).toBe('public');
      expect(withUrls!.data.public).toEqual({
        urls: [
          { width: 320, format: 'webp', url: `${base}/320.webp` },
          { width: 320, format: 'jpeg', url: `${base}/320.jpg` },
          { width: 720, format: 'webp', url: `${base}/720.webp` },
          { width: 720, format: 'jpeg', url: `${base}/720.jpg` },
        ],
        srcset: {
          webp: `${base}/320.webp 320w, ${base}/720.webp 720w`,
          jpeg: `${base}/320.jpg 320w, ${base}/720.jpg 720w`,
        },
      });
      const stored = await list(client, BUCKET, `public/${shown.id}/`);
      expect(
        withUrls!.data.public!.urls.map((link) => link.url.replace('https://cdn.example.com/img/', '')),
      ).toEqual(expect.arrayContaining(stored));
      expect(stored).toHaveLength(4);
      expect(without!.data).not.toHaveProperty('public');
    });
  });

  describe('image.rejected', () => {
    it('is told with the code, the reason and who uploaded it', async () => {
      const page = await upload('jpg', Buffer.from('<!doctype html><h1>hi</h1>'));
      const events = recorder();
      await makeHandler({}, { publish: events.publish })(s3Event(BUCKET, page));
      expect(await manifestOf(page.key)).toMatchObject({
        status: 'rejected',
        iss: ISS,
        sub: SUB,
        metadata: APP,
      });
      expect(events.taken).toEqual([
        {
          version: 1,
          id: await imageEventId('image.rejected', page.key, page.etag),
          type: 'image.rejected',
          timestamp: expect.any(String),
          data: expect.objectContaining({
            id: page.id,
            iss: ISS,
            sub: SUB,
            metadata: APP,
            name: 'photo.jpg',
            code: 'ERR_NOT_AN_IMAGE',
            reason: expect.stringMatching(/\S/),
          }),
        },
      ]);
      expect(logs.at(-1)).toMatchObject({ code: 'ERR_NOT_AN_IMAGE', event: events.taken[0]!.id });
    });

    it('is told for an original refused by its size alone, identity read without its body', async () => {
      const big = await upload('png', await solid(10, 10, 'png'));
      const events = recorder();
      const handler = makeHandler(
        { MAX_SOURCE_BYTES: '1000', DELETE_REJECTED_ORIGINALS: 'false' },
        { publish: events.publish },
      );
      // Without an ETag in the notification the HEAD's is recorded: a later one with it is the same.
      await handler(s3Event(BUCKET, { key: big.key, size: 5000 }));
      await handler(s3Event(BUCKET, { ...big, size: 5000 }));
      expect(await manifestOf(big.key)).toMatchObject({
        reason: { code: 'ERR_TOO_LARGE' },
        iss: ISS,
        sub: SUB,
        metadata: APP,
      });
      expect(events.taken).toHaveLength(2);
      expect(events.taken[1]).toEqual(events.taken[0]);
      expect(events.taken[0]).toMatchObject({
        id: await imageEventId('image.rejected', big.key, big.etag),
        data: { code: 'ERR_TOO_LARGE', iss: ISS, sub: SUB, metadata: APP, name: 'photo.png' },
      });
    });
  });

  describe('one event id per original, however often it is processed', () => {
    it('tells the same event again for duplicate notifications, with or without an ETag', async () => {
      const original = await upload('jpg', photo);
      const events = recorder();
      const handler = makeHandler({}, { publish: events.publish });
      await handler(s3Event(BUCKET, original));
      await handler(s3Event(BUCKET, original));
      await handler(eventBridgeEvent(BUCKET, original));
      await handler(sqsEvent(s3Event(BUCKET, original)));
      await handler(s3Event(BUCKET, { key: original.key, size: original.size }));
      expect(events.taken).toHaveLength(5);
      for (const event of events.taken) expect(event).toEqual(events.taken[0]);
      expect(events.taken[0]!.id).toBe(await imageEventId('image.ready', original.key, original.etag));
    });

    it('after a crash between the thumbnails and the manifest: nothing told, then one event', async () => {
      const original = await upload('jpg', photo);
      const events = recorder();
      const crashing = crashingBeforeManifest();
      const handler = makeHandler({}, { publish: events.publish }, crashing);
      try {
        await expect(handler(s3Event(BUCKET, original))).rejects.toMatchObject({ name: 'Crash' });
        expect(events.told).toEqual([]);
        await handler(s3Event(BUCKET, original)); // Lambda's retry
        await handler(s3Event(BUCKET, original)); // and a duplicate notification
      } finally {
        crashing.destroy();
      }
      expect(events.taken).toHaveLength(2);
      expect(new Set(events.taken.map((event) => event.id))).toEqual(
        new Set([await imageEventId('image.ready', original.key, original.etag)]),
      );
    });

    it('after the manifest but before the event was taken: the record fails, the retry tells the same event', async () => {
      const [image, page] = [await upload('jpg', photo), await upload('jpg', Buffer.from('%PDF-1.7'))];
      for (const original of [image, page]) {
        const events = recorder(1);
        const handler = makeHandler({}, { publish: events.publish });
        const batch = sqsEvent(s3Event(BUCKET, original));
        expect(await handler(batch)).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
        expect(logs.at(-1)).toMatchObject({ level: 'error', message: 'failed, will be retried' });
        expect(await handler(batch)).toEqual({ batchItemFailures: [] });
        expect(events.told).toHaveLength(2);
        expect(events.told[1]).toEqual(events.told[0]);
        expect(events.taken).toEqual([events.told[0]]);
      }
      expect(await get(client, BUCKET, page.key)).toBeUndefined(); // and the refused original removed
    });

    it('tells nothing new for a replaced original (ERR_REPLACED)', async () => {
      const first = await upload('png', await solid(60, 60, 'png'));
      const events = recorder();
      const handler = makeHandler({}, { publish: events.publish });
      await handler(s3Event(BUCKET, first));
      const replacing = { ...first, etag: await put(client, BUCKET, first.key, await solid(80, 60, 'png')) };
      await handler(s3Event(BUCKET, replacing));
      expect(logs.at(-1)).toMatchObject({ code: 'ERR_REPLACED' });
      expect(logs.at(-1)).not.toHaveProperty('event');
      expect(events.told.map((event) => event.type)).toEqual(['image.ready']);
    });
  });

  describe('on EventBridge (EVENT_BUS_NAME)', () => {
    const requests: { target: string | undefined; body: { Entries: Record<string, string>[] } }[] = [];
    let answer = { FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] } as object;
    const server = createServer(async (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      requests.push({
        target: request.headers['x-amz-target'] as string | undefined,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(answer));
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      // The SDK's service-specific endpoint variable: the real client, sending to this server.
      vi.stubEnv(
        'AWS_ENDPOINT_URL_EVENTBRIDGE',
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      vi.stubEnv('AWS_REGION', 'eu-west-1');
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret');
    });
    afterEach(() => {
      requests.length = 0;
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await new Promise((resolve) => server.close(resolve));
    });

    it('puts each event on the bus: source image-uploader, detail-type its type, detail the event', async () => {
      answer = { FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] };
      const original = await upload('png', await solid(40, 40, 'png'));
      await makeHandler({ EVENT_BUS_NAME: 'image-events' }, {})(s3Event(BUCKET, original));
      expect(requests).toHaveLength(1);
      expect(requests[0]!.target).toBe('AWSEvents.PutEvents');
      const [entry] = requests[0]!.body.Entries;
      expect(entry).toMatchObject({
        EventBusName: 'image-events',
        Source: 'image-uploader',
        DetailType: 'image.ready',
      });
      const detail = v.parse(ImageEventSchema, JSON.parse(entry!.Detail!));
      expect(detail).toMatchObject({
        id: await imageEventId('image.ready', original.key, original.etag),
        data: { key: original.key, iss: ISS, sub: SUB, metadata: APP },
      });
    });

    it('fails the record when the bus does not take the event, so Lambda retries it', async () => {
      answer = {
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
      };
      const original = await upload('png', await solid(40, 40, 'png'));
      const handler = makeHandler({ EVENT_BUS_NAME: 'image-events' }, {});
      await expect(handler(s3Event(BUCKET, original))).rejects.toThrow(/InternalFailure/);
      answer = { FailedEntryCount: 0, Entries: [{ EventId: 'e2' }] };
      await handler(s3Event(BUCKET, original));
      const ids = requests.map((request) => (JSON.parse(request.body.Entries[0]!.Detail!) as ImageEvent).id);
      expect(ids).toEqual([await imageEventId('image.ready', original.key, original.etag), ids[0]]);
    });

    it('tells nothing when EVENT_BUS_NAME is unset', async () => {
      const original = await upload('png', await solid(40, 40, 'png'));
      await makeHandler({}, {})(s3Event(BUCKET, original));
      expect(requests).toEqual([]);
      expect(logs.at(-1)).toMatchObject({ message: 'thumbnails written' });
      expect(logs.at(-1)).not.toHaveProperty('event');
    });
  });
});
