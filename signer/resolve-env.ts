/**
 * Settings that a deployment keeps outside the function's environment, read once at start-up
 * (Lambda init) and merged into the environment that `loadConfig` then reads:
 *
 * - `CONFIG_PARAMETER_NAME`: an SSM parameter whose value is a JSON object of variables, e.g.
 *   `{"IMAGE_BASE_URL":"https://d111.cloudfront.net","CDN_DISTRIBUTION_ID":"E2QWRUHAPOMQZL"}`.
 *   Behind a CloudFront distribution these cannot be plain variables: the distribution points at
 *   the function's URL, so the function cannot point back (a CloudFormation cycle). Variables set
 *   directly win over the parameter's.
 * - `CLOUDFRONT_PRIVATE_KEY_SECRET_ARN`: a Secrets Manager secret whose `SecretString` is the PEM
 *   of the key that signs CloudFront URLs; it becomes `CLOUDFRONT_PRIVATE_KEY`, so the key never
 *   sits in the function's configuration. (`CLOUDFRONT_PRIVATE_KEY` itself stays for local use;
 *   setting both is refused.)
 * - `OWNER_ID_SECRET_ARN`: likewise a secret whose `SecretString` is `OWNER_ID_SECRET`, the key of
 *   the owner segment in object keys (auth/owner-id.ts).
 *
 * Both secrets are read at the same time, after the parameter (which may name them).
 *
 * The AWS SDK clients are imported only when a setting asks for them, so a signer without them
 * never loads them. `loadConfig` stays synchronous and free of I/O.
 */
import type { Env } from '../contract/env.js';
import { MIN_OWNER_ID_SECRET_BYTES } from './auth/owner-id.js';

/** Options of {@link resolveEnv}, for S3-style local endpoints and tests. */
export interface ResolveEnvOptions {
  /** SSM's endpoint; default AWS's (or `AWS_ENDPOINT_URL_SSM`, which the SDK reads). */
  ssmEndpoint?: string;
  /** Secrets Manager's; default AWS's (or `AWS_ENDPOINT_URL_SECRETS_MANAGER`). */
  secretsManagerEndpoint?: string;
}

/**
 * Returns `env` with the variables of `CONFIG_PARAMETER_NAME` filled in where they are unset, then
 * `CLOUDFRONT_PRIVATE_KEY` from `CLOUDFRONT_PRIVATE_KEY_SECRET_ARN` and `OWNER_ID_SECRET` from
 * `OWNER_ID_SECRET_ARN` (which the parameter may set); `env` itself when it names nothing to read.
 * Never modifies `env`.
 * @param env usually `process.env`; its `AWS_REGION` and `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/
 *   `AWS_SESSION_TOKEN` (on Lambda: the function role's session) sign the request, else the AWS
 *   default chain does.
 * @throws {TypeError} naming the setting when the parameter is not a JSON object of strings, a
 *   secret does not hold what its variable needs (a PEM private key; at least 32 bytes), or both a
 *   secret's ARN and its variable are set.
 * @throws {Error} naming the setting when the parameter or secret cannot be read (missing, access denied,
 *   unreachable); its `cause` is the SDK's error.
 * @example const app = createApp(loadConfig(await resolveEnv(process.env)));
 */
export async function resolveEnv(env: Env, options: ResolveEnvOptions = {}): Promise<Env> {
  const parameterName = env.CONFIG_PARAMETER_NAME?.trim();
  const merged: Record<string, string | undefined> = { ...env };
  if (parameterName) {
    const fromParameter = parseVariables(await readParameter(env, parameterName, options), parameterName);
    for (const [name, value] of Object.entries(fromParameter)) {
      if (isUnset(merged[name])) merged[name] = value;
    }
  }
  const secrets = SECRETS.flatMap((secret) => {
    const arn = merged[secret.arnVariable]?.trim();
    if (!arn) return [];
    if (!isUnset(merged[secret.variable])) {
      throw new TypeError(`Expected ${secret.arnVariable} or ${secret.variable} to be set, not both`);
    }
    return [{ ...secret, arn }];
  });
  const values = await Promise.all(secrets.map((secret) => readSecret(merged, secret, options)));
  secrets.forEach((secret, i) => (merged[secret.variable] = values[i]));
  return parameterName || secrets.length > 0 ? merged : env;
}

