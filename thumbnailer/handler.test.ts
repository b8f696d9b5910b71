import type { S3Client } from '@aws-sdk/client-s3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeImageId, originalKey } from '../contract/object-keys.js';
import type { ThumbnailManifest } from '../contract/thumbnail-manifest.js';
import { s3Metadata } from '../contract/upload-metadata.js';
import type { Visibility } from '../contract/visibility.js';
import { startLocalS3 } from '../stack/local-s3.js';
import type { LocalS3, LocalS3Event } from '../stack/local-s3.js';
import { loadConfig } from './config.js';
import { createHandler } from './create-handler.js';
import type { LogEntry } from './create-handler.js';
import { phoneJpeg, solid } from './test-support/images.js';
import { eventBridgeEvent, get, list, put, s3Event, sqsEvent, testClient } from './test-support/s3.js';

const BUCKET = 'images';
let s3: LocalS3;
let client: S3Client;
let logs: LogEntry[];
const writes: string[] = [];

beforeAll(async () => {
  const onEvent = (event: LocalS3Event) =>
    event.Records.filter((r) => r.eventName.startsWith('ObjectCreated')).forEach((r) =>
      writes.push(r.s3.object.key),
    );
  s3 = await startLocalS3({ port: 0, bucket: BUCKET, corsOrigins: [], onEvent });
  client = testClient(s3.endpoint);
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
});
beforeEach(() => {
  logs = [];
});

