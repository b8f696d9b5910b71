/**
 * The event settings of the deployment (`events` in `deploy/deploy.config.ts`): the EventBridge bus
 * the signer and the thumbnailer put `image.ready`, `image.rejected` and `image.deleted` on, and the
 * webhook that a notifier Lambda delivers them to.
 */
import { integer, secretArn } from './config-values.js';

/** What an operator may set under `events`; every field is optional. */
export interface EventsConfig {
  /**
   * Put the events on this existing bus (its name, e.g. `default`, or its ARN) instead of a new
   * custom bus. The bus must be in the stack's account and region when `webhookUrl` is set (the
   * webhook rule is created on it).
   */
  eventBusName?: string;
  /**
   * Deliver every event to this `https://` URL as a signed Standard Webhooks POST (an EventBridge
   * rule, an SQS queue with a dead-letter queue, and the notifier Lambda). Default: no webhook.
   */
  webhookUrl?: string;
  /**
   * The complete ARN of an existing Secrets Manager secret holding the webhook secret (plain, or
   * JSON `{"secret":"…","previousSecret":"…"}`). Default: the stack generates one.
   */
  webhookSecretArn?: string;
  /**
   * `MAX_ATTEMPTS`: delivery attempts per event before it goes to the dead-letter queue, which is
   * also the queue's `maxReceiveCount` (default 8: with the notifier's backoff, about a day).
   */
  maxAttempts?: number;
  /**
   * How many notifier instances may run at once: its reserved concurrency and the SQS event source's
   * maximum concurrency (default 2, the least an SQS event source allows). Keeps a slow receiver
   * from being flooded and the notifier from taking the account's concurrency.
   */
  concurrency?: number;
}

/** The bus choice, resolved. */
export type ResolvedEventBus =
  { mode: 'create' } | { mode: 'existing'; name: string } | { mode: 'existing'; arn: string };

/** The webhook settings with every default filled in. */
export interface ResolvedWebhook {
  url: string;
  secretArn?: string;
  maxAttempts: number;
  concurrency: number;
}

/** The `events` settings with every default filled in. */
export interface ResolvedEventsConfig {
  bus: ResolvedEventBus;
  webhook?: ResolvedWebhook;
}

/** Delivery attempts per event by default: SQS redrives to the DLQ after this many receives. */
export const DEFAULT_WEBHOOK_ATTEMPTS = 8;
/** Concurrent notifier instances by default (an SQS event source's maximum concurrency is at least 2). */
export const DEFAULT_NOTIFIER_CONCURRENCY = 2;

// EventBridge: names of custom and partner buses (PutEvents' EventBusName), and bus ARNs.
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;
const BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[/.\-_A-Za-z0-9]{1,256}$/;

/**
 * Fills in the defaults of the `events` settings and validates them.
 * @param input the operator's `events` settings (default: none set: a new bus, no webhook)
 * @throws {TypeError} naming the setting (`events.…`) when a value is invalid.
 */
export function resolveEventsConfig(input: EventsConfig = {}): ResolvedEventsConfig {
  const { webhookUrl, webhookSecretArn } = input;
  if (webhookUrl === undefined) {
    for (const name of ['webhookSecretArn', 'maxAttempts', 'concurrency'] as const) {
      if (input[name] !== undefined) throw new TypeError(`Expected events.webhookUrl with events.${name}`);
    }
  }
  return {
    bus: resolveBus(input.eventBusName),
    ...(webhookUrl !== undefined && {
      webhook: {
        url: httpsUrl(webhookUrl),
        ...(webhookSecretArn !== undefined && {
          secretArn: secretArn('events.webhookSecretArn', webhookSecretArn),
        }),
        // SQS allows a maxReceiveCount of 1 to 1000.
        maxAttempts: integer('events.maxAttempts', input.maxAttempts, DEFAULT_WEBHOOK_ATTEMPTS, 1, 1000),
        // An SQS event source's MaximumConcurrency is 2 to 1000.
        concurrency: integer('events.concurrency', input.concurrency, DEFAULT_NOTIFIER_CONCURRENCY, 2, 1000),
      },
    }),
  };
}

function resolveBus(value: string | undefined): ResolvedEventBus {
  if (value === undefined) return { mode: 'create' };
  if (value.startsWith('arn:')) {
    if (!BUS_ARN.test(value)) {
      throw new TypeError(`Expected events.eventBusName to be an EventBridge bus ARN, got ${value}`);
    }
    return { mode: 'existing', arn: value };
  }
  if (!BUS_NAME.test(value)) {
    throw new TypeError(`Expected events.eventBusName to be an EventBridge bus name or ARN, got ${value}`);
  }
  return { mode: 'existing', name: value };
}

function httpsUrl(value: string): string {
  // Signed payloads still travel in clear over http; the receiver must be https (EventBridge API
  // destinations insist on it too).
  // The value is not echoed: it may carry credentials or a token the receiver checks.
  if (!URL.canParse(value) || new URL(value).protocol !== 'https:') {
    throw new TypeError('Expected events.webhookUrl to be an https:// URL');
  }
  const url = new URL(value);
  if (url.username || url.password) {
    throw new TypeError('Expected events.webhookUrl without credentials (the signature authenticates)');
  }
  return url.href;
}