/** A variable that a deployment keeps in Secrets Manager, named by `arnVariable`. */
interface SecretSetting {
  arnVariable: string;
  variable: string;
  /** What the secret must hold, for the error. */
  expected: string;
  /**
   * Checked here as well as by loadConfig, so that the error names where the value came from (and
   * never shows it).
   */
  holds(value: string): boolean;
}

const SECRETS: readonly SecretSetting[] = [
  {
    arnVariable: 'CLOUDFRONT_PRIVATE_KEY_SECRET_ARN',
    variable: 'CLOUDFRONT_PRIVATE_KEY',
    expected: 'a PEM private key',
    holds: (value) => value.includes('PRIVATE KEY-----'),
  },
  {
    arnVariable: 'OWNER_ID_SECRET_ARN',
    variable: 'OWNER_ID_SECRET',
    expected: `at least ${MIN_OWNER_ID_SECRET_BYTES} bytes`,
    holds: (value) => new TextEncoder().encode(value.trim()).length >= MIN_OWNER_ID_SECRET_BYTES,
  },
];

const isUnset = (value: string | undefined) => value === undefined || value.trim() === '';

async function readParameter(env: Env, name: string, options: ResolveEnvOptions): Promise<string> {
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient({
    ...awsClientConfig(env),
    ...(options.ssmEndpoint && { endpoint: options.ssmEndpoint }),
  });
  try {
    // WithDecryption: a SecureString works too (its KMS key must let the role decrypt).
    const { Parameter } = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return Parameter?.Value ?? '';
  } catch (error) {
    throw new Error(
      `Could not read the SSM parameter ${JSON.stringify(name)} named by CONFIG_PARAMETER_NAME: ${errorName(error)}`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}

async function readSecret(
  env: Env,
  setting: SecretSetting & { arn: string },
  options: ResolveEnvOptions,
): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  // A secret's ARN names its region (arn:aws:secretsmanager:<region>:<account>:secret:<name>).
  const region = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):/.exec(setting.arn)?.[1];
  const client = new SecretsManagerClient({
    ...awsClientConfig(env, region),
    ...(options.secretsManagerEndpoint && { endpoint: options.secretsManagerEndpoint }),
  });
  let secret: string | undefined;
  try {
    ({ SecretString: secret } = await client.send(new GetSecretValueCommand({ SecretId: setting.arn })));
  } catch (error) {
    throw new Error(
      `Could not read the secret ${setting.arnVariable} names (${setting.arn}): ${errorName(error)}`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
  if (secret === undefined || !setting.holds(secret)) {
    throw new TypeError(
      `Expected the secret ${setting.arnVariable} names (${setting.arn}) to hold ${setting.expected} as its SecretString`,
    );
  }
  return secret;
}

function parseVariables(text: string, parameterName: string): Record<string, string> {
  const expected = `Expected the SSM parameter ${JSON.stringify(parameterName)} named by CONFIG_PARAMETER_NAME to hold a JSON object of strings (e.g. {"IMAGE_BASE_URL":"https://cdn.example.com"})`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError(`${expected}, but it is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${expected}, but it holds ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      throw new TypeError(`${expected}, but ${name} is ${item === null ? 'null' : typeof item}`);
    }
  }
  return value as Record<string, string>;
}

/** Region and credentials from `env` (as config.ts reads them), else the SDK's defaults. */
function awsClientConfig(env: Env, region = env.AWS_REGION?.trim() || undefined) {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  return {
    ...(region && { region }),
    maxAttempts: 3,
    ...(accessKeyId &&
      secretAccessKey && {
        credentials: {
          accessKeyId,
          secretAccessKey,
          ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
        },
      }),
  };
}

/** The SDK error's name (`ParameterNotFound`, `AccessDeniedException`…): never its message text. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== error.name ? `${error.name} (${code})` : error.name;
}
