/**
 * Where the signer's image events go by default: the EventBridge bus `EVENT_BUS_NAME` names
 * (events/eventbridge.ts). The publisher and its SDK client are loaded on the first event, so a
 * cold start that only signs uploads never pays for them.
 */
import type { PublishImageEvent } from '../contract/image-events.js';

/**
 * A publisher that puts each event on the bus `busName`, loading the EventBridge client on first use.
 * @param busName the bus's name or ARN (`EVENT_BUS_NAME`)
 */
export function lazyEventBusPublisher(busName: string): PublishImageEvent {
  let loaded: Promise<PublishImageEvent> | undefined;
  return async (event) => {
    loaded ??= import('../events/eventbridge.js').then(
      ({ eventBridgePublisher }) => eventBridgePublisher({ busName }),
      (error: unknown) => {
        loaded = undefined; // tried again on the next event
        throw error;
      },
    );
    await (
      await loaded
    )(event);
  };
}
