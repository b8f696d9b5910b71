/**
 * Issue 16 on real S3 semantics: an upload signed with the uploader's identity and the page's
 * metadata (SigV4, radosgw refuses any change), radosgw's own bucket notification, the
 * thumbnailer's real handler, and the webhook queue the local stack runs, delivering to a real
 * HTTP receiver that verifies with `standardwebhooks`.
 */
import type { S3Event } from 'aws-lambda';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinglePutTicket } from '../contract/api.js';
import type { ImageEvent } from '../contract/image-events.js';
import { createWebhookQueue, generateWebhookSecret, type WebhookQueue } from '../events/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../events/test-support/webhook-receiver.js';
import { createHandler, loadConfig, type ThumbnailerHandler } from '../thumbnailer/index.js';
import { LANE_ISSUER, rawRequest, startLane, type Lane } from './test-support/lane.js';

let lane: Lane;
let receiver: WebhookReceiver;
let queue: WebhookQueue;
let handler: ThumbnailerHandler;
const lambdaEvents: S3Event[] = [];

beforeAll(async () => {
  const secret = generateWebhookSecret();
  receiver = await startWebhookReceiver(secret);
  queue = createWebhookQueue({ url: receiver.url, secrets: [secret], log: () => {} });
  lane = await startLane({
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
  handler = createHandler(config, lane.client, { log: () => {}, publish: queue.publish });
});
afterAll(async () => {
  await queue?.close();
  await lane?.close();
  await receiver?.close();
});

const delivered = (id: string) =>
  receiver.received.filter((request) => (JSON.parse(request.body) as ImageEvent).data.id === id);

describe('webhooks from radosgw notifications', () => {
  let ticket: SinglePutTicket;

  it('delivers a signed image.ready with the identity and page metadata bound at signing', async () => {
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    [ticket] = (await lane.tickets('alice', [
      { name: 'listing.jpg', type: 'image/jpeg', size: photo.length, metadata: { listing_id: '42' } },
    ])) as [SinglePutTicket];
    expect((await rawRequest('PUT', ticket.url, ticket.headers, photo)).status).toBe(200);
    await lane.s3.idle(); // the notification was handled: the thumbnailer has published
    await queue.idle();

    const [request, ...more] = delivered(ticket.id);
    expect(more).toEqual([]);
    expect(request!.verified).toBe(true); // standardwebhooks' Webhook.verify, with the receiver's secret
    const event = JSON.parse(request!.body) as ImageEvent;
    expect(request!.headers['webhook-id']).toBe(event.id);
    expect(event).toMatchObject({
      type: 'image.ready',
      data: {
        id: ticket.id,
        key: ticket.key,
        iss: LANE_ISSUER,
        sub: 'alice',
        name: 'listing.jpg',
        metadata: { listing_id: '42' },
        original: { width: 400, height: 300, format: 'jpeg', bytes: photo.length },
      },
    });
  });

  it('tells a duplicate notification of the same object with the same webhook-id', async () => {
    const notification = lambdaEvents.find((event) => event.Records[0]!.s3.object.key === ticket.key)!;
    await handler(notification); // S3 delivers at least once: the same record again
    await queue.idle();
    const requests = delivered(ticket.id);
    expect(requests).toHaveLength(2);
    expect(requests.every((request) => request.verified)).toBe(true);
    expect(requests[1]!.headers['webhook-id']).toBe(requests[0]!.headers['webhook-id']);
    expect(requests[1]!.body).toBe(requests[0]!.body);
  });
});
