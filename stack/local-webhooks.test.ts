import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageEvent } from '../contract/image-events.js';
import { generateWebhookSecret } from '../events/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../events/test-support/webhook-receiver.js';
import { freePort } from './free-port.js';
import { webhookSettingsFromEnv } from './local-webhooks.js';
import { startStack, type Stack } from './start-stack.js';
import { uploadThroughSigner, type SignerUpload } from './test-support/upload-through-signer.js';

/** Uploads `body` as `type` through the signer, as `token`'s user; returns the ticket. */
const upload = (stack: Stack, token: string, file: Omit<SignerUpload, 'name'>) =>
  uploadThroughSigner(stack.signerUrl, token, { name: 'photo.jpg', visibility: 'private', ...file });

const jpeg = (background: string) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .jpeg()
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));

describe('local stack webhooks, to a receiver of your own', () => {
  const secret = generateWebhookSecret();
  let receiver: WebhookReceiver;
  let stack: Stack;
  const log: string[] = [];
  beforeAll(async () => {
    receiver = await startWebhookReceiver(secret);
    stack = await startStack({
      log: (line) => log.push(line),
      webhooks: { url: receiver.url, secrets: [secret], policy: { baseDelayMs: 50 } },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  const events = () => receiver.received.map((request) => JSON.parse(request.body) as ImageEvent);
  const eventOf = (type: string, id: string) =>
    events().find((event) => event.type === type && event.data.id === id);

  it('starts no app server and names the receiver and the secret', () => {
    expect(stack.appServerUrl).toBeUndefined();
    expect(stack.webhookUrl).toBe(receiver.url);
    expect(stack.webhookSecret).toBe(secret);
  });

  it('signs image.ready with the identity and page metadata bound at signing, and the public URLs on the CDN', async () => {
    const token = await stack.login('alice');
    const ticket = await upload(stack, token, {
      type: 'image/jpeg',
      body: await jpeg('#3a7'),
      visibility: 'public',
      metadata: { listing_id: '42' },
    });
    await stack.webhooksIdle();
    const request = receiver.received.find((r) => r.body.includes(ticket.id))!;
    expect(request.verified).toBe(true); // by standardwebhooks' Webhook.verify
    const event = JSON.parse(request.body) as ImageEvent;
    expect(request.headers['webhook-id']).toBe(event.id);
    const { iss, sub } = decodeJwt(token);
    expect(event).toMatchObject({
      type: 'image.ready',
      version: 1,
      data: {
        id: ticket.id,
        key: ticket.key,
        iss,
        sub,
        visibility: 'public',
        name: 'photo.jpg',
        metadata: { listing_id: '42' },
        original: { width: 640, height: 480, format: 'jpeg' },
      },
    });
    if (event.type !== 'image.ready') return;
    const url = event.data.public!.urls.find((u) => u.width === 320 && u.format === 'webp')!.url;
    expect(url).toBe(`${stack.cdnUrl}/public/${ticket.id}/320.webp`);
    expect((await fetch(url)).status).toBe(200);
    expect(log.some((line) => line === `webhook: image.ready ${event.id} delivered (200)`)).toBe(true);
  });

  it('tells image.rejected with the reason, and image.deleted when the owner deletes', async () => {
    const token = await stack.login('bob');
    const ticket = await upload(stack, token, {
      type: 'image/png',
      body: new TextEncoder().encode('<html>not a png</html>'),
    });
    await stack.webhooksIdle();
    expect(eventOf('image.rejected', ticket.id)).toMatchObject({
      data: { code: 'ERR_NOT_AN_IMAGE', visibility: 'private', sub: decodeJwt(token).sub },
    });
    const deleted = await fetch(`${stack.signerUrl}/v1/images/${ticket.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(deleted.status).toBe(204);
    await stack.webhooksIdle();
    expect(eventOf('image.deleted', ticket.id)).toMatchObject({ data: { key: ticket.key } });
    expect(receiver.received.every((request) => request.verified)).toBe(true);
  });

  it('retries a receiver that fails with the same webhook-id until it answers 2xx', async () => {
    receiver.answers.push(500, 'drop');
    const before = receiver.received.length;
    const ticket = await upload(stack, await stack.login('carol'), {
      type: 'image/jpeg',
      body: await jpeg('#37a'),
    });
    await stack.webhooksIdle();
    const attempts = receiver.received.slice(before).filter((r) => r.body.includes(ticket.id));
    expect(attempts.map((r) => r.answer)).toEqual([500, 'drop', 200]);
    expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });
});

describe('local stack webhooks across a stop', () => {
  it('keeps the event of a thumbnail job that ends while the stack stops, and delivers it after a restart', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'image-uploader-webhooks-'));
    const secret = generateWebhookSecret();
    const receiver = await startWebhookReceiver(secret);
    const start = () =>
      startStack({
        log: () => {},
        dataDirectory: directory,
        webhooks: { url: receiver.url, secrets: [secret], policy: { baseDelayMs: 50 } },
      });
    try {
      await receiver.down();
      let stack = await start();
      let id: string;
      try {
        ({ id } = await upload(stack, await stack.login('fay'), {
          type: 'image/jpeg',
          body: await jpeg('#a37'),
        }));
      } finally {
        // At once: the thumbnailer finishes its job first, and its event waits on disk.
        await stack.close();
      }
      expect(receiver.received).toEqual([]);
      await receiver.up();
      stack = await start();
      try {
        await stack.webhooksIdle();
        const delivered = receiver.received.map((r) => JSON.parse(r.body) as ImageEvent);
        expect(delivered.map((event) => [event.type, event.data.id])).toEqual([['image.ready', id]]);
        expect(receiver.received[0]!.verified).toBe(true);
      } finally {
        await stack.close();
      }
    } finally {
      await receiver.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('local stack webhooks, to the demo app server', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'image-uploader-webhooks-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  const wall = async (stack: Stack) =>
    (
      (await (await fetch(`${stack.appServerUrl}/api/wall`)).json()) as { images: { id: string }[] }
    ).images.map((image) => image.id);

  it('puts a public image on the wall, keeps the secret and the wall across a restart, and --fresh empties the wall only', async () => {
    // The issuer names its port, and the app server's store trusts it: a restart keeps them, as npm start does.
    const ports = { idp: await freePort(), signer: await freePort(), appServer: await freePort() };
    const start = (fresh = false) =>
      startStack({ log: () => {}, ports, dataDirectory: directory, fresh, webhooks: true });

    let stack = await start();
    let secret: string;
    let id: string;
    try {
      expect(stack.appServerUrl).toBe(`http://127.0.0.1:${ports.appServer}`);
      expect(stack.webhookUrl).toBe(`${stack.appServerUrl}/webhooks`);
      secret = stack.webhookSecret!;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const file = join(directory, 'webhook-secret');
      expect((await readFile(file, 'utf8')).trim()).toBe(secret);
      expect((await stat(file)).mode & 0o777).toBe(0o600);

      const token = await stack.login('dana');
      const privateOne = await upload(stack, token, { type: 'image/jpeg', body: await jpeg('#a73') });
      id = (
        await upload(stack, token, { type: 'image/jpeg', body: await jpeg('#7a3'), visibility: 'public' })
      ).id;
      await stack.webhooksIdle();
      expect(await wall(stack)).toEqual([id]);
      expect(await wall(stack)).not.toContain(privateOne.id);
    } finally {
      await stack.close();
    }

    stack = await start();
    try {
      expect(stack.webhookSecret).toBe(secret);
      // s3rver keeps the image too; radosgw is throwaway, but the app server's store is ours.
      expect(await wall(stack)).toEqual([id]);
    } finally {
      await stack.close();
    }

    stack = await start(true);
    try {
      expect(stack.webhookSecret).toBe(secret);
      expect(await wall(stack)).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('takes the wall image away when the owner deletes it', async () => {
    const stack = await startStack({ log: () => {}, webhooks: true });
    try {
      const token = await stack.login('erin');
      const { id } = await upload(stack, token, {
        type: 'image/jpeg',
        body: await jpeg('#77a'),
        visibility: 'public',
      });
      await stack.webhooksIdle();
      expect(await wall(stack)).toEqual([id]);
      const deleted = await fetch(`${stack.signerUrl}/v1/images/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(deleted.status).toBe(204);
      await stack.webhooksIdle();
      expect(await wall(stack)).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});

describe('webhookSettingsFromEnv', () => {
  it('reads WEBHOOK_URL and WEBHOOK_SECRET (a comma-separated list during a rotation)', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(webhookSettingsFromEnv({})).toEqual({});
    expect(
      webhookSettingsFromEnv({
        WEBHOOK_URL: 'http://localhost:3000/webhooks',
        WEBHOOK_SECRET: `${current}, ${previous.slice('whsec_'.length)}`,
      }),
    ).toEqual({ url: 'http://localhost:3000/webhooks', secrets: [current, previous] });
  });

  it('refuses a malformed URL or secret with a TypeError naming the variable, never the secret', () => {
    expect(() => webhookSettingsFromEnv({ WEBHOOK_URL: 'ftp://x' })).toThrow(/WEBHOOK_URL/);
    const short = 'whsec_c2hvcnQ=';
    let error: unknown;
    try {
      webhookSettingsFromEnv({ WEBHOOK_SECRET: short });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/WEBHOOK_SECRET/);
    expect((error as Error).message).not.toContain('c2hvcnQ');
  });
});
