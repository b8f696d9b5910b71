import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CreateUploadsResponse, SinglePutTicket } from '../../contract/api.js';
import {
  EVENT_SOURCE,
  ImageDeletedEventSchema,
  imageEventId,
  type ImageEvent,
  type PublishImageEvent,
} from '../../contract/image-events.js';
import { manifestKey, parseOriginalKey, thumbnailKey } from '../../contract/object-keys.js';
import type { ThumbnailManifest } from '../../contract/thumbnail-manifest.js';
import { readUploadMetadata } from '../../contract/upload-metadata.js';
import { localS3Client, type LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { AwsJsonError, startAwsJsonApi } from '../test-support/aws-json-api.js';
import { startTestIssuer, type TestIssuer } from '../test-support/key-server.js';
import { TEST_AUDIENCE, createTestApp } from '../test-support/test-app.js';

// A fixed clock, near the real one: tokens are issued now, and an `iat` beyond the clock is refused.
const NOW = Math.floor(Date.now() / 1000) * 1000;
let s3: LocalS3;
let client: S3Client;
let idp: TestIssuer;

beforeAll(async () => {
  [s3, idp] = await Promise.all([
    startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] }),
    startTestIssuer(TEST_AUDIENCE),
  ]);
  client = localS3Client(s3);
});
afterAll(async () => {
  client.destroy();
  await Promise.all([s3.close(), idp.close()]);
});

/** A signer whose events go to `publish` (default: recorded in `published`). */
function signer(publish?: PublishImageEvent, env: Record<string, string> = {}) {
  const published: ImageEvent[] = [];
  const { app, errors } = createTestApp({
    s3,
    issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }],
    env: { UPLOAD_VISIBILITIES: 'public,private', ...env },
    deps: {
      now: () => NOW,
      publishEvent: publish ?? (async (event) => void published.push(event)),
    },
  });
  const as = async (sub: string) => ({ authorization: `Bearer ${await idp.sign({ sub })}` });
  const remove = async (id: string, sub = 'alice') =>
    app.request(`/v1/images/${id}`, { method: 'DELETE', headers: await as(sub) });
  return { app, errors, published, as, remove };
}

/**
 * Uploads a small JPEG with page metadata through a real ticket and, unless `processed` is false,
 * writes the manifest the thumbnailer would: the identity and metadata read back from the original.
 */
