/**
 * Image events for the app server's tests, built by the contract's own builders
 * (`manifestEvent`, `deletedEvent`) from the manifest a thumbnailer writes, and delivered the way a
 * sender does: signed with the `standardwebhooks` library and POSTed.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { rgbaToThumbHash } from 'thumbhash';
import {
  deletedEvent,
  manifestEvent,
  type ImageDeletedEvent,
  type ImageEvent,
  type ImageReadyEvent,
  type ImageRejectedEvent,
} from '../../../contract/image-events.js';
import { makeImageId, originalKey } from '../../../contract/object-keys.js';
import type { ReadyManifest, RejectedManifest } from '../../../contract/thumbnail-manifest.js';
import type { Visibility } from '../../../contract/visibility.js';

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Who uploaded, and how. */
export interface FixtureImage {
  id?: string;
  owner?: string;
  iss?: string;
  sub?: string;
  visibility?: Visibility;
  /** When the manifest was made (the ready/rejected event's timestamp). */
  createdAt?: Date;
  metadata?: Record<string, string>;
  name?: string;
}

/** A real ThumbHash (of a small 4 × 3 image), as the thumbnailer writes them. */
export const SAMPLE_THUMBHASH = Buffer.from(
  rgbaToThumbHash(
    4,
    3,
    Uint8Array.from({ length: 48 }, (_, i) => [40 + (i % 16) * 12, 90, 200 - (i % 16) * 10, 255][i % 4]!),
  ),
).toString('base64');

/** A new image id, as the signer makes them. */
export function newImageId(): string {
  return makeImageId(randomBytes(10).toString('hex'), 'jpg');
}

function base(image: FixtureImage) {
  const id = image.id ?? newImageId();
  const owner = image.owner ?? 'owner-1';
  return {
    version: 1 as const,
    sourceKey: originalKey(owner, id),
    sourceEtag: `"${randomBytes(8).toString('hex')}"`,
    sourceSize: 123_456,
    visibility: image.visibility ?? 'private',
    iss: image.iss ?? 'http://issuer.test',
    sub: image.sub ?? 'alice',
    metadata: image.metadata ?? { listing: 'l-1' },
    ...(image.name && { name: image.name }),
    createdAt: (image.createdAt ?? new Date()).toISOString(),
  };
}

/** A ready manifest's event: 1600 × 1200 JPEG, thumbnails at 320/720/1440, public links with `imageBaseUrl`. */
export async function readyEvent(image: FixtureImage = {}, imageBaseUrl?: string): Promise<ImageReadyEvent> {
  const manifestBase = base(image);
  const id = manifestBase.sourceKey.split('/')[2]!;
  const owner = manifestBase.sourceKey.split('/')[1]!;
  const outputs = [320, 720, 1440].flatMap((width) =>
    (['webp', 'jpeg'] as const).map((format) => ({
      key: `thumbnails/${owner}/${id}/${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`,
      width,
      height: (width * 3) / 4,
      format,
      contentType: `image/${format}` as const,
      size: width * 10,
    })),
  );
  const manifest: ReadyManifest = {
    ...manifestBase,
    status: 'ready',
    format: 'jpeg',
    width: 1600,
    height: 1200,
    outputs,
    widths: [320, 720, 1440],
    thumbhash: SAMPLE_THUMBHASH,
  };
  return (await manifestEvent(manifest, { ...(imageBaseUrl && { imageBaseUrl }) })) as ImageReadyEvent;
}

/** A rejected manifest's event (`ERR_NOT_AN_IMAGE`). */
export async function rejectedEvent(image: FixtureImage = {}): Promise<ImageRejectedEvent> {
  const manifest: RejectedManifest = {
    ...base(image),
    status: 'rejected',
    reason: { code: 'ERR_NOT_AN_IMAGE', message: 'The file is not an image (it looks like SVG).' },
  };
  return (await manifestEvent(manifest)) as ImageRejectedEvent;
}

/** `image.deleted` for the image of a ready or rejected event, at `at` (default now). */
export async function deletedEventOf(
  event: ImageReadyEvent | ImageRejectedEvent,
  at = new Date(),
): Promise<ImageDeletedEvent> {
  const { data } = event;
  return deletedEvent(
    {
      version: 1,
      sourceKey: data.key,
      sourceEtag: `"${event.id}"`,
      visibility: data.visibility,
      ...(data.iss && { iss: data.iss }),
      ...(data.sub && { sub: data.sub }),
      metadata: data.metadata,
      createdAt: event.timestamp,
      status: 'rejected',
      reason: { code: 'ERR_NOT_AN_IMAGE', message: 'unused' },
    },
    { timestamp: at },
  );
}

/** How to sign: the secret, and optionally another id, time or body than the event's. */
export interface DeliveryOptions {
  secret: string;
  webhookId?: string;
  /** The `webhook-timestamp` (default now). */
  at?: Date;
  /** Sent instead of the signed body (a tampered delivery). */
  tamperedBody?: string;
}

/** POSTs `event` to `url` as a Standard Webhooks sender does (`standardwebhooks`' `sign`). */
export async function deliver(url: string, event: ImageEvent, options: DeliveryOptions): Promise<Response> {
  const body = JSON.stringify(event);
  const webhookId = options.webhookId ?? event.id;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret).sign(webhookId, at, body);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body: options.tamperedBody ?? body,
  });
}
