/** Image events on EventBridge and as Standard Webhooks. */
export { eventBridgePublisher, publisherFromEnv } from './eventbridge.js';
export type { EventBridgePublisherOptions } from './eventbridge.js';
