/**
 * The webhook secrets from Secrets Manager, fetched once per Lambda container and again after a
 * few minutes, so a rotation (`{"secret": new, "previousSecret": old}`) reaches warm containers.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsFromValue } from './webhook-secrets.js';

/** Options of {@link secretsManagerSecrets}. */
export interface SecretsManagerSecretsOptions {
  /** Default: a client for the Lambda's region and credentials. */
  client?: SecretsManagerClient;
  /** How long a fetched value is used, ms. Default 5 min. */
  maxAgeMs?: number;
}

/**
 * A loader of the secret `arn`'s signing secrets (`whsec_…`, current first). A failed fetch is not
 * cached, so the next call tries again.
 * @throws (from the loader) the SDK's error, or a `TypeError` when the value is not a secret
 */
export function secretsManagerSecrets(
  arn: string,
  options: SecretsManagerSecretsOptions = {},
): () => Promise<string[]> {
  const client = options.client ?? new SecretsManagerClient({});
  const maxAgeMs = options.maxAgeMs ?? 5 * 60 * 1000;
  let cached: { secrets: Promise<string[]>; at: number } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > maxAgeMs) {
      const secrets = client.send(new GetSecretValueCommand({ SecretId: arn })).then((answer) => {
        if (answer.SecretString === undefined)
          throw new TypeError('Expected WEBHOOK_SECRET_ARN to hold a string');
        return secretsFromValue(answer.SecretString);
      });
      const entry = { secrets, at: Date.now() };
      cached = entry;
      secrets.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.secrets;
  };
}
