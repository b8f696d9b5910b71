import { describe, expect, it } from 'vitest';
import { createPresigner } from './presigner.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const put = { method: 'PUT' as const, key: 'uploads/o/i d/original.jpg', expiresInSeconds: 300 };

describe('createPresigner', () => {
  it('uses virtual-hosted URLs on AWS and encodes the key per segment', async () => {
    const presign = createPresigner(
      { bucket: 'photos', region: 'eu-west-1', forcePathStyle: false },
      credentials,
    );
    const { url } = await presign(put);
    expect(url).toMatch(
      /^https:\/\/photos\.s3\.eu-west-1\.amazonaws\.com\/uploads\/o\/i%20d\/original\.jpg\?/,
    );
  });

  it('uses path style when asked, or when the endpoint is an IP address or localhost', async () => {
    for (const [endpoint, forcePathStyle] of [
      ['https://minio.example.com', true],
      ['http://127.0.0.1:4569', false],
      ['http://localhost:9000', false],
    ] as const) {
      const presign = createPresigner(
        { bucket: 'photos', region: 'us-east-1', endpoint, forcePathStyle },
        credentials,
      );
      expect(new URL((await presign(put)).url).pathname).toBe('/photos/uploads/o/i%20d/original.jpg');
    }
  });

  it('signs exactly the headers it returns, with the requested expiry and no checksum', async () => {
    const presign = createPresigner(
      { bucket: 'photos', region: 'us-east-1', forcePathStyle: false },
      credentials,
    );
    const signingDate = new Date('2026-11-22T10:00:00Z');
    const { url, headers } = await presign({
      ...put,
      headers: { 'content-type': 'image/jpeg', 'content-length': '42' },
      signingDate,
    });
    const params = new URL(url).searchParams;
    expect(headers).toEqual({ 'content-type': 'image/jpeg', 'content-length': '42' });
    expect(params.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(params.get('X-Amz-Expires')).toBe('300');
    expect(params.get('X-Amz-Date')).toBe('20261122T100000Z');
    expect([...params.keys()].some((k) => k.toLowerCase().includes('checksum'))).toBe(false);
    // Deterministic for the same input: a change in what is signed shows up here.
    const again = await presign({
      ...put,
      headers: { 'content-type': 'image/jpeg', 'content-length': '42' },
      signingDate,
    });
    expect(again.url).toBe(url);
    const otherType = await presign({
      ...put,
      headers: { 'content-type': 'image/png', 'content-length': '42' },
      signingDate,
    });
    expect(new URL(otherType.url).searchParams.get('X-Amz-Signature')).not.toBe(
      params.get('X-Amz-Signature'),
    );
  });
});

describe('sigv4-query', () => {
  it('produces exactly the URL of the SDK S3RequestPresigner', async () => {
    const { S3RequestPresigner } = await import('@aws-sdk/s3-request-presigner');
    const { HttpRequest } = await import('@smithy/core/protocols');
    const { Sha256 } = await import('@smithy/core/checksum');
    const withSession = { ...credentials, sessionToken: 'IQoJb3JpZ2luX2VjE+/=' };
    const signingDate = new Date('2026-11-22T10:11:12Z');
    const cases = [
      {
        method: 'PUT',
        key: 'uploads/o/x-jpg/original.jpg',
        headers: { 'content-type': 'image/jpeg', 'content-length': '42' },
        query: {},
      },
      {
        method: 'PUT',
        key: 'uploads/o/x-jpg/original.jpg',
        headers: {
          'content-type': 'image/jpeg',
          'content-length': '42',
          'x-amz-meta-name': "UTF-8''caf%C3%A9%20%281%29.jpg",
        },
        query: {},
      },
      {
        method: 'PUT',
        key: 'uploads/o/x-png/original.png',
        headers: {},
        query: { partNumber: '7', uploadId: 'a+b/c=' },
      },
      { method: 'GET', key: 'thumbnails/o/x-jpg/320.webp', headers: {}, query: {} },
      {
        // The response headers a GET fixes (image-links.ts): a space, a comma and an equals sign.
        method: 'GET',
        key: 'thumbnails/o/x-jpg/320.webp',
        headers: {},
        query: {
          'response-content-type': 'image/webp',
          'response-content-disposition': 'inline',
          'response-cache-control': 'private, max-age=900',
        },
      },
    ] as const;
    for (const creds of [credentials, withSession]) {
      const ours = createPresigner({ bucket: 'photos', region: 'eu-west-1', forcePathStyle: false }, creds);
      const sdk = new S3RequestPresigner({ credentials: creds, region: 'eu-west-1', sha256: Sha256 });
      for (const c of cases) {
        const request = new HttpRequest({
          method: c.method,
          protocol: 'https:',
          hostname: 'photos.s3.eu-west-1.amazonaws.com',
          path: `/${c.key}`,
          query: { ...c.query },
          headers: { ...c.headers, host: 'photos.s3.eu-west-1.amazonaws.com' },
        });
        const signed = await sdk.presign(request, {
          expiresIn: 300,
          signingDate,
          signableHeaders: new Set(Object.keys(c.headers)),
          // The SDK moves x-amz-* headers into the query unless told not to; ours stay headers.
          unhoistableHeaders: new Set(Object.keys(c.headers)),
        });
        const expected = new URL(`https://${signed.hostname}${signed.path}`);
        for (const [name, value] of Object.entries(signed.query ?? {}))
          expected.searchParams.set(name, String(value));
        const actual = new URL(
          (
            await ours({
              method: c.method,
              key: c.key,
              expiresInSeconds: 300,
              headers: c.headers,
              query: c.query,
              signingDate,
            })
          ).url,
        );
        expect(Object.fromEntries(actual.searchParams)).toEqual(Object.fromEntries(expected.searchParams));
        expect(actual.pathname).toBe(expected.pathname);
      }
    }
  });
});
