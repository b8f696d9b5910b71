import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageEvent } from '../../contract/image-events.js';
import {
  deletedEventOf,
  deliver,
  newWebhookSecret,
  readyEvent,
  rejectedEvent,
} from './test-support/image-event-fixtures.js';
import { startTestAppServer, type TestAppServer } from './test-support/test-app-server.js';
import type { WallPage } from './app.js';

const CDN = 'http://cdn.test';
const servers: TestAppServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.dispose()));
});

async function start(options: Parameters<typeof startTestAppServer>[0] = {}) {
  const server = await startTestAppServer(options);
  servers.push(server);
  return server;
}

/** What the store holds on disk: image id → the type of its last event, and the sequence. */
async function stored(server: TestAppServer): Promise<{ seq: number; images: Record<string, string> }> {
  const text = await readFile(join(server.dataDirectory, 'images.json'), 'utf8').catch(() => undefined);
  if (!text) return { seq: 0, images: {} };
  const file = JSON.parse(text) as { seq: number; images: { event: ImageEvent }[] };
  return {
    seq: file.seq,
    images: Object.fromEntries(file.images.map((i) => [i.event.data.id, i.event.type])),
  };
}

async function wall(server: TestAppServer): Promise<WallPage> {
  return (await fetch(`${server.url}/api/wall`)).json() as Promise<WallPage>;
}

