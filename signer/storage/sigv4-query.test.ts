import { describe, expect, it } from 'vitest';
import { sdkPresignedQuery } from '../test-support/sdk-presign.js';
import { createQueryPresigner } from './sigv4-query.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/=',
};
const host = 'photos.s3.eu-west-1.amazonaws.com';
const signingDate = new Date('2026-11-22T10:11:12Z');

/** The SDK's signature for the same request, as the reference. */
async function sdkSignature(
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  creds = credentials,
  date = signingDate,
): Promise<string> {
  const presigned = await sdkPresignedQuery('eu-west-1', creds, {
    method: 'PUT',
    protocol: 'https:',
    host,
    path,
    query,
    headers,
    expiresInSeconds: 60,
    signingDate: date,
  });
  return presigned['X-Amz-Signature']!;
}

describe('createQueryPresigner', () => {
  it('orders query parameters by encoded name and trims header values like the SDK', async () => {
    const sign = createQueryPresigner('eu-west-1', async () => credentials);
    // Names whose order differs between "name=value" strings and names alone ('-', '.', '%', digits
    // sort before '='), and header values with whitespace to trim and collapse.
    const query = { 'a-b': '1', a: '2', 'a.b': '3', 'a b': '4', a0: '5', Z: '6', uploadId: 'x+y/z=' };
    const headers = {
      'content-type': '  image/jpeg  ',
      'content-disposition': 'inline;   filename="a  b"\t',
    };
    const url = new URL(
      await sign({
        method: 'PUT',
        protocol: 'https:',
        host,
        path: '/uploads/o/x-jpg/original.jpg',
        query,
        headers,
        expiresInSeconds: 60,
        signingDate,
      }),
    );
    const expected = await sdkSignature('/uploads/o/x-jpg/original.jpg', query, headers);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expected);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(credentials.sessionToken);
  });

  it('derives a new signing key when the day or the secret changes', async () => {
    // The key is cached per (day, secret); rotated credentials and the next day must not reuse it.
    const rotated = { ...credentials, secretAccessKey: 'rotated/secret+KEY' };
    let current: typeof credentials = credentials;
    const sign = createQueryPresigner('eu-west-1', async () => current);
    const nextDay = new Date('2026-11-23T00:00:01Z');
    const base = { protocol: 'https:', host, path: '/k', query: {}, expiresInSeconds: 60 };
    const headers = { 'content-type': 'image/jpeg', 'content-disposition': 'inline; filename="ü.jpg"' };
    for (const [creds, date] of [
      [credentials, signingDate],
      [credentials, signingDate],
      [credentials, nextDay],
      [rotated, nextDay],
      [credentials, nextDay],
    ] as const) {
      current = creds;
      const request = { ...base, method: 'PUT', headers, signingDate: date };
      const url = new URL(await sign(request));
      const expected = await sdkSignature('/k', {}, headers, creds, date);
      expect(url.searchParams.get('X-Amz-Signature')).toBe(expected);
    }
  });

  it('keeps nothing stale of what it remembers between URLs (date, header order, credential)', async () => {
    // The presigner keeps X-Amz-Date for the second, the sorted header names for the last sets of
    // names it saw, and the encoded credential for the key, session token and day: every URL of
    // this sequence must still carry exactly the SDK's parameters.
    let current: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = credentials;
    const sign = createQueryPresigner('eu-west-1', async () => current);
    const single = {
      'content-type': 'image/jpeg',
      'content-length': '42',
      'content-disposition': 'inline',
    };
    const reordered = {
      'content-disposition': 'attachment',
      'content-length': '7',
      'content-type': 'image/png',
    };
    const fewer = { 'content-type': 'image/jpeg', 'content-length': '42' };
    const more = { ...single, 'content-md5': 'rL0Y20zC+Fzt72VPzMSk2A==' };
    const inAMoment = new Date(signingDate.getTime() + 999);
    const nextSecond = new Date(signingDate.getTime() + 1000);
    const nextDay = new Date('2026-11-23T00:00:00Z');
    const otherKey = { ...credentials, accessKeyId: 'AKIDOTHER' };
    const noToken = { accessKeyId: 'AKIDOTHER', secretAccessKey: credentials.secretAccessKey };
    const newToken = { ...credentials, sessionToken: 'IQoJnewToken+/=' };
    const steps: [typeof current, Date, Record<string, string>][] = [
      [credentials, signingDate, single],
      [credentials, inAMoment, { ...single, 'content-length': '43' }],
      [credentials, nextSecond, reordered],
      [credentials, nextSecond, fewer],
      [credentials, nextSecond, more],
      [credentials, nextSecond, single],
      [newToken, nextSecond, single],
      [credentials, nextSecond, single],
      [otherKey, nextSecond, single],
      [noToken, nextSecond, single],
      [noToken, nextDay, single],
      [credentials, nextDay, more],
    ];
    for (const [creds, date, headers] of steps) {
      current = creds;
      const request = {
        method: 'PUT',
        protocol: 'https:',
        host,
        path: '/k',
        query: {},
        headers,
        expiresInSeconds: 60,
        signingDate: date,
      };
      const url = new URL(await sign(request));
      const expected = await sdkPresignedQuery('eu-west-1', creds, request);
      expect(Object.fromEntries(url.searchParams)).toEqual(expected);
    }
  });

  it('rejects, not throws, when the credentials provider fails', async () => {
    const failure = Object.assign(new Error('no credentials'), { code: 'ERR_TEST' });
    const sign = createQueryPresigner('eu-west-1', () => Promise.reject(failure));
    const request = {
      method: 'GET',
      protocol: 'https:',
      host,
      path: '/k',
      query: {},
      headers: {},
      expiresInSeconds: 60,
      signingDate,
    };
    await expect(sign(request)).rejects.toMatchObject({ code: 'ERR_TEST' });
  });
});
