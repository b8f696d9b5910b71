import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { customLoginToken, TEST_HS256 } from './test-support/test-app.js';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<
  APIGatewayProxyResultV2 & { body?: string; statusCode?: number; headers?: Record<string, string> }
>;
let handler: Handler;

beforeAll(async () => {
  // lambda.ts reads its configuration at module load, as it does at a Lambda cold start.
  Object.assign(process.env, {
    S3_BUCKET: 'images',
    S3_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'session',
    AUTH_HS256_SECRET: TEST_HS256.secret,
    AUTH_HS256_ISSUER: TEST_HS256.issuer,
    AUTH_HS256_AUDIENCE: TEST_HS256.audience,
  });
  ({ handler } = (await import('./lambda.js')) as unknown as { handler: Handler });
});

function httpApiEvent(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc.lambda-url.eu-west-1.on.aws', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc',
      domainName: 'abc.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abc',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '22/Nov/2026:10:00:00 +0000',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    ...(body !== undefined && { body }),
  };
}

describe('signer/lambda.ts', () => {
  it('answers an API Gateway v2 / Function URL event', async () => {
    const result = await handler(httpApiEvent('GET', '/healthz', {}), {} as Context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toEqual({ status: 'ok' });
  });

  it('presigns with the function role session (token signed into the URL)', async () => {
    const token = await customLoginToken('lambda-user');
    const body = JSON.stringify({ files: [{ name: 'a.png', type: 'image/png', size: 10 }] });
    const result = await handler(
      httpApiEvent(
        'POST',
        '/v1/uploads',
        { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      ),
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
    const result = await handler(httpApiEvent('GET', '/v1/images', {}), {} as Context);
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body!).error.code).toBe('ERR_TOKEN_MISSING');
    expect(result.headers?.['www-authenticate']).toBe('Bearer error="invalid_token"');
  });
});
