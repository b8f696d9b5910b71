/**
 * Verifies a delivered webhook with the `standardwebhooks` library (Standard Webhooks 1.0:
 * HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`, timestamps within 5 minutes), over
 * the raw body as received. During a rotation the sender signs with the new secret and the
 * receiver knows both: a delivery is accepted when any configured secret verifies it.
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** Returns the parsed JSON body; throws {@link WebhookVerificationError} when no secret verifies it. */
export type WebhookVerifier = (rawBody: string, headers: Record<string, string>) => unknown;

/**
 * @param secrets `whsec_…` (or bare base64) secrets; the current one first, the previous one during a rotation
 * @throws {TypeError} when no secret is given or one is not a base64 secret.
 */
export function createWebhookVerifier(secrets: readonly string[]): WebhookVerifier {
  if (secrets.length === 0) throw new TypeError('Expected at least one webhook secret for secrets');
  const webhooks = secrets.map((secret, i) => {
    try {
      return new Webhook(secret);
    } catch {
      // The library's message is generic; never the secret itself.
      throw new TypeError(`Expected secrets[${i}] to be a Standard Webhooks secret (whsec_ + base64)`);
    }
  });
  return (rawBody, headers) => {
    let failure: unknown;
    for (const webhook of webhooks) {
      try {
        return webhook.verify(rawBody, headers);
      } catch (error) {
        failure = error;
      }
    }
    throw failure instanceof WebhookVerificationError
      ? failure
      : new WebhookVerificationError('Invalid body');
  };
}

export { WebhookVerificationError };
