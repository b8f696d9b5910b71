import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveEnv } from './resolve-env.js';
import { AwsJsonError, startAwsJsonApi, type AwsJsonApi } from './test-support/aws-json-api.js';

const PARAMETER = '/image-uploader/Signer/config';
const SESSION = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
};

/** What the SSM API holds: parameter name → value. */
const parameters = new Map<string, string>();
let ssm: AwsJsonApi;

beforeAll(async () => {
  ssm = await startAwsJsonApi({
    'AmazonSSM.GetParameter': ({ Name }) => {
      const value = parameters.get(String(Name));
      if (value === undefined) throw new AwsJsonError('ParameterNotFound', '');
      return { Parameter: { Name, Type: 'String', Value: value, Version: 1, DataType: 'text' } };
    },
  });
});
afterAll(() => ssm.close());
beforeEach(() => {
  parameters.clear();
  ssm.requests.length = 0;
});

const resolve = (env: Record<string, string>) =>
  resolveEnv({ ...SESSION, CONFIG_PARAMETER_NAME: PARAMETER, ...env }, { ssmEndpoint: ssm.endpoint });

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
});
