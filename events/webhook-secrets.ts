/**
 * Webhook signing secrets as Standard Webhooks writes them: `whsec_` and the base64 of the key
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme).
 * Several secrets at once are a rotation: the first signs, and every one of them signs too, so a
 * receiver that knows either verifies.
 */

/** The prefix of a secret in Standard Webhooks form. */
export const SECRET_PREFIX = 'whsec_';

/** The spec asks for keys of 24 to 64 random bytes. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * One secret in `whsec_…` form, from the base64 of 24–64 bytes, with or without the prefix (so a
 * 32-character alphanumeric password, as CDK's `generateSecretString` makes one, is a secret: 24
 * bytes).
 * @param setting the setting it came from, named in the error
 * @throws {TypeError} when it is not the base64 of 24–64 bytes; the message never holds the value
 */
export function parseWebhookSecret(value: string, setting = 'WEBHOOK_SECRET'): string {
  const base64 = value.trim().replace(/^whsec_/, '');
  const bytes = BASE64.test(base64) ? Buffer.from(base64, 'base64').length : 0;
  if (bytes < MIN_KEY_BYTES || bytes > MAX_KEY_BYTES) {
    throw new TypeError(
      `Expected ${setting} to be the base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} random bytes, ` +
        `with or without "${SECRET_PREFIX}"; received ${base64.length} characters that are not`,
    );
  }
  return SECRET_PREFIX + base64;
}

/**
 * The secrets in a Secrets Manager value: a plain secret, or JSON
 * `{ "secret": "…", "previousSecret": "…" }` while a rotation is under way (the new one first).
 * @throws {TypeError} naming `setting` when a secret is missing or malformed
 */
export function secretsFromValue(value: string, setting = 'WEBHOOK_SECRET_ARN'): string[] {
  if (!value.trimStart().startsWith('{')) return [parseWebhookSecret(value, setting)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new TypeError(`Expected ${setting}'s value to be a secret or JSON {"secret": …}; it is not JSON`);
  }
  const { secret, previousSecret } = (parsed ?? {}) as { secret?: unknown; previousSecret?: unknown };
  if (typeof secret !== 'string') {
    throw new TypeError(`Expected ${setting}'s JSON value to have a "secret" string`);
  }
  const secrets = [parseWebhookSecret(secret, `${setting} "secret"`)];
  if (typeof previousSecret === 'string' && previousSecret.trim()) {
    secrets.push(parseWebhookSecret(previousSecret, `${setting} "previousSecret"`));
  }
  return secrets;
}

/**
 * A new random secret in `whsec_…` form (32 bytes), e.g. for the local stack or a receiver's tests.
 */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
}
