import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  MultipartTicket,
  SignPartsResponse,
  SinglePutTicket,
} from '../../contract/api.js';
import {
  S3_USER_METADATA_MAX_BYTES,
  readUploadMetadata,
  s3MetadataBytes,
} from '../../contract/upload-metadata.js';
import { localS3Client, type LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { createS3Operations } from '../storage/s3-operations.js';
import { startTestIssuer, type TestIssuer } from '../test-support/key-server.js';
import { SMALL_UPLOAD_LIMITS, TEST_AUDIENCE, createTestApp } from '../test-support/test-app.js';

const MIB = 1024 * 1024;
let s3: LocalS3;
let client: S3Client;
let idp: TestIssuer;
let app: ReturnType<typeof createTestApp>['app'];

beforeAll(async () => {
  [s3, idp] = await Promise.all([
    startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] }),
    startTestIssuer(TEST_AUDIENCE),
  ]);
  client = localS3Client(s3);
  ({ app } = createTestApp({
    s3,
    issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }],
    env: { ...SMALL_UPLOAD_LIMITS, UPLOAD_VISIBILITIES: 'public,private' },
  }));
});
afterAll(async () => {
  client.destroy();
  await Promise.all([s3.close(), idp.close()]);
});

/** `POST /v1/uploads` as `sub`, with a token of the test issuer (RS256, discovery and JWKS over HTTP). */
const createUploads = async (files: object[], sub = 'user-1') => {
  const response = await app.request('/v1/uploads', {
    method: 'POST',
    headers: { authorization: `Bearer ${await idp.sign({ sub })}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  });
  return { status: response.status, body: (await response.json()) as CreateUploadsResponse & ErrorJson };
};
interface ErrorJson {
  error: { code: string; message: string };
}
const head = async (key: string) =>
  readUploadMetadata((await client.send(new HeadObjectCommand({ Bucket: 'images', Key: key }))).Metadata);
const file = { name: 'listing.jpg', type: 'image/jpeg', size: 3 };
const context = { listing_id: '42', role: 'cover', note: 'Zoë’s café, 2nd floor' };
/** What the original's metadata reads back as, uploaded by `sub` with `context`. */
const storedAs = (sub: string, visibility: string) => ({
  name: 'listing.jpg',
  visibility,
  iss: idp.issuer,
  sub,
  metadata: context,
});

describe('POST /v1/uploads', () => {
  describe('metadata', () => {
    it('binds the page metadata and the token’s iss and sub into a single PUT, stored with the original', async () => {
      const { status, body } = await createUploads([{ ...file, metadata: context }], 'user-7');
      expect(status).toBe(201);
      const ticket = body.uploads[0] as SinglePutTicket;
      const signedHeaders = new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')!.split(';');
      expect(signedHeaders).toEqual(
        expect.arrayContaining(['x-amz-meta-iss', 'x-amz-meta-sub', 'x-amz-meta-metadata']),
      );
      expect(ticket.headers['x-amz-meta-metadata']).toMatch(/^UTF-8''[\x21-\x7e]+$/);
      const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' });
      expect(put.status).toBe(200);
      expect(await head(ticket.key)).toEqual(storedAs('user-7', 'private'));
    });

    it('takes the identity from the token, never from the request', async () => {
      const forged = { ...file, iss: 'https://evil.example', sub: 'admin', metadata: { sub: 'admin' } };
      const { body } = await createUploads([forged], 'user-8');
      const ticket = body.uploads[0] as SinglePutTicket;
      await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' });
      expect(await head(ticket.key)).toMatchObject({
        iss: idp.issuer,
        sub: 'user-8',
        metadata: { sub: 'admin' },
      });
    });

    it('creates a multipart upload with the same metadata', async () => {
      const size = 7 * MIB;
      const { body } = await createUploads([{ ...file, size, visibility: 'public', metadata: context }]);
      const ticket = body.uploads[0] as MultipartTicket;
      const { uploadId } = ticket.multipart;
      const headers = {
        authorization: `Bearer ${await idp.sign({ sub: 'user-1' })}`,
        'content-type': 'application/json',
      };
      const signed = await app.request(`/v1/uploads/${ticket.id}/parts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          uploadId,
          size,
          parts: [5 * MIB, 2 * MIB].map((length, index) => ({
            partNumber: index + 1,
            md5: createHash('md5').update(new Uint8Array(length)).digest('base64'),
          })),
        }),
      });
      const parts = await Promise.all(
        ((await signed.json()) as SignPartsResponse).parts.map(async (part) => {
          const length = part.partNumber === 1 ? 5 * MIB : 2 * MIB;
          const put = await fetch(part.url, {
            method: 'PUT',
            headers: part.headers,
            body: new Uint8Array(length),
          });
          return { partNumber: part.partNumber, etag: put.headers.get('etag')! };
        }),
      );
      const done = await app.request(`/v1/uploads/${ticket.id}/complete`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ uploadId, parts }),
      });
      expect(done.status).toBe(200);
      expect(await head(ticket.key)).toEqual(storedAs('user-1', 'public'));
    });
  });

  describe('invalid metadata', () => {
    const refused = async (metadata: unknown, name = file.name) => {
      const { status, body } = await createUploads([file, { ...file, name, metadata }]);
      expect([status, body.error?.code]).toEqual([400, 'ERR_METADATA_INVALID']);
      return body.error.message;
    };

    it('refuses a key outside [a-z0-9_-]{1,40}, naming the file and the key', async () => {
      expect(await refused({ 'Listing ID': '42' })).toBe(
        'files.1.metadata.Listing ID: Invalid key: Expected 1 to 40 of a-z, 0-9, _ and - but received "Listing ID"',
      );
      await refused({ ['k'.repeat(41)]: 'x' });
      await refused({ '': 'x' });
      await refused({ café: 'x' });
    });

    it('refuses keys a receiver would take for the prototype', async () => {
      expect(await refused(JSON.parse('{"__proto__":"x"}'))).toBe(
        'files.1.metadata: Invalid key: "__proto__" is reserved',
      );
      await refused({ constructor: 'x' });
      await refused({ prototype: 'x' });
    });

    it('refuses values that are not strings, and metadata that is not an object', async () => {
      expect(await refused({ count: 3 })).toBe(
        'files.1.metadata.count: Invalid type: Expected string but received 3',
      );
      for (const metadata of [{ nested: { a: 'b' } }, { empty: null }, ['x'], 'x', null, 1]) {
        expect(await refused(metadata)).toMatch(/^files\.1\.metadata/);
      }
    });

    it('refuses more than 2 KiB of JSON', async () => {
      const message = await refused({ note: 'x'.repeat(2048) });
      expect(message).toBe(
        'files.1.metadata: Invalid size: Expected at most 2048 bytes as JSON but received 2059',
      );
    });

    it('refuses, whatever else is wrong with the request', async () => {
      const { status, body } = await createUploads([{ name: 'x' }, { ...file, metadata: { a: 1 } }]);
      expect([status, body.error.code]).toEqual([400, 'ERR_METADATA_INVALID']);
    });
  });

  describe("S3's 2 KB of user metadata", () => {
    const identity = { sub: 'user-1', visibility: 'private' as const };
    /** A `{ note }` whose signed metadata takes exactly `bytes` with the file `name`. */
    const noteFilling = (bytes: number, name: string) => {
      const with0 = s3MetadataBytes({ ...identity, iss: idp.issuer, name, metadata: { note: '' } });
      return { note: 'x'.repeat(bytes - with0) };
    };

    it('takes metadata up to exactly the limit, shared with the name and the identity', async () => {
      const metadata = noteFilling(S3_USER_METADATA_MAX_BYTES, file.name);
      const { status, body } = await createUploads([{ ...file, metadata }]);
      expect(status).toBe(201);
      const ticket = body.uploads[0] as SinglePutTicket;
      expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' })).status).toBe(
        200,
      );
      expect((await head(ticket.key)).metadata).toEqual(metadata);
    });

    it('refuses one byte more, saying why', async () => {
      const metadata = noteFilling(S3_USER_METADATA_MAX_BYTES + 1, file.name);
      const { status, body } = await createUploads([file, { ...file, metadata }]);
      expect([status, body.error.code]).toEqual([400, 'ERR_METADATA_INVALID']);
      expect(body.error.message).toMatch(/^files\.1: S3 keeps at most 2048 bytes of metadata/);
      expect(body.error.message).toContain('would take 2049');
    });

    it('refuses metadata that fits alone but not with a long name', async () => {
      const metadata = { note: 'x'.repeat(1500) };
      expect((await createUploads([{ ...file, metadata }])).status).toBe(201);
      const name = `${'東'.repeat(80)}.jpg`;
      const { status, body } = await createUploads([{ ...file, name, metadata }]);
      expect([status, body.error.code]).toEqual([400, 'ERR_METADATA_INVALID']);
    });

    it('creates no multipart upload when any file of the request is refused', async () => {
      // The real S3 operations, counting the uploads they create (s3rver has no ListMultipartUploads).
      const { config } = createTestApp({ s3 });
      const real = createS3Operations(config.s3);
      const created: string[] = [];
      const counting = createTestApp({
        s3,
        issuers: [{ issuer: idp.issuer, audience: TEST_AUDIENCE }],
        env: SMALL_UPLOAD_LIMITS,
        deps: {
          s3: {
            ...real,
            createMultipartUpload: async (...args) => {
              created.push(args[0]);
              return real.createMultipartUpload(...args);
            },
          },
        },
      }).app;
      const big = { ...file, size: 7 * MIB, metadata: { a: 'b' } };
      const tooMuch = { ...file, metadata: noteFilling(S3_USER_METADATA_MAX_BYTES + 1, file.name) };
      const request = async (files: object[]) =>
        (
          await counting.request('/v1/uploads', {
            method: 'POST',
            headers: { authorization: `Bearer ${await idp.sign({ sub: 'user-1' })}` },
            body: JSON.stringify({ files }),
          })
        ).status;
      expect(await request([big, tooMuch])).toBe(400);
      expect(created).toEqual([]);
      expect(await request([big])).toBe(201); // the count works
      expect(created).toHaveLength(1);
    });
  });
});
