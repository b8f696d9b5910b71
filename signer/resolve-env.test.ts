import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { resolveEnv } from './resolve-env.js';
import { AwsJsonError, startAwsJsonApi, type AwsJsonApi } from './test-support/aws-json-api.js';

const PARAMETER = '/image-uploader/Signer/config';
const SESSION = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
};

const SECRET_ARN =
  'arn:aws:secretsmanager:us-east-2:123456789012:secret:image-uploader/cloudfront-key-AbCdEf';
const PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString()
  .trim();

/** What the SSM API holds: parameter name → value. */
const parameters = new Map<string, string>();
/** What Secrets Manager holds: ARN → the secret. */
type StoredSecret = { SecretString?: string; SecretBinary?: string };
const secrets = new Map<string, StoredSecret>();
/** SSM and Secrets Manager: one AWS JSON 1.1 server answers both (by X-Amz-Target). */
let ssm: AwsJsonApi;

beforeAll(async () => {
  ssm = await startAwsJsonApi({
    'AmazonSSM.GetParameter': ({ Name }) => {
      const value = parameters.get(String(Name));
      if (value === undefined) throw new AwsJsonError('ParameterNotFound', '');
      return { Parameter: { Name, Type: 'String', Value: value, Version: 1, DataType: 'text' } };
    },
    'secretsmanager.GetSecretValue': ({ SecretId }) => {
      const secret = secrets.get(String(SecretId));
      if (!secret)
        throw new AwsJsonError(
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret.",
        );
      return { ARN: SecretId, Name: 'image-uploader/cloudfront-key', VersionId: 'v1', ...secret };
    },
  });
});
afterAll(() => ssm.close());
beforeEach(() => {
  parameters.clear();
  secrets.clear();
  ssm.requests.length = 0;
});

const endpoints = () => ({ ssmEndpoint: ssm.endpoint, secretsManagerEndpoint: ssm.endpoint });
const resolve = (env: Record<string, string>) =>
  resolveEnv({ ...SESSION, CONFIG_PARAMETER_NAME: PARAMETER, ...env }, endpoints());
const resolveSecret = (env: Record<string, string> = {}) =>
  resolveEnv({ ...SESSION, CLOUDFRONT_PRIVATE_KEY_SECRET_ARN: SECRET_ARN, ...env }, endpoints());

const OWNER_SECRET_ARN =
  'arn:aws:secretsmanager:eu-central-1:123456789012:secret:image-uploader/owner-id-secret-GhIjKl';
