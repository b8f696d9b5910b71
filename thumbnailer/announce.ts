/**
 * Tells the site's server what became of an original once its manifest is committed:
 * `image.ready` or `image.rejected` (contract/image-events.ts), built from the manifest alone.
 *
 * Exactly one logical event per original: the id is derived from the type, the key and the
 * original's ETag (`imageEventId`), and the timestamp is the manifest's `createdAt`, so telling a
 * committed manifest again (a retry after a failed publish, a duplicate S3 notification) tells the
 * same event, same `webhook-id`, and receivers deduplicate on it.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { manifestEvent, type PublishImageEvent } from '../contract/image-events.js';
import type { ThumbnailManifest } from '../contract/thumbnail-manifest.js';
import { eventBridgePublisher } from '../events/eventbridge.js';
import type { ThumbnailerConfig } from './config.js';

/**
 * Publishes the event a committed manifest stands for; resolves with its id, or `undefined` when
 * events are off. Rejects when the publisher did not take it: the caller lets the record fail, so
 * Lambda retries it and the retry tells the same event again.
 */
export type Announce = (manifest: ThumbnailManifest) => Promise<string | undefined>;

/**
 * The publisher the config asks for: the EventBridge bus `EVENT_BUS_NAME` (the function's region
 * and credentials, timeouts that turn a stalled call into a retry), or `undefined` (no events).
 */
export function configuredPublisher(config: ThumbnailerConfig): PublishImageEvent | undefined {
  if (config.eventBusName === undefined) return undefined;
  // socketTimeout, not requestTimeout: since @smithy/node-http-handler 4.x a requestTimeout only
  // logs a warning unless throwOnRequestTimeout is set, and stops at the response headers.
  const client = new EventBridgeClient({
    requestHandler: { connectionTimeout: 3_000, socketTimeout: 10_000 },
  });
  return eventBridgePublisher({ busName: config.eventBusName, client });
}

/**
 * Builds the announcer of a handler.
 * @param config `imageBaseUrl` (`IMAGE_BASE_URL`) puts a public image's URLs into `image.ready`.
 * @param publish Where events go; `undefined`: nowhere (the announcer resolves `undefined`).
 */
export function createAnnouncer(config: ThumbnailerConfig, publish: PublishImageEvent | undefined): Announce {
  return async (manifest) => {
    if (publish === undefined) return undefined;
    const event = await manifestEvent(manifest, { imageBaseUrl: config.imageBaseUrl });
    await publish(event);
    return event.id;
  };
}
