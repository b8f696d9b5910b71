import { describe, expect, it } from 'vitest';
import { createQueryPresigner } from './sigv4-query.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe("createQueryPresigner and the caller's query", () => {
  it("keeps its own X-Amz-* parameters: a caller's of the same names neither replace nor join them", async () => {
    const sign = createQueryPresigner('eu-west-1', credentials);
    const own = {
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA1',
      'X-Amz-Content-Sha256': 'abc',
      'X-Amz-Credential': 'EVIL/20260101/us-east-1/s3/aws4_request',
      'X-Amz-Date': '20200101T000000Z',
      'X-Amz-Expires': '604800',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Security-Token': 'stolen',
    };
    const url = new URL(
      await sign({
        method: 'PUT',
        protocol: 'https:',
        host: 'photos.s3.eu-west-1.amazonaws.com',
        path: '/k',
        query: { ...own, partNumber: '1' },
        headers: { 'content-length': '5' },
        expiresInSeconds: 60,
        signingDate: new Date('2026-11-22T10:11:12Z'),
      }),
    );
    for (const name of Object.keys(own))
      expect(url.searchParams.getAll(name), name).not.toContain(own[name as keyof typeof own]);
    expect(url.searchParams.getAll('X-Amz-Credential')).toEqual([
      'AKIDEXAMPLE/20261122/eu-west-1/s3/aws4_request',
    ]);
    expect(url.searchParams.getAll('X-Amz-Date')).toEqual(['20261122T101112Z']);
    expect(url.searchParams.getAll('X-Amz-Expires')).toEqual(['60']);
    expect(url.searchParams.getAll('X-Amz-SignedHeaders')).toEqual(['content-length;host']);
    expect(url.searchParams.getAll('partNumber')).toEqual(['1']);
  });
});
