import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionUrlEvent, LAMBDA_TEST_ENV } from './test-support/lambda-event.js';
import { customLoginToken } from './test-support/test-app.js';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<
  APIGatewayProxyResultV2 & { body?: string; statusCode?: number; headers?: Record<string, string> }
>;
let handler: Handler;

beforeAll(async () => {
  // lambda.ts reads its configuration at module load, as it does at a Lambda cold start.
  Object.assign(process.env, LAMBDA_TEST_ENV);
  ({ handler } = (await import('./lambda.js')) as unknown as { handler: Handler });
});

describe('signer/lambda.ts', () => {
  it('answers an API Gateway v2 / Function URL event', async () => {
    const result = await handler(functionUrlEvent('GET', '/healthz'), {} as Context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toEqual({ status: 'ok' });
  });

  it('presigns with the function role session (token signed into the URL)', async () => {
    const token = await customLoginToken('lambda-user');
    const body = JSON.stringify({ files: [{ name: 'a.png', type: 'image/png', size: 10 }] });
    const result = await handler(
      functionUrlEvent('POST', '/v1/uploads', {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      }),
      {} as Context,
    );
    expect(result.statusCode).toBe(201);
    const url = new URL(JSON.parse(result.body!).uploads[0].url);
    expect(url.host).toBe('images.s3.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIAEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request$/,
    );
    expect(url.searchParams.has('x-amz-checksum-crc32')).toBe(false);
  });

  it('answers a missing token with 401 and the Bearer challenge', async () => {
    const result = await handler(functionUrlEvent('GET', '/v1/images'), {} as Context);
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body!).error.code).toBe('ERR_TOKEN_MISSING');
    expect(result.headers?.['www-authenticate']).toBe('Bearer error="invalid_token"');
  });
});
