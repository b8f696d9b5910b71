/**
 * Signs one webhook request per Standard Webhooks with the `standardwebhooks` package: the
 * signature is HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`, never computed here by
 * hand. With several secrets (a rotation) the header holds one `v1,…` signature per secret,
 * space-separated, as the spec allows, and the receiver accepts any one it can verify.
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme
 */
import { Webhook } from 'standardwebhooks';

/** The three headers of a signed webhook request. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The headers that sign `body` as message `id`, sent at `sentAt`.
 * @param secrets `whsec_…` secrets (webhook-secrets.ts); the first is the current one
 * @param sentAt the attempt's time: receivers refuse a timestamp more than 5 minutes off
 * @throws {TypeError} without a secret
 * @example
 * const headers = signWebhook('evt_…', JSON.stringify(event), [secret]);
 */
export function signWebhook(
  id: string,
  body: string,
  secrets: readonly string[],
  sentAt: Date = new Date(),
): WebhookHeaders {
  if (secrets.length === 0) throw new TypeError('Expected at least one webhook secret');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, sentAt, body)).join(' '),
  };
}
