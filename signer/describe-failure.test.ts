import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeFailure } from './describe-failure.js';

describe('describeFailure', () => {
  describe('says what failed', () => {
    it("names a network failure by Node's code, and what fetch hides in its cause", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const error: unknown = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
      expect(describeFailure(error)).toBe(
        `TypeError: fetch failed ← Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`,
      );
    });

    it("gives an S3 error's code, status, request id, host id and attempts", () => {
      const error = Object.assign(new Error('Please reduce your request rate.'), {
        name: 'SlowDown',
        $metadata: { httpStatusCode: 503, requestId: 'REQ1', extendedRequestId: 'HOST1', attempts: 3 },
      });
      expect(describeFailure(error)).toBe(
        'SlowDown (HTTP 503, request id REQ1, host id HOST1, 3 attempts): Please reduce your request rate.',
      );
    });

    it('reads the messages of an AggregateError that has none of its own', () => {
      const error = new AggregateError([
        new Error('connect ECONNREFUSED ::1:9'),
        new Error('connect ECONNREFUSED 127.0.0.1:9'),
      ]);
      expect(describeFailure(error)).toBe(
        'AggregateError: connect ECONNREFUSED ::1:9; connect ECONNREFUSED 127.0.0.1:9',
      );
    });

    it('says so when there is no cause', () => {
      expect(describeFailure(undefined)).toBe('no cause recorded');
    });
  });

  describe('never says', () => {
    it("a presigned URL's signature, credential or session token", () => {
      const url =
        'https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=IQoJb3JpZ2lu&X-Amz-Signature=0123456789abcdef';
      const text = describeFailure(new Error(`PUT ${url} failed`));
      expect(text).not.toMatch(/AKIDEXAMPLE|IQoJb3JpZ2lu|0123456789abcdef/);
      expect(text).toContain('X-Amz-Signature=[redacted]');
    });

    it("an Authorization header's signature, or a bearer token", () => {
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
      const text = describeFailure(
        new Error(
          `sent Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024; then Bearer ${jwt}; token ${jwt.slice(0, 36)}`,
        ),
      );
      expect(text).not.toMatch(/AKIDEXAMPLE|fe5f80f77d|eyJ/);
    });
  });

  it('cuts a long message', () => {
    expect(describeFailure(new Error('x'.repeat(5000))).length).toBeLessThanOrEqual(301);
  });
});
