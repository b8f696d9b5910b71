import { describe, expect, it } from 'vitest';
import { sdkPresignedQuery } from '../test-support/sdk-presign.js';
import { createPresigner } from './presigner.js';
import { createQueryPresigner, type QueryPresignRequest } from './sigv4-query.js';

/**
 * Inputs that miss the presigners' fast paths (a plain key, names already lower-case, a header set
 * seen before, a second's cached date): each URL must still be the SDK's, byte for byte.
 */
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const region = 'eu-west-1';
const host = 'photos.s3.eu-west-1.amazonaws.com';

function request(overrides: Partial<QueryPresignRequest>): QueryPresignRequest {
  return {
    method: 'PUT',
    protocol: 'https:',
    host,
    path: '/k',
    query: {},
    headers: {},
    expiresInSeconds: 60,
    signingDate: new Date('2026-11-22T10:11:12Z'),
    ...overrides,
  };
}

/** Our URL's query and the SDK's for the same request. */
async function bothQueries(sign: ReturnType<typeof createQueryPresigner>, input: QueryPresignRequest) {
  const ours = Object.fromEntries(new URL(await sign(input)).searchParams);
  const sdk = await sdkPresignedQuery(region, credentials, input);
  return { ours, sdk };
}

describe('createQueryPresigner off its fast paths', () => {
  it('encodes a query value made only of reserved characters', async () => {
    const { ours, sdk } = await bothQueries(
      createQueryPresigner(region, credentials),
      request({ query: { uploadId: '/=+' } }),
    );
    expect(ours).toEqual(sdk);
  });

  it('trims a header value of whitespace alone to nothing', async () => {
    const { ours, sdk } = await bothQueries(
      createQueryPresigner(region, credentials),
      request({ headers: { 'x-note': '  \t ' } }),
    );
    expect(ours).toEqual(sdk);
  });

  it('sorts header names that differ only in their last character, given in reverse', async () => {
    const { ours, sdk } = await bothQueries(
      createQueryPresigner(region, credentials),
      request({ headers: { 'x-custom-b': '1', 'x-custom-a': '2' } }),
    );
    expect(ours['X-Amz-SignedHeaders']).toBe('host;x-custom-a;x-custom-b');
    expect(ours).toEqual(sdk);
  });

  it('signs host once when the caller passes it among the headers', async () => {
    const { ours, sdk } = await bothQueries(
      createQueryPresigner(region, credentials),
      request({ headers: { host, 'content-type': 'image/png' } }),
    );
    expect(ours['X-Amz-SignedHeaders']).toBe('content-type;host');
    expect(ours).toEqual(sdk);
  });

  it('dates each URL by its own second, across a second boundary half a second later', async () => {
    const sign = createQueryPresigner(region, credentials);
    for (const at of ['2026-11-22T10:11:12.500Z', '2026-11-22T10:11:13.000Z', '2026-11-22T10:11:13.999Z']) {
      const { ours, sdk } = await bothQueries(sign, request({ signingDate: new Date(at) }));
      expect(ours['X-Amz-Date'], at).toBe(`20261122T1011${at.slice(17, 19)}Z`);
      expect(ours, at).toEqual(sdk);
    }
  });
});

describe('createPresigner off its fast paths', () => {
  const presign = createPresigner({ bucket: 'photos', region, forcePathStyle: false }, credentials);
  const signingDate = new Date('2026-11-22T10:11:12Z');

  it('encodes a key of non-ASCII letters and reserved characters alone', async () => {
    for (const [key, path] of [
      ['é', '/%C3%A9'],
      ['!', '/%21'],
    ]) {
      const { url } = await presign({ method: 'GET', key, expiresInSeconds: 60, signingDate });
      const sdk = await sdkPresignedQuery(region, credentials, request({ method: 'GET', path, signingDate }));
      expect(new URL(url).pathname, key).toBe(path);
      expect(new URL(url).searchParams.get('X-Amz-Signature'), key).toBe(sdk['X-Amz-Signature']);
    }
  });

  it('signs header names given in capitals alone as lower-case', async () => {
    const { url, headers } = await presign({
      method: 'PUT',
      key: 'k',
      expiresInSeconds: 60,
      headers: { 'CONTENT-MD5': 'XrY7u+Ae7tCTyyK7j1rNww==' },
      signingDate,
    });
    expect(headers).toEqual({ 'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==' });
    const sdk = await sdkPresignedQuery(region, credentials, request({ headers, signingDate }));
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toBe(sdk['X-Amz-Signature']);
  });
});
