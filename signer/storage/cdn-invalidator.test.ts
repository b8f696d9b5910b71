import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignerError } from '../signer-error.js';
import { createCdnInvalidator } from './cdn-invalidator.js';

/**
 * A local HTTP endpoint in CloudFront's place: it records what the real SDK sends and answers as
 * CloudFront's API does (201 with the invalidation), or with an error.
 */
const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
let answer: 'created' | 'throttled' = 'created';
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
    });
    if (answer === 'throttled') {
      response.writeHead(400, { 'content-type': 'text/xml' });
      response.end(
        '<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>TooManyInvalidationsInProgress</Code><Message>slow down</Message></Error><RequestId>r1</RequestId></ErrorResponse>',
      );
      return;
    }
    response.writeHead(201, { 'content-type': 'text/xml', location: 'https://cloudfront.amazonaws.com/x' });
    response.end(
      '<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status><CreateTime>2026-01-01T00:00:00Z</CreateTime></Invalidation>',
    );
  });
});
let endpoint: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

describe('createCdnInvalidator', () => {
  it("sends CloudFront's CreateInvalidation for the distribution and paths, signed, with a unique reference", async () => {
    const invalidate = createCdnInvalidator({ distributionId: 'E2QWRUHAPOMQZL', endpoint, credentials });
    received.length = 0;
    await invalidate(['/public/abc-jpg/*']);
    await invalidate(['/public/abc-jpg/*']);
    expect(received).toHaveLength(2);
    const [first, second] = received;
    expect([first!.method, first!.url]).toEqual([
      'POST',
      '/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation',
    ]);
    expect(first!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cloudfront\//,
    );
    expect(first!.body).toContain('<Quantity>1</Quantity><Items><Path>/public/abc-jpg/*</Path></Items>');
    const reference = (body: string) => /<CallerReference>([^<]+)<\/CallerReference>/.exec(body)?.[1];
    expect(reference(first!.body)).toBeTruthy();
    expect(reference(second!.body)).not.toBe(reference(first!.body));
  });

  it('sends nothing for no paths, and answers a refusal with 503 ERR_STORAGE_UNAVAILABLE (the cause kept)', async () => {
    const invalidate = createCdnInvalidator({ distributionId: 'E2QWRUHAPOMQZL', endpoint, credentials });
    received.length = 0;
    await invalidate([]);
    expect(received).toHaveLength(0);
    answer = 'throttled';
    try {
      const failure = await invalidate(['/public/abc-jpg/*']).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SignerError);
      expect(failure).toMatchObject({ code: 'ERR_STORAGE_UNAVAILABLE', status: 503 });
      expect((failure as SignerError).cause).toMatchObject({ name: 'TooManyInvalidationsInProgress' });
    } finally {
      answer = 'created';
    }
  });
});
