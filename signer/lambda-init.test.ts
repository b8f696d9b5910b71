import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsJsonError, startAwsJsonApi, type AwsJsonApi } from './test-support/aws-json-api.js';
import { functionUrlEvent, LAMBDA_TEST_ENV } from './test-support/lambda-event.js';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2 & { statusCode?: number; headers?: Record<string, string> }>;

const PARAMETER = '/image-uploader/Signer/config';
let parameterValue: string | undefined;
let ssm: AwsJsonApi;

beforeAll(async () => {
  ssm = await startAwsJsonApi({
    'AmazonSSM.GetParameter': ({ Name }) => {
      if (Name !== PARAMETER || parameterValue === undefined) throw new AwsJsonError('ParameterNotFound', '');
      return { Parameter: { Name, Type: 'String', Value: parameterValue, Version: 1 } };
    },
  });
  // As the stack sets them; AWS_ENDPOINT_URL_SSM is the SDK's own setting for another endpoint.
  Object.assign(process.env, LAMBDA_TEST_ENV, {
    AWS_REGION: 'eu-west-1',
    CONFIG_PARAMETER_NAME: PARAMETER,
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  });
});
afterAll(() => ssm.close());
beforeEach(() => {
  // lambda.ts reads its configuration at module load: each import below is a new cold start.
  vi.resetModules();
  ssm.requests.length = 0;
});

const coldStart = async () => ((await import('./lambda.js')) as unknown as { handler: Handler }).handler;

describe('signer/lambda.ts init', () => {
  it('reads CONFIG_PARAMETER_NAME once, before the configuration', async () => {
    parameterValue = JSON.stringify({ CORS_ORIGINS: 'https://photos.example.com' });
    const handler = await coldStart();
    const preflight = () =>
      handler(
        functionUrlEvent('OPTIONS', '/v1/uploads', {
          headers: { origin: 'https://photos.example.com', 'access-control-request-method': 'POST' },
        }),
        {} as Context,
      );
    for (const result of [await preflight(), await preflight()]) {
      expect(result.statusCode).toBe(204);
      expect(result.headers?.['access-control-allow-origin']).toBe('https://photos.example.com');
    }
    expect(ssm.requests.map((r) => r.target)).toEqual(['AmazonSSM.GetParameter']);
  });

  it('fails the init naming the setting when the parameter is missing or not JSON', async () => {
    parameterValue = undefined;
    await expect(coldStart()).rejects.toThrow(/CONFIG_PARAMETER_NAME: ParameterNotFound/);
    vi.resetModules();
    parameterValue = 'IMAGE_BASE_URL=https://d111.cloudfront.net';
    await expect(coldStart()).rejects.toThrow(TypeError);
  });

  it('checks what the parameter holds like any variable', async () => {
    parameterValue = JSON.stringify({ IMAGE_BASE_URL: 'https://d111.cloudfront.net/' });
    await expect(coldStart()).rejects.toThrow(/IMAGE_BASE_URL without a trailing slash/);
  });
});
