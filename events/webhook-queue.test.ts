import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { RetryPolicy } from './retry-policy.js';
import { sampleEvent } from './test-support/sample-event.js';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhook-receiver.js';
import { createWebhookQueue, type WebhookLogEntry, type WebhookQueue } from './webhook-queue.js';
import { generateWebhookSecret } from './webhook-secrets.js';

/** Retries within milliseconds, so a test sees the whole schedule. */
const fast: Partial<RetryPolicy> = {
  baseDelayMs: 20,
  factor: 2,
  maxDelayMs: 100,
  timeoutMs: 300,
  maxAttempts: 5,
};

describe('createWebhookQueue', () => {
  const secret = generateWebhookSecret();
  let receiver: WebhookReceiver;
  let queue: WebhookQueue | undefined;
  let logs: WebhookLogEntry[];
  const open = (options: Partial<Parameters<typeof createWebhookQueue>[0]> = {}) =>
    (queue = createWebhookQueue({
      url: receiver.url,
      secrets: [secret],
      policy: fast,
      log: (entry) => logs.push(entry),
      ...options,
    }));

  beforeEach(async () => {
    receiver = await startWebhookReceiver(secret);
    logs = [];
  });
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
    await receiver.close();
  });

  describe('a delivery', () => {
    it('POSTs the event as JSON, signed per Standard Webhooks, with webhook-id = the event id', async () => {
      const event = await sampleEvent();
      await open().publish(event);
      await queue!.idle();
      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      expect(request!.verified).toBe(true);
      expect(request!.headers['webhook-id']).toBe(event.id);
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers['user-agent']).toMatch(/^image-uploader-webhooks\//);
      expect(JSON.parse(request!.body)).toEqual(event);
      expect(Math.abs(Number(request!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
      expect(await queue!.deadLetters()).toEqual([]);
    });

    it('logs ids and outcomes, never the body, the secret or the URL', async () => {
      await open().publish(await sampleEvent());
      await queue!.idle();
      const text = JSON.stringify(logs);
      expect(logs).toContainEqual(expect.objectContaining({ message: 'webhook delivered', status: 200 }));
      for (const secretPart of [secret, secret.slice(6), receiver.url, 'café', 'listing_id']) {
        expect(text).not.toContain(secretPart);
      }
    });

    it('refuses an event that is not one, and anything after close', async () => {
      const event = await sampleEvent();
      await expect(open().publish({ ...event, version: 2 } as never)).rejects.toThrow();
      await queue!.close();
      await expect(queue!.publish(event)).rejects.toThrow();
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses a malformed secret or a URL that is not http(s) at once', () => {
      expect(() => open({ secrets: ['whsec_short'] })).toThrow(TypeError);
      expect(() => open({ url: 'file:///etc/passwd' })).toThrow(TypeError);
      expect(() => open({ secrets: [] })).toThrow(TypeError);
    });
  });

  describe('retries', () => {
    it.each([
      ['answers 500', [500, 503]],
      ['times out', ['hang', 'hang']],
      ['closes the connection', ['drop', 'drop']],
    ] as const)(
      'retries a receiver that %s, with backoff, and delivers once it recovers, same webhook-id',
      async (_, answers) => {
        receiver.answers.push(...answers);
        const event = await sampleEvent();
        await open().publish(event);
        await queue!.idle();
        expect(receiver.received.map((request) => request.answer)).toEqual([...answers, 200]);
        expect(new Set(receiver.received.map((request) => request.headers['webhook-id']))).toEqual(
          new Set([event.id]),
        );
        expect(receiver.received.every((request) => request.verified)).toBe(true);
        const retries = logs.filter((entry) => entry.message === 'webhook failed; will retry');
        expect(retries.map((entry) => entry.attempt)).toEqual([1, 2]);
        const reason = { 500: 'HTTP 500', hang: 'timeout after 300 ms', drop: 'network error' }[answers[0]];
        expect(retries[0]!.reason).toContain(reason);
        expect(await queue!.deadLetters()).toEqual([]);
      },
    );

    it('retries while the receiver is down, and delivers when it is back', async () => {
      await receiver.down();
      const event = await sampleEvent();
      await open({ policy: { ...fast, maxAttempts: 20 } }).publish(event);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await receiver.up();
      await queue!.idle();
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.headers['webhook-id']).toBe(event.id);
      const refused = logs.filter((entry) => entry.reason === 'network error ECONNREFUSED');
      expect(refused.length).toBeGreaterThan(0);
    });

    it('waits longer between later attempts (exponential backoff, capped)', async () => {
      receiver.answers.push(500, 500, 500, 500);
      const policy = { baseDelayMs: 40, factor: 3, maxDelayMs: 1000, timeoutMs: 300, maxAttempts: 5 };
      await open({ policy }).publish(await sampleEvent());
      await queue!.idle();
      const ceilings = logs.filter((entry) => entry.retryInMs !== undefined).map((entry) => entry.retryInMs!);
      ceilings.forEach((delay, index) => expect(delay).toBeLessThanOrEqual(40 * 3 ** index));
      const gaps = receiver.received
        .slice(1)
        .map((request, index) => request.at - receiver.received[index]!.at);
      gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(ceilings[index]! - 5));
    });

    it('dead-letters the event after the last attempt, with the reason and the attempt count', async () => {
      receiver.answers.push(500, 500, 500, 500, 500, 500);
      const event = await sampleEvent();
      await open().publish(event);
      await queue!.idle();
      expect(receiver.received).toHaveLength(5);
      const [letter, ...more] = await queue!.deadLetters();
      expect(more).toEqual([]);
      expect(letter).toMatchObject({ event, reason: 'HTTP 500', status: 500, attempts: 5 });
      expect(Date.parse(letter!.lastAttemptAt)).toBeGreaterThan(Date.parse(letter!.firstAttemptAt));
    });

    it('stops at a 410 Gone: no more attempts, recorded', async () => {
      receiver.answers.push(410);
      await open().publish(await sampleEvent());
      await queue!.idle();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(receiver.received).toHaveLength(1);
      expect(await queue!.deadLetters()).toEqual([expect.objectContaining({ status: 410, attempts: 1 })]);
    });

    it('tells one logical event once while it is on its way', async () => {
      receiver.answers.push(500);
      const event = await sampleEvent();
      open();
      await Promise.all([queue!.publish(event), queue!.publish(event)]);
      await queue!.publish(await sampleEvent('"another-etag"'));
      await queue!.idle();
      const ids = receiver.received
        .filter((request) => request.answer === 200)
        .map((request) => request.headers['webhook-id']);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
    });
  });

  describe('with a data directory', () => {
    let directory: string;
    beforeEach(async () => {
      directory = await mkdtemp(join(tmpdir(), 'webhooks-'));
    });
    afterEach(() => rm(directory, { recursive: true, force: true }));

    it('resumes pending deliveries after a restart, and forgets them once delivered', async () => {
      await receiver.down();
      const event = await sampleEvent();
      await open({ dataDirectory: directory, policy: { ...fast, maxAttempts: 50 } }).publish(event);
      await queue!.close();
      expect(await readdir(join(directory, 'pending'))).toEqual([`${event.id}.json`]);
      await receiver.up();
      open({ dataDirectory: directory });
      await queue!.idle();
      expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([event.id]);
      expect(await readdir(join(directory, 'pending'))).toEqual([]);
    });

    it('keeps dead letters in a file across restarts', async () => {
      receiver.answers.push(500, 500);
      await open({ dataDirectory: directory, policy: { ...fast, maxAttempts: 2 } }).publish(
        await sampleEvent(),
      );
      await queue!.idle();
      await queue!.close();
      open({ dataDirectory: directory });
      expect(await queue!.deadLetters()).toEqual([
        expect.objectContaining({ reason: 'HTTP 500', attempts: 2 }),
      ]);
    });
  });
});

