/**
 * `~` is one of RFC 3986's unreserved characters, which SigV4's UriEncode leaves as they are: a
 * presigner that writes it as `%7E` signs another canonical query than S3 computes, and S3 refuses
 * the URL. radosgw's multipart upload ids contain `~` (`2~…`); AWS's may too.
 */
import { describe, expect, it } from 'vitest';
import { sdkPresignedQuery } from '../test-support/sdk-presign.js';
import { createQueryPresigner, uriEncode } from './sigv4-query.js';

const region = 'eu-west-1';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE~+/=',
};
const host = 'photos.s3.eu-west-1.amazonaws.com';
const signingDate = new Date('2026-11-22T10:11:12Z');
const path = '/uploads/o/x-png/original.png';

describe('createQueryPresigner', () => {
  describe('keeps `~` unencoded, as the SDK and S3 do', () => {
    it.each([
      [
        'a radosgw upload id (unreserved characters only)',
        { partNumber: '2', uploadId: '2~dTq3XbJ9vLc0QkG-_.Mx' },
      ],
      ['an upload id with characters to encode', { partNumber: '1', uploadId: '2~a/b+c=d e~' }],
      ['a parameter name with `~`', { 'x~name': 'v~1', uploadId: '~' }],
    ])('signs %s exactly as the SDK does', async (_name, query) => {
      const request = {
        method: 'PUT',
        protocol: 'https:',
        host,
        path,
        query,
        headers: { 'content-length': '5242880', 'content-md5': 'CY9rzUYh03PK3k6DJie09g==' },
        expiresInSeconds: 300,
        signingDate,
      };
      const url = new URL(await createQueryPresigner(region, credentials)(request));
      const expected = await sdkPresignedQuery(region, credentials, request);
      expect(Object.fromEntries(url.searchParams)).toEqual(expected);
      expect(url.search).not.toMatch(/%7E/i);
    });
  });

  it('uriEncode leaves every unreserved character alone and encodes the rest (upper-case hex)', () => {
    expect(uriEncode('AZaz09-._~')).toBe('AZaz09-._~');
    expect(uriEncode("~ !'()*/+=~")).toBe('~%20%21%27%28%29%2A%2F%2B%3D~');
  });
});