async function uploaded(sub: string, { processed = true, status = 'ready' as 'ready' | 'rejected' } = {}) {
  // Today's clock: S3 checks the ticket's signing time against its own.
  const { app } = createTestApp({ s3, issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }] });
  const as = async (sub: string) => ({ authorization: `Bearer ${await idp.sign({ sub })}` });
  const response = await app.request('/v1/uploads', {
    method: 'POST',
    headers: { ...(await as(sub)), 'content-type': 'application/json' },
    body: JSON.stringify({
      files: [{ name: 'flat.jpg', type: 'image/jpeg', size: 3, metadata: { listing_id: '42' } }],
    }),
  });
  const ticket = ((await response.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
  expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' })).status).toBe(200);
  const { owner, id } = parseOriginalKey(ticket.key)!;
  const original = await client.send(new HeadObjectCommand({ Bucket: 'images', Key: ticket.key }));
  const thumbnail = thumbnailKey(owner, id, 320, 'webp');
  if (processed) {
    await client.send(new PutObjectCommand({ Bucket: 'images', Key: thumbnail, Body: 'w' }));
    await writeManifest(owner, id, {
      version: 1,
      sourceKey: ticket.key,
      sourceEtag: original.ETag!,
      createdAt: new Date(NOW - 60_000).toISOString(),
      ...readUploadMetadata(original.Metadata),
      ...(status === 'ready'
        ? {
            status,
            format: 'jpeg',
            width: 4,
            height: 3,
            thumbhash: 'AAAA',
            outputs: [
              { key: thumbnail, width: 4, height: 3, format: 'webp', contentType: 'image/webp', size: 1 },
            ],
          }
        : { status, reason: { code: 'ERR_NOT_AN_IMAGE', message: 'Not an image' } }),
    } as ThumbnailManifest);
  }
  return { ticket, owner, id, etag: original.ETag! };
}

const writeManifest = (owner: string, id: string, manifest: ThumbnailManifest) =>
  client.send(
    new PutObjectCommand({ Bucket: 'images', Key: manifestKey(owner, id), Body: JSON.stringify(manifest) }),
  );
const exists = (key: string) =>
  client.send(new HeadObjectCommand({ Bucket: 'images', Key: key })).then(
    () => true,
    () => false,
  );

describe('DELETE /v1/images/:id', () => {
  describe('image.deleted', () => {
    it('is told once, with the identity and metadata signed into the upload, before the manifest goes', async () => {
      const { ticket, owner, id, etag } = await uploaded('alice');
      let manifestWhenTold: boolean | undefined;
      const { remove, published } = signer(async (event) => {
        manifestWhenTold = await exists(manifestKey(owner, id));
        published.push(event);
      });
      expect((await remove(id)).status).toBe(204);
      expect(published).toHaveLength(1);
      const event = v.parse(ImageDeletedEventSchema, published[0]);
      expect(event).toEqual({
        version: 1,
        id: await imageEventId('image.deleted', ticket.key, etag),
        type: 'image.deleted',
        timestamp: new Date(NOW).toISOString(),
        data: {
          id,
          key: ticket.key,
          owner,
          iss: idp.issuer,
          sub: 'alice',
          visibility: 'private',
          name: 'flat.jpg',
          metadata: { listing_id: '42' },
        },
      });
      expect(manifestWhenTold).toBe(true);
      expect(await exists(manifestKey(owner, id))).toBe(false);
      expect(await exists(ticket.key)).toBe(false);
    });

    it('is told for a rejected image too (the app heard image.rejected)', async () => {
      const { id } = await uploaded('alice', { status: 'rejected' });
      const { remove, published } = signer();
      expect((await remove(id)).status).toBe(204);
      expect(published.map((event) => [event.type, event.data.id])).toEqual([['image.deleted', id]]);
    });

    it('is not told for an image still processing: the app was told nothing of it', async () => {
      const { ticket, id } = await uploaded('alice', { processed: false });
      const { remove, published } = signer();
      expect((await remove(id)).status).toBe(204);
      expect(published).toEqual([]);
      expect(await exists(ticket.key)).toBe(false);
    });
  });

  describe('when the event is not accepted', () => {
    it('answers 503 ERR_EVENTS_UNAVAILABLE and keeps the manifest; the retry tells the same event id', async () => {
      const { ticket, owner, id } = await uploaded('alice');
      const attempted: ImageEvent[] = [];
      const failing = signer(async (event) => {
        attempted.push(event);
        throw Object.assign(new Error('EventBridge refused image.deleted: InternalFailure'), {
          name: 'InternalFailure',
        });
      });
      const response = await failing.remove(id);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'ERR_EVENTS_UNAVAILABLE',
      );
      expect(await exists(manifestKey(owner, id))).toBe(true); // the delete's commit point
      expect(await exists(ticket.key)).toBe(false);
      expect(failing.errors).toHaveLength(1);

      const working = signer();
      expect((await working.remove(id)).status).toBe(204);
      expect(working.published.map((event) => event.id)).toEqual([attempted[0]!.id]);
      expect(await exists(manifestKey(owner, id))).toBe(false);
      expect((await working.remove(id)).status).toBe(404);
      expect(working.published).toHaveLength(1);
    });

    it('logs one line naming the code and the cause, without the token', async () => {
      const { id } = await uploaded('alice');
      const lines: string[] = [];
      const { app } = createTestApp({
        s3,
        issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }],
        deps: {
          publishEvent: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')),
          logError: (line) => lines.push(line),
        },
      });
      const token = await idp.sign({ sub: 'alice' });
      const response = await app.request(`/v1/images/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(503);
      expect(lines).toEqual([
        '[signer] DELETE /v1/images/:id answered 503 ERR_EVENTS_UNAVAILABLE: Error: connect ECONNREFUSED 127.0.0.1:9',
      ]);
      expect(lines.join()).not.toContain(token.split('.')[2]);
    });
  });

  describe("another owner's image", () => {
    it('cannot be deleted nor have its event told', async () => {
      const { owner, id } = await uploaded('alice');
      const { remove, published } = signer();
      expect((await remove(id, 'mallory')).status).toBe(404);
      expect(published).toEqual([]);
      expect(await exists(manifestKey(owner, id))).toBe(true);
    });

    it("is never named by an event, even from a manifest that claims another's key", async () => {
      const alice = await uploaded('alice');
      const mallory = await uploaded('mallory');
      await writeManifest(mallory.owner, mallory.id, {
        version: 1,
        status: 'rejected',
        sourceKey: alice.ticket.key,
        sourceEtag: alice.etag,
        createdAt: new Date(NOW).toISOString(),
        reason: { code: 'ERR_NOT_AN_IMAGE', message: 'x' },
      });
      const { remove, published } = signer();
      expect((await remove(mallory.id, 'mallory')).status).toBe(204);
      expect(published.map((event) => [event.data.key, event.data.owner])).toEqual([
        [mallory.ticket.key, mallory.owner],
      ]);
      expect(published[0]!.id).not.toBe(await imageEventId('image.deleted', alice.ticket.key, alice.etag));
      expect(await exists(manifestKey(alice.owner, alice.id))).toBe(true);
    });
  });

  describe('EVENT_BUS_NAME', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('puts image.deleted on that EventBridge bus (PutEvents), and answers 503 for a failed entry', async () => {
      let answer: object = { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] };
      const events = await startAwsJsonApi({
        'AWSEvents.PutEvents': () => {
          if (answer instanceof AwsJsonError) throw answer;
          return answer;
        },
      });
      try {
        vi.stubEnv('AWS_ENDPOINT_URL_EVENTBRIDGE', events.endpoint);
        vi.stubEnv('AWS_REGION', 'eu-west-1');
        vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
        vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
        const { app } = createTestApp({
          s3,
          issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }],
          env: { EVENT_BUS_NAME: 'image-events' },
          deps: { logError: () => {} },
        });
        const headers = { authorization: `Bearer ${await idp.sign({ sub: 'alice' })}` };
        const first = await uploaded('alice');
        answer = { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'x' }] };
        const refused = await app.request(`/v1/images/${first.id}`, { method: 'DELETE', headers });
        expect(refused.status).toBe(503);
        answer = { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] };
        const accepted = await app.request(`/v1/images/${first.id}`, { method: 'DELETE', headers });
        expect(accepted.status).toBe(204);
        expect(events.requests).toHaveLength(2);
        const [entry] = events.requests[1]!.input.Entries as Record<string, unknown>[];
        expect(entry).toMatchObject({
          EventBusName: 'image-events',
          Source: EVENT_SOURCE,
          DetailType: 'image.deleted',
        });
        const detail = v.parse(ImageDeletedEventSchema, JSON.parse(entry!.Detail as string));
        expect(detail.data).toMatchObject({ key: first.ticket.key, metadata: { listing_id: '42' } });
        expect(events.requests[1]!.credential).toMatch(/\/eu-west-1\/events\/aws4_request$/);
      } finally {
        await events.close();
      }
    });
  });
});
