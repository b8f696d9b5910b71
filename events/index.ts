/** Image events on EventBridge and as Standard Webhooks. */
export { eventBridgePublisher, publisherFromEnv } from './eventbridge.js';
export type { EventBridgePublisherOptions } from './eventbridge.js';
export { createWebhookQueue } from './webhook-queue.js';
export type { DeadLetter, WebhookLogEntry, WebhookQueue, WebhookQueueOptions } from './webhook-queue.js';
export { deliverWebhook, WEBHOOK_USER_AGENT } from './deliver-webhook.js';
export type { DeliverWebhookOptions, DeliveryOutcome } from './deliver-webhook.js';
export { signWebhook } from './sign-webhook.js';
export type { WebhookHeaders } from './sign-webhook.js';
export { generateWebhookSecret, parseWebhookSecret, secretsFromValue } from './webhook-secrets.js';
export { DEFAULT_RETRY_POLICY, retryDelay, retryPolicy } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
export { createNotifier } from './notifier.js';
export type { NotifierHandler, NotifierOptions } from './notifier.js';
export { loadNotifierConfig } from './notifier-config.js';
export type { NotifierConfig } from './notifier-config.js';
