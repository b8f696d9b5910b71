/**
 * Puts image events (contract/image-events.ts) onto an EventBridge bus: `Source` is
 * `image-uploader`, `DetailType` the event's `type`, `Detail` the event as JSON. The signer and the
 * thumbnailer use it on AWS (`EVENT_BUS_NAME`); operators route the events with rules, and the
 * webhook notifier is one such rule's target.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type ImageEvent, type PublishImageEvent } from '../contract/image-events.js';
import type { Env } from '../contract/env.js';

/** Options of {@link eventBridgePublisher}. */
export interface EventBridgePublisherOptions {
  /** The bus's name or ARN. */
  busName: string;
  /** Default: a client for the Lambda's region and credentials. */
  client?: EventBridgeClient;
}

/**
 * A publisher that puts each event on the bus, and rejects when EventBridge did not take it (a
 * failed entry is reported in the answer, not thrown, so it is checked here).
 */
export function eventBridgePublisher(options: EventBridgePublisherOptions): PublishImageEvent {
  const client = options.client ?? new EventBridgeClient({});
  return async (event: ImageEvent) => {
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: options.busName,
            Source: EVENT_SOURCE,
            DetailType: event.type,
            Detail: JSON.stringify(event),
            Time: new Date(event.timestamp),
          },
        ],
      }),
    );
    const failed = answer.Entries?.[0];
    if ((answer.FailedEntryCount ?? 0) > 0 || failed?.ErrorCode) {
      throw new Error(
        `EventBridge refused ${event.type} ${event.id}: ${failed?.ErrorCode} ${failed?.ErrorMessage}`,
      );
    }
  };
}

/** The publisher `EVENT_BUS_NAME` asks for, or `undefined` when it is unset (no events). */
export function publisherFromEnv(env: Env): PublishImageEvent | undefined {
  const busName = env.EVENT_BUS_NAME?.trim();
  return busName ? eventBridgePublisher({ busName }) : undefined;
}