/** What the CDK stack generates: 64 letters and digits. */
const OWNER_SECRET = 'Qx7'.repeat(21) + 'Z';
const resolveOwnerSecret = (env: Record<string, string> = {}) =>
  resolveEnv({ ...SESSION, OWNER_ID_SECRET_ARN: OWNER_SECRET_ARN, ...env }, endpoints());
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('resolveEnv', () => {
  describe('CONFIG_PARAMETER_NAME', () => {
    it('fills unset variables from the parameter, signed with the session in env', async () => {
      parameters.set(
        PARAMETER,
        JSON.stringify({
          IMAGE_BASE_URL: 'https://d111.cloudfront.net',
          CDN_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL',
        }),
      );
      const env = await resolve({ S3_BUCKET: 'images' });
      expect(env).toMatchObject({
        S3_BUCKET: 'images',
        IMAGE_BASE_URL: 'https://d111.cloudfront.net',
        CDN_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL',
      });
      expect(ssm.requests).toEqual([
        {
          target: 'AmazonSSM.GetParameter',
          input: { Name: PARAMETER, WithDecryption: true },
          credential: expect.stringMatching(/^AKIAEXAMPLE\/\d{8}\/eu-west-1\/ssm\/aws4_request$/),
        },
      ]);
    });

    it('lets variables set directly win over the parameter', async () => {
      parameters.set(
        PARAMETER,
        JSON.stringify({ IMAGE_BASE_URL: 'https://d111.cloudfront.net', PUBLIC_ORIGINALS: 'true' }),
      );
      const env = await resolve({ IMAGE_BASE_URL: 'https://images.example.com', PUBLIC_ORIGINALS: ' ' });
      expect(env.IMAGE_BASE_URL).toBe('https://images.example.com');
      // A blank variable is unset (contract/env.ts), so the parameter fills it.
      expect(env.PUBLIC_ORIGINALS).toBe('true');
    });

    it('reads nothing and returns env itself when unset', async () => {
      const env = { S3_BUCKET: 'images' };
      expect(await resolveEnv(env, { ssmEndpoint: ssm.endpoint })).toBe(env);
      expect(ssm.requests).toHaveLength(0);
    });

    it('does not modify the env it is given', async () => {
      parameters.set(PARAMETER, JSON.stringify({ IMAGE_BASE_URL: 'https://d111.cloudfront.net' }));
      const given = { ...SESSION, CONFIG_PARAMETER_NAME: PARAMETER };
      await resolveEnv(given, { ssmEndpoint: ssm.endpoint });
      expect(given).not.toHaveProperty('IMAGE_BASE_URL');
    });

    it('fails naming the setting when the parameter is missing', async () => {
      const error = await resolve({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/CONFIG_PARAMETER_NAME.*ParameterNotFound/);
      expect((error as Error).cause).toMatchObject({ name: 'ParameterNotFound' });
    });

    it.each([
      ['not JSON', '{"IMAGE_BASE_URL":', /not JSON/],
      ['an array', '["IMAGE_BASE_URL"]', /holds an array/],
      ['a string', '"https://d111.cloudfront.net"', /holds string/],
      ['a non-string value', '{"PUBLIC_ORIGINALS":true}', /PUBLIC_ORIGINALS is boolean/],
    ])('fails with a TypeError naming the setting when the value is %s', async (_, value, detail) => {
      parameters.set(PARAMETER, value);
      const error = await resolve({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain('CONFIG_PARAMETER_NAME');
      expect((error as Error).message).toMatch(detail);
    });

    it('fails naming the setting when SSM cannot be reached', async () => {
      const closed = await startAwsJsonApi({});
      await closed.close();
      const error = await resolveEnv(
        { ...SESSION, CONFIG_PARAMETER_NAME: PARAMETER },
        { ssmEndpoint: closed.endpoint },
      ).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        /^Could not read the SSM parameter .* CONFIG_PARAMETER_NAME: .*ECONNREFUSED/,
      );
    });
  });

  describe('CLOUDFRONT_PRIVATE_KEY_SECRET_ARN', () => {
    it("puts the secret's PEM in CLOUDFRONT_PRIVATE_KEY, read in the ARN's region", async () => {
      secrets.set(SECRET_ARN, { SecretString: PEM });
      const env = await resolveSecret({
        S3_BUCKET: 'images',
        AUTH_HS256_SECRET: 'x'.repeat(40),
        AUTH_HS256_ISSUER: 'https://login.example.com',
        AUTH_HS256_AUDIENCE: 'image-uploader',
        OWNER_ID_SECRET: OWNER_SECRET,
        IMAGE_BASE_URL: 'https://d111.cloudfront.net',
        CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
      });
      expect(env.CLOUDFRONT_PRIVATE_KEY).toBe(PEM);
      expect(loadConfig(env).delivery.cloudFrontSigning).toEqual({
        keyPairId: 'K2JCJMDEHXQW5F',
        privateKey: PEM,
      });
      expect(ssm.requests).toEqual([
        {
          target: 'secretsmanager.GetSecretValue',
          input: { SecretId: SECRET_ARN },
          credential: expect.stringMatching(/^AKIAEXAMPLE\/\d{8}\/us-east-2\/secretsmanager\/aws4_request$/),
        },
      ]);
    });

    it('takes the ARN from CONFIG_PARAMETER_NAME too', async () => {
      parameters.set(PARAMETER, JSON.stringify({ CLOUDFRONT_PRIVATE_KEY_SECRET_ARN: SECRET_ARN }));
      secrets.set(SECRET_ARN, { SecretString: PEM });
      expect((await resolve({})).CLOUDFRONT_PRIVATE_KEY).toBe(PEM);
      expect(ssm.requests.map((r) => r.target)).toEqual([
        'AmazonSSM.GetParameter',
        'secretsmanager.GetSecretValue',
      ]);
    });
  });

  describe('OWNER_ID_SECRET_ARN', () => {
    it("puts the secret in OWNER_ID_SECRET, read in the ARN's region", async () => {
      secrets.set(OWNER_SECRET_ARN, { SecretString: OWNER_SECRET });
      const env = await resolveOwnerSecret({
        S3_BUCKET: 'images',
        AUTH_ISSUERS: '[{"issuer":"https://accounts.google.com","audience":"123.apps"}]',
      });
      expect(env.OWNER_ID_SECRET).toBe(OWNER_SECRET);
      expect(loadConfig(env).auth.ownerIdSecret).toBe(OWNER_SECRET);
      expect(ssm.requests).toEqual([
        {
          target: 'secretsmanager.GetSecretValue',
          input: { SecretId: OWNER_SECRET_ARN },
          credential: expect.stringMatching(
            /^AKIAEXAMPLE\/\d{8}\/eu-central-1\/secretsmanager\/aws4_request$/,
          ),
        },
      ]);
    });

    it('reads it with the CloudFront key, both after the parameter that names them', async () => {
      parameters.set(
        PARAMETER,
        JSON.stringify({
          OWNER_ID_SECRET_ARN: OWNER_SECRET_ARN,
          CLOUDFRONT_PRIVATE_KEY_SECRET_ARN: SECRET_ARN,
        }),
      );
      secrets.set(OWNER_SECRET_ARN, { SecretString: OWNER_SECRET });
      secrets.set(SECRET_ARN, { SecretString: PEM });
      const env = await resolve({});
      expect(env).toMatchObject({ OWNER_ID_SECRET: OWNER_SECRET, CLOUDFRONT_PRIVATE_KEY: PEM });
      expect(ssm.requests[0]!.target).toBe('AmazonSSM.GetParameter');
      expect(ssm.requests.slice(1).map((r) => r.input.SecretId)).toEqual(
        expect.arrayContaining([OWNER_SECRET_ARN, SECRET_ARN]),
      );
      expect(ssm.requests).toHaveLength(3);
    });
  });

  /** What both secrets' settings share; each one's own behaviour is tested above. */
  const secretSettings: {
    arnVariable: string;
    variable: string;
    arn: string;
    value: string;
    unusable: [string, StoredSecret][];
  }[] = [
    {
      arnVariable: 'CLOUDFRONT_PRIVATE_KEY_SECRET_ARN',
      variable: 'CLOUDFRONT_PRIVATE_KEY',
      arn: SECRET_ARN,
      value: PEM,
      unusable: [
        ['binary', { SecretBinary: Buffer.from(PEM).toString('base64') }],
        ['not a PEM key', { SecretString: 'hunter2-not-a-key' }],
      ],
    },
    {
      arnVariable: 'OWNER_ID_SECRET_ARN',
      variable: 'OWNER_ID_SECRET',
      arn: OWNER_SECRET_ARN,
      value: OWNER_SECRET,
      unusable: [
        ['binary', { SecretBinary: Buffer.from(OWNER_SECRET).toString('base64') }],
        ['shorter than 32 bytes', { SecretString: 'hunter2-is-31-bytes-long-xxxxxx' }],
        ['32 bytes only with its blanks', { SecretString: ' hunter2-is-30-bytes-long-xxxxx\n' }],
      ],
    },
  ];
  describe.each(secretSettings)('$arnVariable', ({ arnVariable, variable, arn, value, unusable }) => {
    const resolveIt = (env: Record<string, string> = {}) =>
      resolveEnv({ ...SESSION, [arnVariable]: arn, ...env }, endpoints());

    it(`refuses ${variable} set as well, before reading anything`, async () => {
      const error = await failure(resolveIt({ [variable]: value }));
      expect(error).toBeInstanceOf(TypeError);
      expect(error?.message).toContain(`${arnVariable} or ${variable}`);
      expect(ssm.requests).toHaveLength(0);
    });

    it('fails naming the setting when the secret is missing', async () => {
      const error = await failure(resolveIt());
      expect(error?.message).toMatch(new RegExp(`${arnVariable}.*ResourceNotFoundException`));
      expect(error?.cause).toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it.each(unusable)(
      'fails with a TypeError naming the setting, never the value, when the secret is %s',
      async (_, secret) => {
        secrets.set(arn, secret);
        const error = await failure(resolveIt());
        expect(error).toBeInstanceOf(TypeError);
        expect(error?.message).toContain(arnVariable);
        expect(error?.message).not.toContain('hunter2');
      },
    );
  });
});
