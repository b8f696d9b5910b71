/**
 * What the signer's Lambda tests share: the environment a function gets (its role session as
 * AWS_* variables, the custom-login issuer) and a Function URL / HTTP API (payload 2.0) event.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { TEST_HS256, TEST_OWNER_ID_SECRET } from './test-app.js';

/** Environment for a signer Lambda in tests; assign before importing the entry (it reads it at load). */
export const LAMBDA_TEST_ENV: Readonly<Record<string, string>> = {
  S3_BUCKET: 'images',
  S3_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
  AUTH_HS256_SECRET: TEST_HS256.secret,
  AUTH_HS256_ISSUER: TEST_HS256.issuer,
  AUTH_HS256_AUDIENCE: TEST_HS256.audience,
  OWNER_ID_SECRET: TEST_OWNER_ID_SECRET,
};

/** A Function URL (or HTTP API, payload 2.0) request event. */
export function functionUrlEvent(
  method: string,
  path: string,
  request: { headers?: Record<string, string>; body?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc.lambda-url.eu-west-1.on.aws', ...request.headers },
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
    ...(request.body !== undefined && { body: request.body }),
  };
}
