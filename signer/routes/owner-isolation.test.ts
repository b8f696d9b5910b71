/**
 * The owner segment of every key comes from the verified token, never from what the request says:
 * a `POST /v1/uploads` body and a listing's query that name another user's owner id (as `owner`,
 * `ownerId`, `key`, `prefix`, `sub`, `iss`, on the request or on each file) reach only the
 * caller's own namespace.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  ListImagesResponse,
  MultipartTicket,
  SinglePutTicket,
} from '../../contract/api.js';
import { ownerOriginalsPrefix, parseOriginalKey } from '../../contract/object-keys.js';
import { readUploadMetadata } from '../../contract/upload-metadata.js';
import { localS3Client, type LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import {
  SMALL_UPLOAD_LIMITS,
  TEST_HS256,
  createTestApp,
  customLoginToken,
} from '../test-support/test-app.js';

const MIB = 1024 * 1024;
let s3: LocalS3;
let client: S3Client;
let app: ReturnType<typeof createTestApp>['app'];
const headers: Record<'alice' | 'bob', Record<string, string>> = { alice: {}, bob: {} };
/** Bob's owner segment, his stored image and his open multipart upload: what Alice aims at. */
let bob: { owner: string; image: SinglePutTicket; multipart: MultipartTicket };
let aliceOwner: string;

const createUploads = async (user: 'alice' | 'bob', body: object) => {
  const response = await app.request('/v1/uploads', {
    method: 'POST',
    headers: headers[user],
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as CreateUploadsResponse).uploads;
};
const put = async (ticket: SinglePutTicket) => {
  const response = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' });
  expect(response.status).toBe(200);
};
const listedIds = async (user: 'alice' | 'bob', query = '') => {
  const response = await app.request(`/v1/images${query}`, { headers: headers[user] });
  expect(response.status).toBe(200);
  return ((await response.json()) as ListImagesResponse).images.map((image) => image.id);
};
const ownerOf = (key: string) => parseOriginalKey(key)!.owner;

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: ['http://localhost:5173'] });
  client = localS3Client(s3);
  ({ app } = createTestApp({ s3, env: SMALL_UPLOAD_LIMITS }));
  for (const user of ['alice', 'bob'] as const) {
    headers[user] = {
      authorization: `Bearer ${await customLoginToken(user)}`,
      'content-type': 'application/json',
    };
  }
  const [image, multipart] = (await createUploads('bob', {
    files: [
      { name: 'bob.jpg', type: 'image/jpeg', size: 3 },
      { name: 'bob-big.png', type: 'image/png', size: 7 * MIB },
    ],
  })) as [SinglePutTicket, MultipartTicket];
  await put(image);
  bob = { owner: ownerOf(image.key), image, multipart };
  const [own] = (await createUploads('alice', {
    files: [{ name: 'alice.jpg', type: 'image/jpeg', size: 3 }],
  })) as [SinglePutTicket];
  await put(own);
  aliceOwner = ownerOf(own.key);
  expect(aliceOwner).not.toBe(bob.owner);
});
afterAll(() => {
  client?.destroy();
  return s3?.close();
});

describe('POST /v1/uploads', () => {
  describe("ignores an owner named in the body and signs keys under the caller's own", () => {
    it('for single PUTs and multipart uploads, whatever fields the request or its files add', async () => {
      const claims = {
        owner: bob.owner,
        ownerId: bob.owner,
        key: bob.image.key,
        prefix: ownerOriginalsPrefix(bob.owner),
        sub: 'bob',
        iss: TEST_HS256.issuer,
      };
      const uploads = await createUploads('alice', {
        ...claims,
        files: [
          { name: 'mine.jpg', type: 'image/jpeg', size: 3, ...claims },
          { name: 'mine-big.png', type: 'image/png', size: 7 * MIB, ...claims },
        ],
      });
      const [single, multipart] = uploads as [SinglePutTicket, MultipartTicket];
      expect(uploads.map((ticket) => ('key' in ticket ? ownerOf(ticket.key) : ticket))).toEqual([
        aliceOwner,
        aliceOwner,
      ]);
      expect(new URL(single.url).pathname).toContain(`/${ownerOriginalsPrefix(aliceOwner)}`);
      expect(single.headers['x-amz-meta-sub']).toBe("UTF-8''alice");

      await put(single);
      const stored = await client.send(new HeadObjectCommand({ Bucket: 'images', Key: single.key }));
      expect(readUploadMetadata(stored.Metadata)).toMatchObject({ iss: TEST_HS256.issuer, sub: 'alice' });
      // Bob's namespace holds what it held; Alice's listing has her new image.
      expect(await listedIds('bob')).toEqual([bob.image.id]);
      expect(await listedIds('alice')).toContain(single.id);

      // The multipart upload was created under Alice's key: Alice can list its parts, Bob cannot.
      const route = `/v1/uploads/${multipart.id}/parts?uploadId=${encodeURIComponent(multipart.multipart.uploadId)}`;
      expect((await app.request(route, { headers: headers.alice })).status).toBe(200);
      expect((await app.request(route, { headers: headers.bob })).status).toBe(404);
    });
  });
});

describe('GET /v1/images', () => {
  it("lists the caller's own images, whatever owner the query names", async () => {
    const own = await listedIds('alice');
    expect(own).not.toContain(bob.image.id);
    const owner = encodeURIComponent(bob.owner);
    const prefix = encodeURIComponent(ownerOriginalsPrefix(bob.owner));
    for (const query of [
      `?owner=${owner}`,
      `?ownerId=${owner}`,
      `?prefix=${prefix}`,
      `?owner=${owner}&owner=${owner}&limit=100`,
      `?sub=bob&iss=${encodeURIComponent(TEST_HS256.issuer)}`,
    ]) {
      expect(await listedIds('alice', query), query).toEqual(own);
    }
  });

  it("does not reach another user's image or upload by id, whatever owner the query names", async () => {
    const owner = `owner=${encodeURIComponent(bob.owner)}`;
    const image = await app.request(`/v1/images/${bob.image.id}?${owner}`, { headers: headers.alice });
    expect(image.status).toBe(404);
    const { id, multipart } = bob.multipart;
    const parts = await app.request(
      `/v1/uploads/${id}/parts?uploadId=${encodeURIComponent(multipart.uploadId)}&${owner}`,
      { headers: headers.alice },
    );
    expect(parts.status).toBe(404);
    // Bob still reaches both.
    expect((await app.request(`/v1/images/${bob.image.id}`, { headers: headers.bob })).status).toBe(200);
  });
});