const makeHandler = (env: Record<string, string> = {}, s3Client = client) =>
  createHandler(loadConfig({ S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true', ...env }), s3Client, {
    log: (entry) => logs.push(entry),
  });
const manifestOf = async (owner: string, id: string) =>
  JSON.parse(
    (await get(client, BUCKET, `thumbnails/${owner}/${id}/meta.json`))!.body.toString(),
  ) as ThumbnailManifest;
/** An image id shaped as the signer makes them (`{nonce}-{ext}`), with a readable nonce. */
const idOf = (name: string, ext: string) => makeImageId(name.padEnd(16, '0'), ext);
/**
 * Stores an original; with `name`, signed into it as the signer does (contract/upload-metadata.ts),
 * with `visibility` (default private).
 */
async function upload(key: string, body: Buffer, name?: string, visibility: Visibility = 'private') {
  const metadata =
    name === undefined
      ? undefined
      : s3Metadata({ name, visibility, iss: 'https://id.test', sub: 'alice', metadata: {} });
  return { key, size: body.length, etag: await put(client, BUCKET, key, body, metadata) };
}
/** Every object under the prefixes, with its bytes and headers. */
const snapshot = async (prefixes: string[]) =>
  Promise.all(
    (await Promise.all(prefixes.map((prefix) => list(client, BUCKET, prefix))))
      .flat()
      .map(async (key) => ({ key, ...(await get(client, BUCKET, key)) })),
  );

describe('thumbnailer handler against the local S3', () => {
  let photo: Buffer;
  beforeAll(async () => {
    photo = await phoneJpeg(1200, 900);
  });

  it('makes the whole set from an uploaded original, manifest last', async () => {
    const original = await upload('uploads/owner1/aaaa1111bbbb2222-jpg/original.jpg', photo);
    const before = writes.length;
    await expect(makeHandler()(s3Event(BUCKET, original))).resolves.toBeUndefined();

    const prefix = 'thumbnails/owner1/aaaa1111bbbb2222-jpg/';
    expect(await list(client, BUCKET, prefix)).toEqual(
      ['320.jpg', '320.webp', '720.jpg', '720.webp', '900.jpg', '900.webp', 'meta.json'].map(
        (name) => prefix + name,
      ),
    );
    expect(writes.slice(before).at(-1)).toBe(`${prefix}meta.json`);
    const manifest = await manifestOf('owner1', 'aaaa1111bbbb2222-jpg');
    expect(manifest).toMatchObject({
      status: 'ready',
      sourceEtag: original.etag,
      sourceSize: photo.length,
      width: 900,
      height: 1200,
      visibility: 'private', // the original carries none
      widths: [320, 720, 1440],
    });
    const webp = await get(client, BUCKET, `${prefix}720.webp`);
    // Private: reached only through short-lived signed URLs, kept only by the browser given one.
    expect(webp).toMatchObject({ contentType: 'image/webp', cacheControl: 'private, max-age=900' });
    expect(await list(client, BUCKET, 'public/aaaa1111bbbb2222-jpg/')).toEqual([]);
    expect(await sharp(webp!.body).metadata()).toMatchObject({ format: 'webp', width: 720, height: 960 });
    expect((await get(client, BUCKET, `${prefix}meta.json`))!.contentType).toBe('application/json');
    expect(logs).toEqual([
      expect.objectContaining({
        message: 'thumbnails written',
        key: original.key,
        outputs: expect.any(Array),
        ms: expect.any(Number),
      }),
    ]);
  });

  it('skips keys the signer never makes, however S3 encodes them: spaces, +, unicode', async () => {
    const foreign = await upload('uploads/Zoë +1/a b+c/original.png', await solid(400, 300, 'png'));
    await makeHandler()(s3Event(BUCKET, foreign));
    expect(await list(client, BUCKET, 'thumbnails/Zoë +1/')).toEqual([]);
    expect(logs).toEqual([
      expect.objectContaining({
        message: 'skipped: not a new original',
        key: 'uploads/Zo%C3%AB+%2B1/a+b%2Bc/original.png',
      }),
    ]);
  });

  it('handles every record and skips keys outside uploads/{owner}/{id}/original.*', async () => {
    const [idA, idB] = [idOf('multia', 'gif'), idOf('multib', 'webp')];
    const a = await upload(originalKey('owner2', idA), await solid(64, 64, 'gif'));
    const b = await upload(originalKey('owner2', idB), await solid(64, 64, 'webp'));
    const own = await upload(`thumbnails/owner2/${idA}/320.webp`, await solid(8, 8, 'webp'));
    const other = await upload(
      `uploads/owner2/${idOf('multic', 'jpg')}/notes.jpg`,
      await solid(8, 8, 'jpeg'),
    );
    const before = writes.length;
    await makeHandler()(s3Event(BUCKET, own, a, other, b));
    expect(writes.slice(before).sort()).toEqual(
      [
        `${idA}/64.jpg`,
        `${idA}/64.webp`,
        `${idA}/meta.json`,
        `${idB}/64.jpg`,
        `${idB}/64.webp`,
        `${idB}/meta.json`,
      ].map((name) => `thumbnails/owner2/${name}`),
    );
    expect(logs.filter((entry) => entry.message.startsWith('skipped')).map((entry) => entry.key)).toEqual([
      own.key,
      other.key,
    ]);
  });

  it('does nothing for a duplicate event: no new writes', async () => {
    const original = await upload(originalKey('owner3', idOf('dup', 'jpg')), photo);
    const handler = makeHandler();
    await handler(s3Event(BUCKET, original));
    const before = writes.length;
    await handler(s3Event(BUCKET, original));
    await handler(eventBridgeEvent(BUCKET, original));
    await handler(s3Event(BUCKET, { key: original.key, size: original.size })); // no ETag: compared after download
    expect(writes.length).toBe(before);
    expect(logs.slice(1).map((entry) => entry.message)).toEqual(Array(3).fill('skipped: already done'));
  });

  describe('an original replaced under its key', () => {
    it('is refused once a set exists (ERR_REPLACED): removed, the first set and its manifest kept', async () => {
      const id = idOf('replaced', 'png');
      const key = originalKey('owner3', id);
      const first = await upload(key, await solid(100, 100, 'png'), 'first.png', 'public');
      await makeHandler()(s3Event(BUCKET, first));
      const prefix = `thumbnails/owner3/${id}/`;
      const before = await snapshot([prefix, `public/${id}/`]);
      const replacing = await upload(key, await solid(200, 100, 'png'), 'first.png', 'public');
      expect(replacing.etag).not.toBe(first.etag);
      await makeHandler()(s3Event(BUCKET, replacing));
      expect(await manifestOf('owner3', id)).toMatchObject({ sourceEtag: first.etag, width: 100 });
      expect(await snapshot([prefix, `public/${id}/`])).toEqual(before);
      expect(await get(client, BUCKET, key)).toBeUndefined();
      expect(logs.at(-1)).toMatchObject({ level: 'warn', key, code: 'ERR_REPLACED' });
    });

    it('is refused when the event carries no ETag too (compared after download)', async () => {
      const id = idOf('replaced2', 'png');
      const key = originalKey('owner3', id);
      await makeHandler()(s3Event(BUCKET, await upload(key, await solid(100, 100, 'png'))));
      const replacing = await upload(key, await solid(50, 50, 'png'));
      await makeHandler()(s3Event(BUCKET, { key, size: replacing.size }));
      expect(await manifestOf('owner3', id)).toMatchObject({ width: 100 });
      expect(logs.at(-1)).toMatchObject({ code: 'ERR_REPLACED' });
    });

    it('is thumbnailed when the first one was rejected: no URL was ever handed out', async () => {
      const id = idOf('retried', 'png');
      const key = originalKey('owner3', id);
      await makeHandler()(s3Event(BUCKET, await upload(key, Buffer.from('<!doctype html>'))));
      expect(await manifestOf('owner3', id)).toMatchObject({ status: 'rejected' });
      const image = await upload(key, await solid(64, 64, 'png'));
      await makeHandler()(s3Event(BUCKET, image));
      expect(await manifestOf('owner3', id)).toMatchObject({ status: 'ready', sourceEtag: image.etag });
    });
  });

  describe('a public image', () => {
    it('gets public copies for every asked-for width, immutable, written before its manifest', async () => {
      const id = idOf('public', 'jpg');
      const before = writes.length;
      await makeHandler({ THUMBNAIL_WIDTHS: '320,720,1440' })(
        s3Event(BUCKET, await upload(originalKey('owner8', id), photo, 'p.jpg', 'public')),
      );
      const manifest = await manifestOf('owner8', id);
      expect(manifest).toMatchObject({ status: 'ready', visibility: 'public', width: 900 });
      const publicKeys = ['320', '720', '1440'].flatMap((w) => [
        `public/${id}/${w}.jpg`,
        `public/${id}/${w}.webp`,
      ]);
      expect(await list(client, BUCKET, `public/${id}/`)).toEqual(publicKeys.sort());
      const written = writes.slice(before);
      expect(written.at(-1)).toBe(`thumbnails/owner8/${id}/meta.json`);
      for (const key of publicKeys) expect(written.indexOf(key), key).toBeGreaterThanOrEqual(0);
      // 1440 is wider than the image: it holds the 900 px thumbnail, the same bytes as the owner's.
      const [copy, own] = await Promise.all([
        get(client, BUCKET, `public/${id}/1440.webp`),
        get(client, BUCKET, `thumbnails/owner8/${id}/900.webp`),
      ]);
      expect(copy).toMatchObject({
        contentType: 'image/webp',
        cacheControl: 'public, max-age=31536000, immutable',
      });
      expect(copy!.body.equals(own!.body)).toBe(true);
      expect((await get(client, BUCKET, `public/${id}/320.jpg`))!.contentType).toBe('image/jpeg');
      expect(logs.at(-1)).toMatchObject({ message: 'thumbnails written', published: expect.any(Array) });
    });

    it('gets a public copy of its original only with PUBLIC_ORIGINALS=true, typed from its bytes', async () => {
      const [kept, shared] = [idOf('pubkept', 'png'), idOf('pubshared', 'png')];
      const png = await solid(40, 40, 'png');
      await makeHandler()(s3Event(BUCKET, await upload(originalKey('owner8', kept), png, 'a.png', 'public')));
      await makeHandler({ PUBLIC_ORIGINALS: 'true' })(
        s3Event(BUCKET, await upload(originalKey('owner8', shared), png, 'a.png', 'public')),
      );
      expect(await get(client, BUCKET, `public/${kept}/original.png`)).toBeUndefined();
      const original = await get(client, BUCKET, `public/${shared}/original.png`);
      expect(original).toMatchObject({
        contentType: 'image/png',
        cacheControl: 'public, max-age=31536000, immutable',
      });
      expect(original!.body.equals(png)).toBe(true);
      // Of what the signer bound into the upload only the name goes public: not who uploaded it,
      // nor the page's metadata.
      const uploaded = await get(client, BUCKET, originalKey('owner8', shared));
      expect(Object.keys(uploaded!.metadata).sort()).toEqual([
        'iss',
        'metadata',
        'name',
        'sub',
        'visibility',
      ]);
      expect(original!.metadata).toEqual({ name: uploaded!.metadata.name });
    });

    it('keeps its visibility in a rejected manifest, with no public copies', async () => {
      const id = idOf('pubhtml', 'jpg');
      const page = Buffer.from('<!doctype html><h1>hi</h1>');
      await makeHandler()(s3Event(BUCKET, await upload(originalKey('owner8', id), page, 'x.jpg', 'public')));
      expect(await manifestOf('owner8', id)).toMatchObject({
        status: 'rejected',
        visibility: 'public',
        sourceSize: page.length,
      });
      expect(await list(client, BUCKET, `public/${id}/`)).toEqual([]);
    });
  });

  it('reads SQS-wrapped and EventBridge events', async () => {
    const [sqsId, bridgeId] = [idOf('sqs', 'png'), idOf('bridge', 'png')];
    const viaSqs = await upload(originalKey('owner4', sqsId), await solid(50, 50, 'png'));
    const viaBridge = await upload(originalKey('owner4', bridgeId), await solid(50, 50, 'png'));
    const test = { Service: 'Amazon S3', Event: 's3:TestEvent' };
    expect(await makeHandler()(sqsEvent(s3Event(BUCKET, viaSqs), test))).toEqual({ batchItemFailures: [] });
    await makeHandler()(eventBridgeEvent(BUCKET, viaBridge));
    expect(await manifestOf('owner4', sqsId)).toMatchObject({ status: 'ready' });
    expect(await manifestOf('owner4', bridgeId)).toMatchObject({ status: 'ready' });
  });

  describe("the file's name", () => {
    const NAME = 'Zoë’s café 🐈‍⬛ (1).jpg';

    it('goes into the manifest of a ready image, decoded from the signed metadata', async () => {
      const id = idOf('named', 'jpg');
      await makeHandler()(s3Event(BUCKET, await upload(originalKey('owner7', id), photo, NAME)));
      expect(await manifestOf('owner7', id)).toMatchObject({ status: 'ready', name: NAME });
    });

    it('goes into the manifest of a rejected one, read or refused by its size alone', async () => {
      const [html, big] = [idOf('namedhtml', 'jpg'), idOf('namedbig', 'png')];
      const page = Buffer.from('<!doctype html><h1>hi</h1>');
      await makeHandler()(s3Event(BUCKET, await upload(originalKey('owner7', html), page, NAME)));
      const small = await upload(originalKey('owner7', big), await solid(10, 10, 'png'), 'big.png');
      await makeHandler({ MAX_SOURCE_BYTES: '1000' })(s3Event(BUCKET, { ...small, size: 5000 }));
      expect(await manifestOf('owner7', html)).toMatchObject({ status: 'rejected', name: NAME });
      expect(await manifestOf('owner7', big)).toMatchObject({
        reason: { code: 'ERR_TOO_LARGE' },
        name: 'big.png',
      });
    });

    it('is cleaned again, and left out when the original has none', async () => {
      const [odd, none] = [idOf('oddname', 'png'), idOf('noname', 'png')];
      const png = await solid(10, 10, 'png');
      // Written around the signer: raw control characters, percent-encoded.
      const raw = "UTF-8''a%00%E2%80%AEb.png";
      await put(client, BUCKET, originalKey('owner7', odd), png, { name: raw });
      const handler = makeHandler();
      await handler(s3Event(BUCKET, { key: originalKey('owner7', odd), size: png.length }));
      await handler(s3Event(BUCKET, await upload(originalKey('owner7', none), png)));
      expect((await manifestOf('owner7', odd)).name).toBe('a b.png');
      expect('name' in (await manifestOf('owner7', none))).toBe(false);
    });
  });

  describe('refusals', () => {
    it('writes a rejected manifest and removes the original', async () => {
      const id = idOf('html', 'jpg');
      const html = await upload(originalKey('owner5', id), Buffer.from('<!doctype html><h1>hi</h1>'));
      await makeHandler()(s3Event(BUCKET, html));
      expect(await manifestOf('owner5', id)).toMatchObject({
        status: 'rejected',
        sourceEtag: html.etag,
        reason: { code: 'ERR_NOT_AN_IMAGE' },
      });
      expect(await get(client, BUCKET, html.key)).toBeUndefined();
      expect(await list(client, BUCKET, `thumbnails/owner5/${id}/`)).toEqual([
        `thumbnails/owner5/${id}/meta.json`,
      ]);
    });

    it('keeps the original when DELETE_REJECTED_ORIGINALS=false', async () => {
      const id = idOf('empty', 'png');
      const empty = await upload(originalKey('owner5', id), Buffer.alloc(0));
      await makeHandler({ DELETE_REJECTED_ORIGINALS: 'false' })(s3Event(BUCKET, empty));
      expect(await manifestOf('owner5', id)).toMatchObject({ reason: { code: 'ERR_NOT_AN_IMAGE' } });
      expect(await get(client, BUCKET, empty.key)).toBeDefined();
    });

    it('refuses from the event size, before downloading', async () => {
      const id = idOf('big', 'png');
      const small = await upload(originalKey('owner5', id), await solid(10, 10, 'png'));
      await makeHandler({ MAX_SOURCE_BYTES: '1000' })(s3Event(BUCKET, { ...small, size: 5000 }));
      expect(await manifestOf('owner5', id)).toMatchObject({ reason: { code: 'ERR_TOO_LARGE' } });
    });

    it('refuses from Content-Length when the event has no size', async () => {
      const id = idOf('big2', 'png');
      const big = await upload(originalKey('owner5', id), await solid(300, 300, 'png'));
      const event = s3Event(BUCKET, big);
      delete (event.Records[0]!.s3.object as { size?: number }).size;
      await makeHandler({ MAX_SOURCE_BYTES: '100' })(event);
      expect(await manifestOf('owner5', id)).toMatchObject({ reason: { code: 'ERR_TOO_LARGE' } });
    });

    it('skips an original deleted before the event arrived', async () => {
      const key = originalKey('owner5', idOf('gone', 'jpg'));
      await makeHandler()(s3Event(BUCKET, { key, size: 10, etag: 'x' }));
      // Too large by its event size: refused from a HEAD, which finds it gone too.
      await makeHandler({ MAX_SOURCE_BYTES: '5' })(s3Event(BUCKET, { key, size: 10, etag: 'x' }));
      expect(logs.map((entry) => entry.message)).toEqual(Array(2).fill('skipped: original is gone'));
      expect(
        await list(client, BUCKET, key.replace('uploads/', 'thumbnails/').replace(/original\.jpg$/, '')),
      ).toEqual([]);
    });
  });

  describe('S3 failures are retried', () => {
    const key = originalKey('owner6', idOf('fail', 'jpg'));
    const event = () => s3Event(BUCKET, { key, size: 10, etag: 'x' });

    it('throws when S3 cannot be reached', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const unreachable = testClient(`http://127.0.0.1:${port}`, 1);
      await expect(makeHandler({}, unreachable)(event())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(logs.map((entry) => entry.message)).toEqual(['failed, will be retried']);
    });

    it('throws on S3 5xx, and reports only the failed SQS messages', async () => {
      const failing = createServer((_request, response) => {
        response.writeHead(500, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0"?><Error><Code>InternalError</Code><Message>boom</Message></Error>');
      });
      await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
      const broken = testClient(`http://127.0.0.1:${(failing.address() as AddressInfo).port}`, 1);
      try {
        await expect(makeHandler({}, broken)(event())).rejects.toMatchObject({
          $metadata: { httpStatusCode: 500 },
        });
      } finally {
        broken.destroy();
        await new Promise((resolve) => failing.close(resolve));
      }

      const id = idOf('ok', 'png');
      const good = await upload(originalKey('owner6', id), await solid(20, 20, 'png'));
      const batch = sqsEvent(s3Event(BUCKET, good), s3Event('no-such-bucket', good), 'not json');
      expect(await makeHandler()(batch)).toEqual({
        batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }],
      });
      expect(await manifestOf('owner6', id)).toMatchObject({ status: 'ready' });
    });

    it('finishes the other records before throwing', async () => {
      const id = idOf('first', 'png');
      const good = await upload(originalKey('owner6', id), await solid(20, 20, 'png'));
      const event = s3Event(BUCKET, { ...good, bucket: 'no-such-bucket' }, good);
      await expect(makeHandler()(event)).rejects.toMatchObject({ name: 'NoSuchBucket' });
      expect(await manifestOf('owner6', id)).toMatchObject({ status: 'ready' });
    });
  });
});
