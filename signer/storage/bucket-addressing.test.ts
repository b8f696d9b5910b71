import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { createPresigner } from './presigner.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const key = 'thumbnails/o/i d/320.webp';

type Addressing = { region: string; endpoint?: string; forcePathStyle: boolean };

/** Where the AWS SDK sends a GET of `key` with the same settings: origin and path, no query. */
async function sdkLocation(s3: Addressing) {
  const client = new S3Client({ ...s3, credentials });
  const url = new URL(await getSignedUrl(client, new GetObjectCommand({ Bucket: 'photos', Key: key })));
  client.destroy();
  return `${url.origin}${url.pathname}`;
}

async function ourLocation(s3: Addressing) {
  const presign = createPresigner({ bucket: 'photos', ...s3 }, credentials);
  const url = new URL((await presign({ method: 'GET', key, expiresInSeconds: 60 })).url);
  return `${url.origin}${url.pathname}`;
}

describe('createPresigner', () => {
  describe('bucket addressing, as the AWS SDK resolves it', () => {
    const cases: [string, Addressing][] = [
      ['AWS, virtual-hosted', { region: 'eu-west-1', forcePathStyle: false }],
      ['AWS, path style asked for', { region: 'eu-west-1', forcePathStyle: true }],
      [
        'a custom endpoint, virtual-hosted',
        { region: 'us-east-1', endpoint: 'https://s3.example.net', forcePathStyle: false },
      ],
      [
        'a custom endpoint, path style',
        { region: 'us-east-1', endpoint: 'https://s3.example.net:8443', forcePathStyle: true },
      ],
      ['an IPv4 endpoint', { region: 'us-east-1', endpoint: 'http://127.0.0.1:4569', forcePathStyle: false }],
      [
        'an IPv4 endpoint, last number of two digits',
        { region: 'us-east-1', endpoint: 'http://10.0.0.12:9000', forcePathStyle: false },
      ],
      ['an IPv6 endpoint', { region: 'us-east-1', endpoint: 'http://[::1]:4569', forcePathStyle: false }],
      [
        'a host that only starts like an IP address',
        { region: 'us-east-1', endpoint: 'https://10.0.0.1.nip.io', forcePathStyle: false },
      ],
      [
        'a host that contains localhost',
        { region: 'us-east-1', endpoint: 'https://localhost.example.net', forcePathStyle: false },
      ],
    ];
    for (const [name, s3] of cases) {
      it(`${name}: ${s3.endpoint ?? 'amazonaws.com'}`, async () => {
        expect(await ourLocation(s3)).toBe(await sdkLocation(s3));
      });
    }
  });

  describe('path style without being asked, where a bucket subdomain cannot resolve', () => {
    it('uses path style for localhost (the SDK would use photos.localhost)', async () => {
      expect(
        await ourLocation({ region: 'us-east-1', endpoint: 'http://localhost:9000', forcePathStyle: false }),
      ).toBe('http://localhost:9000/photos/thumbnails/o/i%20d/320.webp');
    });

    it('uses subdomains for a host name that only ends like localhost', async () => {
      for (const host of ['s3.localhost']) {
        expect(
          await ourLocation({ region: 'us-east-1', endpoint: `https://${host}`, forcePathStyle: false }),
        ).toBe(`https://photos.${host}/thumbnails/o/i%20d/320.webp`);
      }
    });
  });

  describe('an endpoint behind a path prefix', () => {
    it('keeps the prefix before the bucket, with or without a trailing slash', async () => {
      for (const endpoint of [
        'https://gateway.example.net/storage',
        'https://gateway.example.net/storage/',
      ]) {
        expect(await ourLocation({ region: 'us-east-1', endpoint, forcePathStyle: true })).toBe(
          'https://gateway.example.net/storage/photos/thumbnails/o/i%20d/320.webp',
        );
      }
    });
  });

  describe('signed headers', () => {
    it('returns and signs header names in lower case, whatever case they were asked in', async () => {
      const presign = createPresigner(
        { bucket: 'photos', region: 'us-east-1', forcePathStyle: false },
        credentials,
      );
      const { url, headers } = await presign({
        method: 'PUT',
        key,
        expiresInSeconds: 60,
        headers: { 'Content-Type': 'image/webp', 'X-Amz-ACL': 'bucket-owner-full-control' },
      });
      expect(headers).toEqual({ 'content-type': 'image/webp', 'x-amz-acl': 'bucket-owner-full-control' });
      expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;x-amz-acl');
    });
  });
});
