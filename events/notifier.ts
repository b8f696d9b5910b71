/**
 * The notifier: the webhook delivery on AWS. An EventBridge rule puts the image events on an SQS
 * queue; this handler takes a batch, signs and POSTs each event (deliver-webhook.ts), and retries
 * through the queue: a failed message's visibility timeout becomes the retry policy's backoff
 * (`ChangeMessageVisibility`, from its `ApproximateReceiveCount`) and it is reported in
 * `batchItemFailures` (enable `ReportBatchItemFailures` on the event source mapping). After the
 * last attempt, the queue's redrive policy (`maxReceiveCount` = `MAX_ATTEMPTS`) moves it to the
 * dead-letter queue. A 410 Gone is taken as done.
 */
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as v from 'valibot';
import { ImageEventSchema, type ImageEvent } from '../contract/image-events.js';
import { deliverWebhook } from './deliver-webhook.js';
import type { NotifierConfig } from './notifier-config.js';
import { retryDelay } from './retry-policy.js';
import { secretsManagerSecrets } from './secrets-manager-secrets.js';
import type { WebhookLogEntry } from './webhook-queue.js';

/** Options of {@link createNotifier}. */
export interface NotifierOptions {
  /** Default: a client for the Lambda's region and credentials. */
  sqs?: SQSClient;
  /** The signing secrets, current first. Default: from `config.secretArn`, cached per container. */
  secrets?: () => Promise<readonly string[]>;
  /** Default: one JSON line on stdout per entry (CloudWatch parses it). */
  log?: (entry: WebhookLogEntry & { messageId?: string }) => void;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** The SQS batch handler. */
export type NotifierHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/** SQS's longest visibility timeout, seconds. */
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

/**
 * Builds the handler.
 * @param config From {@link loadNotifierConfig}.
 * @throws (from the handler) when the secrets cannot be read: the whole batch is tried again
 * @example export const handler = createNotifier(loadNotifierConfig(process.env));
 */
export function createNotifier(config: NotifierConfig, options: NotifierOptions = {}): NotifierHandler {
  const sqs = options.sqs ?? new SQSClient({});
  const secrets = options.secrets ?? secretsManagerSecrets(config.secretArn);
  const log = options.log ?? ((entry: WebhookLogEntry) => console.log(JSON.stringify(entry)));
  const { policy } = config;

  /** Makes the message visible again in `seconds`; a failure only loses the backoff (logged). */
  async function releaseIn(record: SQSRecord, seconds: number) {
    const VisibilityTimeout = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(seconds)));
    await sqs
      .send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: config.queueUrl,
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout,
        }),
      )
      .catch((error: unknown) =>
        log({
          level: 'warn',
          message: `ChangeMessageVisibility failed: ${errorName(error)}`,
          messageId: record.messageId,
        }),
      );
  }

  /** Whether the message is done with (delete it); false to have it received again. */
  async function handle(record: SQSRecord, signing: readonly string[]): Promise<boolean> {
    const event = readEvent(record.body);
    if (!event) return unreadable(record);
    const attempt = Math.max(1, Number(record.attributes.ApproximateReceiveCount) || 1);
    const about = { id: event.id, type: event.type, attempt, messageId: record.messageId };
    const result = await deliverWebhook(event, {
      url: config.webhookUrl,
      secrets: signing,
      timeoutMs: policy.timeoutMs,
      ...(options.fetch && { fetch: options.fetch }),
    });
    if (result.outcome === 'delivered') {
      log({ level: 'info', message: 'webhook delivered', ...about, status: result.status });
      return true;
    }
    if (result.outcome === 'gone') {
      log({
        level: 'warn',
        message: 'webhook refused with 410: not retried',
        ...about,
        reason: result.reason,
      });
      return true;
    }
    const delay = retryDelay(policy, attempt);
    if (delay === undefined) {
      // The redrive policy moves it on its next receive; released now so that is soon.
      log({
        level: 'error',
        message: 'webhook failed its last attempt: to the dead-letter queue',
        ...about,
        reason: result.reason,
      });
      await releaseIn(record, 0);
    } else {
      log({
        level: 'warn',
        message: 'webhook failed; will retry',
        ...about,
        reason: result.reason,
        retryInMs: delay,
      });
      await releaseIn(record, delay / 1000);
    }
    return false;
  }

  /** Not an image event: no attempt could ever deliver it. */
  async function unreadable(record: SQSRecord): Promise<boolean> {
    const about = { messageId: record.messageId };
    if (config.deadLetterQueueUrl) {
      try {
        await sqs.send(
          new SendMessageCommand({ QueueUrl: config.deadLetterQueueUrl, MessageBody: record.body }),
        );
        log({ level: 'error', message: 'unreadable message: sent to the dead-letter queue', ...about });
        return true;
      } catch (error) {
        log({
          level: 'error',
          message: `unreadable message; SendMessage failed: ${errorName(error)}`,
          ...about,
        });
      }
    } else {
      log({
        level: 'error',
        message: 'unreadable message: released at once until the redrive policy moves it',
        ...about,
      });
    }
    await releaseIn(record, 0);
    return false;
  }

  return async (event) => {
    // Nothing to sign: no secret read (an empty batch must not need Secrets Manager).
    if (event.Records.length === 0) return { batchItemFailures: [] };
    let signing: readonly string[];
    try {
      signing = await secrets();
    } catch (error) {
      log({ level: 'error', message: `webhook secret unavailable: ${errorName(error)}` });
      throw new Error('The webhook secret could not be read', { cause: error });
    }
    const done = await Promise.all(event.Records.map((record) => handle(record, signing)));
    return {
      batchItemFailures: event.Records.filter((_, index) => !done[index]).map((record) => ({
        itemIdentifier: record.messageId,
      })),
    };
  };
}

/** The image event an EventBridge-to-SQS message carries in `detail`, or `undefined`. */
function readEvent(body: string): ImageEvent | undefined {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(ImageEventSchema, (message as { detail?: unknown } | null)?.detail);
  return parsed.success ? (parsed.output as ImageEvent) : undefined;
}

/** An error's name or AWS error code, never its message (it may quote the value). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