describe('POST /webhooks', () => {
  describe('verification', () => {
    it('stores a delivery signed with the secret and answers 200', async () => {
      const server = await start();
      const event = await readyEvent({ visibility: 'public' }, CDN);
      const response = await deliver(server.webhookUrl, event, { secret: server.secret });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ result: 'applied' });
      expect((await stored(server)).images).toEqual({ [event.data.id]: 'image.ready' });
      expect((await wall(server)).images.map((i) => i.id)).toEqual([event.data.id]);
    });

    it('accepts the previous secret during a rotation, and the new one', async () => {
      const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
      const server = await start({ secrets: [current, previous] });
      const [a, b] = await Promise.all([readyEvent(), rejectedEvent()]);
      expect((await deliver(server.webhookUrl, a, { secret: previous })).status).toBe(200);
      expect((await deliver(server.webhookUrl, b, { secret: current })).status).toBe(200);
      expect(Object.keys((await stored(server)).images).sort()).toEqual([a.data.id, b.data.id].sort());
    });

    it.each([
      ['a tampered body', { tamper: true }],
      ['a timestamp older than five minutes', { at: new Date(Date.now() - 6 * 60_000) }],
      ['a timestamp too far ahead', { at: new Date(Date.now() + 6 * 60_000) }],
      ['another secret', { otherSecret: true }],
    ])('refuses %s with 400 and stores nothing', async (_, how) => {
      const server = await start();
      const event = await readyEvent({ visibility: 'public' }, CDN);
      const tampered = JSON.stringify({ ...event, data: { ...event.data, sub: 'mallory' } });
      const response = await deliver(server.webhookUrl, event, {
        secret: 'otherSecret' in how ? newWebhookSecret() : server.secret,
        ...('at' in how && { at: how.at }),
        ...('tamper' in how && { tamperedBody: tampered }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'ERR_WEBHOOK_SIGNATURE',
      );
      expect(await stored(server)).toEqual({ seq: 0, images: {} });
      expect((await wall(server)).images).toEqual([]);
    });

    it('refuses a delivery without the Standard Webhooks headers', async () => {
      const server = await start();
      const response = await fetch(server.webhookUrl, {
        method: 'POST',
        body: JSON.stringify(await readyEvent()),
      });
      expect(response.status).toBe(400);
    });

    it('refuses a body over 64 KiB with 413', async () => {
      const server = await start();
      const event = await readyEvent({ metadata: { big: 'x'.repeat(70_000) } });
      expect((await deliver(server.webhookUrl, event, { secret: server.secret })).status).toBe(413);
    });

    it('answers 422 for a signed body that is not an image event, 204 for an event type it does not know', async () => {
      const server = await start();
      const event = await readyEvent();
      const broken = { ...event, data: { ...event.data, original: undefined } } as unknown as ImageEvent;
      const invalid = await deliver(server.webhookUrl, broken, { secret: server.secret });
      expect(invalid.status).toBe(422);
      expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('ERR_EVENT_INVALID');
      const future = { ...event, id: 'evt_future', type: 'image.tagged' } as unknown as ImageEvent;
      expect((await deliver(server.webhookUrl, future, { secret: server.secret })).status).toBe(204);
      expect(await stored(server)).toEqual({ seq: 0, images: {} });
    });
  });

  describe('at-least-once delivery', () => {
    it('stores a repeated webhook-id once and still answers 200', async () => {
      const server = await start();
      const event = await readyEvent();
      const first = await deliver(server.webhookUrl, event, { secret: server.secret });
      const again = await deliver(server.webhookUrl, event, { secret: server.secret });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(await again.json()).toEqual({ result: 'duplicate' });
      expect((await stored(server)).seq).toBe(1);
    });

    it('keeps a deleted image deleted when an older image.ready arrives late', async () => {
      const server = await start();
      const ready = await readyEvent({ visibility: 'public', createdAt: new Date(Date.now() - 60_000) }, CDN);
      const deleted = await deletedEventOf(ready);
      expect((await deliver(server.webhookUrl, deleted, { secret: server.secret })).status).toBe(200);
      const late = await deliver(server.webhookUrl, ready, { secret: server.secret });
      expect(await late.json()).toEqual({ result: 'superseded' });
      expect((await stored(server)).images).toEqual({ [ready.data.id]: 'image.deleted' });
      expect((await wall(server)).images).toEqual([]);
    });

    it('keeps it deleted even when the thumbnailer commits a newer image.ready after the delete', async () => {
      const server = await start();
      const ready = await readyEvent({ visibility: 'public', createdAt: new Date(Date.now() + 1000) }, CDN);
      await deliver(server.webhookUrl, await deletedEventOf(ready, new Date()), { secret: server.secret });
      await deliver(server.webhookUrl, ready, { secret: server.secret });
      expect((await stored(server)).images).toEqual({ [ready.data.id]: 'image.deleted' });
    });

    it('keeps the newer state when events of one image arrive out of order', async () => {
      const server = await start();
      const id = 'aaaaaaaaaaaaaaaaaaaa-jpg';
      const older = await rejectedEvent({ id, createdAt: new Date(Date.now() - 60_000) });
      const newer = await readyEvent({ id, visibility: 'public' }, CDN);
      await deliver(server.webhookUrl, newer, { secret: server.secret });
      await deliver(server.webhookUrl, older, { secret: server.secret });
      expect((await stored(server)).images).toEqual({ [id]: 'image.ready' });
    });
  });

  describe('store', () => {
    it('keeps the images and the handled ids across a restart', async () => {
      let server = await start();
      const [pub, priv] = await Promise.all([readyEvent({ visibility: 'public' }, CDN), readyEvent()]);
      await deliver(server.webhookUrl, pub, { secret: server.secret });
      await deliver(server.webhookUrl, priv, { secret: server.secret });
      server = await server.restart();
      servers.push(server);
      expect((await wall(server)).images.map((i) => i.id)).toEqual([pub.data.id]);
      const again = await deliver(server.webhookUrl, priv, { secret: server.secret });
      expect(await again.json()).toEqual({ result: 'duplicate' });
      expect((await stored(server)).seq).toBe(2);
    });

    it('answers 500 when it cannot write, and applies the retry once it can', async () => {
      const server = await start();
      // A directory where the next state is written makes the write fail (EISDIR), as a full disk would.
      const partial = join(server.dataDirectory, 'images.json.partial');
      await mkdir(partial);
      const event = await readyEvent();
      const failed = await deliver(server.webhookUrl, event, { secret: server.secret });
      expect(failed.status).toBe(500);
      expect(await stored(server)).toEqual({ seq: 0, images: {} });
      await rmdir(partial);
      const retried = await deliver(server.webhookUrl, event, { secret: server.secret });
      expect(await retried.json()).toEqual({ result: 'applied' });
      expect(await stored(server)).toEqual({ seq: 1, images: { [event.data.id]: 'image.ready' } });
    });

    it('never leaves a half-written file: the last complete state is read', async () => {
      const server = await start();
      await deliver(server.webhookUrl, await readyEvent(), { secret: server.secret });
      // A crash during a write leaves only the partial file; the store reads the complete one.
      await writeFile(join(server.dataDirectory, 'images.json.partial'), '{"version":1,"se');
      const restarted = await server.restart();
      servers.push(restarted);
      expect((await stored(restarted)).seq).toBe(1);
    });
  });
});