describe('signatures (standardwebhooks Webhook.verify on the receiving side)', () => {
  it('verifies with either secret during a rotation, and not with another', async () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    for (const receiverSecret of [current, previous, generateWebhookSecret()]) {
      const receiver = await startWebhookReceiver(receiverSecret);
      const queue = createWebhookQueue({
        url: receiver.url,
        secrets: [current, previous],
        policy: fast,
        log: () => {},
      });
      receiver.answers.push(200);
      await queue.publish(await sampleEvent());
      await queue.idle();
      await queue.close();
      await receiver.close();
      expect(receiver.received[0]!.verified).toBe(receiverSecret === current || receiverSecret === previous);
      expect(String(receiver.received[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    }
  });

  it('is refused for a tampered body, an old timestamp or a wrong secret', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startWebhookReceiver(secret);
    const queue = createWebhookQueue({ url: receiver.url, secrets: [secret], policy: fast, log: () => {} });
    await queue.publish(await sampleEvent());
    await queue.idle();
    await queue.close();
    await receiver.close();
    const { headers: received, body } = receiver.received[0]!;
    const headers = received as Record<string, string>;
    const verifier = new Webhook(secret);
    expect(verifier.verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => verifier.verify(body.replace('"42"', '"43"'), headers)).toThrow('No matching signature');
    const old = String(Number(headers['webhook-timestamp']) - 6 * 60);
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': old })).toThrow('too old');
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow('No matching signature');
  });
});
