/**
 * The notifier Lambda's configuration, read once from the environment at cold start.
 * Misconfiguration fails fast with a `TypeError` naming the setting (contract/env.ts's rules).
 */
import { readInteger, readString, readUrl, type Env } from '../contract/env.js';
import { DEFAULT_RETRY_POLICY, retryPolicy, type RetryPolicy } from './retry-policy.js';

/** Settings of the notifier. Frozen. */
export interface NotifierConfig {
  /** `WEBHOOK_URL` (required): where the signed POSTs go. */
  readonly webhookUrl: string;
  /**
   * `WEBHOOK_SECRET_ARN` (required): the Secrets Manager secret whose value is the signing secret,
   * or JSON `{"secret": …, "previousSecret": …}` during a rotation (webhook-secrets.ts).
   */
  readonly secretArn: string;
  /** `QUEUE_URL` (required): the queue the messages come from, for `ChangeMessageVisibility`. */
  readonly queueUrl: string;
  /**
   * `DEAD_LETTER_QUEUE_URL` (optional): where an unreadable message is sent at once. Without it, an
   * unreadable message is released at once on each receive and the redrive policy moves it.
   */
  readonly deadLetterQueueUrl?: string;
  /**
   * `MAX_ATTEMPTS` (default 14, 1–1000): attempts in all; set it to the queue's redrive policy's
   * `maxReceiveCount`. `WEBHOOK_TIMEOUT_MS` (default 10000, 1000–60000): one attempt's limit.
   */
  readonly policy: Readonly<RetryPolicy>;
}

/**
 * Reads the notifier's configuration.
 * @throws {TypeError} naming the first setting that is missing or malformed
 */
export function loadNotifierConfig(env: Env): NotifierConfig {
  const webhookUrl = readUrl(env, 'WEBHOOK_URL');
  if (!webhookUrl) throw new TypeError('Expected an http(s) URL for WEBHOOK_URL but it is unset');
  const deadLetterQueueUrl = readUrl(env, 'DEAD_LETTER_QUEUE_URL');
  return Object.freeze({
    webhookUrl,
    secretArn: readString(env, 'WEBHOOK_SECRET_ARN'),
    queueUrl: readString(env, 'QUEUE_URL'),
    ...(deadLetterQueueUrl && { deadLetterQueueUrl }),
    policy: retryPolicy({
      maxAttempts: readInteger(env, 'MAX_ATTEMPTS', DEFAULT_RETRY_POLICY.maxAttempts, 1, 1000),
      timeoutMs: readInteger(env, 'WEBHOOK_TIMEOUT_MS', DEFAULT_RETRY_POLICY.timeoutMs, 1000, 60_000),
    }),
  });
}
