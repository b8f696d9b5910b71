import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { localS3Client } from '../stack/local-s3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinglePutTicket } from '../contract/api.js';
import { readUploadMetadata } from '../contract/upload-metadata.js';
import { LANE_ISSUER, bytes, rawRequest, startLane, type Lane } from './test-support/lane.js';

let lane: Lane;
beforeAll(async () => {
  lane = await startLane();
});
afterAll(() => lane?.close());

const JPEG = 'image/jpeg';
const SIZE = 1000;
const ticketFor = async (sub = 'alice', size = SIZE) =>
  (await lane.tickets(sub, [{ name: 'a.jpg', type: JPEG, size }]))[0] as SinglePutTicket;
/** PUTs `body` with exactly `headers` (node:http: no header added or corrected). */
const put = (url: string, headers: Record<string, string>, body: Uint8Array) =>
  rawRequest('PUT', url, headers, body);
/** HEAD's status for a key: 200, or S3's error status (404: nothing stored). */
const headStatus = (key: string) =>
  lane.client
    .send(new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: key }))
    .then(() => 200)
    .catch((e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode);
const withParam = (url: string, name: string, value: string) => {
  const edited = new URL(url);
  edited.searchParams.set(name, value);
  return edited.href;
};

describe('presigned PUT on radosgw', () => {
  describe('the ticket as issued', () => {
    it('stores the object (200) with the signed type', async () => {
      const ticket = await ticketFor();
      const body = bytes(SIZE);
      const response = await put(ticket.url, ticket.headers, body);
      expect(response.status).toBe(200);
      const stored = await lane.client.send(
        new GetObjectCommand({ Bucket: lane.s3.bucket, Key: ticket.key }),
      );
      expect(stored.ContentType).toBe(JPEG);
      expect(new Uint8Array(await stored.Body!.transformToByteArray())).toEqual(body);
    });

    it("stores the file's name exactly as signed, as user metadata", async () => {
      const name = 'Zoë’s café 🐈‍⬛ (1).jpg';
      const [ticket] = (await lane.tickets('alice', [{ name, type: JPEG, size: SIZE }])) as [SinglePutTicket];
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-meta-name');
      expect((await put(ticket.url, ticket.headers, bytes(SIZE))).status).toBe(200);
      const head = await lane.client.send(new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: ticket.key }));
      expect(head.Metadata).toEqual({
        name: ticket.headers['x-amz-meta-name'],
        visibility: ticket.headers['x-amz-meta-visibility'],
        iss: ticket.headers['x-amz-meta-iss'],
        sub: ticket.headers['x-amz-meta-sub'],
        metadata: ticket.headers['x-amz-meta-metadata'],
      });
      expect(readUploadMetadata(head.Metadata)).toEqual({
        name,
        visibility: 'private',
        iss: LANE_ISSUER,
        sub: 'alice',
        metadata: {},
      });
    });

    it("stores the uploader's identity and the page's metadata exactly as signed", async () => {
      const metadata = { listing_id: '42', note: 'Zoë’s café, 2nd floor' };
      const [ticket] = (await lane.tickets('carol', [
        { name: 'a.jpg', type: JPEG, size: SIZE, metadata },
      ])) as [SinglePutTicket];
      const signed = new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')!.split(';');
      expect(signed).toEqual(
        expect.arrayContaining(['x-amz-meta-iss', 'x-amz-meta-sub', 'x-amz-meta-metadata']),
      );
      expect((await put(ticket.url, ticket.headers, bytes(SIZE))).status).toBe(200);
      const head = await lane.client.send(new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: ticket.key }));
      expect(readUploadMetadata(head.Metadata)).toMatchObject({ iss: LANE_ISSUER, sub: 'carol', metadata });
    });
  });

  describe('one object, once', () => {
    it('refuses a second PUT with the same URL (412 PreconditionFailed) and keeps the first bytes', async () => {
      const ticket = await ticketFor();
      expect(ticket.headers['if-none-match']).toBe('*');
      const first = bytes(SIZE, 1);
      expect((await put(ticket.url, ticket.headers, first)).status).toBe(200);
      const again = await put(ticket.url, ticket.headers, bytes(SIZE, 2));
      expect([again.status, again.code]).toEqual([412, 'PreconditionFailed']);
      const stored = await lane.client.send(
        new GetObjectCommand({ Bucket: lane.s3.bucket, Key: ticket.key }),
      );
      expect(new Uint8Array(await stored.Body!.transformToByteArray())).toEqual(first);
    });

    it('refuses the PUT without its If-None-Match (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      expect((await put(ticket.url, ticket.headers, bytes(SIZE))).status).toBe(200);
      const { 'if-none-match': _condition, ...headers } = ticket.headers;
      const response = await put(ticket.url, headers, bytes(SIZE, 2));
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });
  });

  describe("the file's MD5", () => {
    const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('base64');

    it('refuses a body other than the one hashed (400 BadDigest), storing nothing; stores the right one', async () => {
      const body = bytes(SIZE);
      const [ticket] = (await lane.tickets('alice', [
        { name: 'a.jpg', type: JPEG, size: SIZE, md5: md5(body) },
      ])) as [SinglePutTicket];
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')).toContain('content-md5');
      const corrupted = body.slice();
      corrupted[500]! ^= 1;
      const refused = await put(ticket.url, ticket.headers, corrupted);
      expect([refused.status, refused.code]).toEqual([400, 'BadDigest']);
      expect(await headStatus(ticket.key)).toBe(404);
      const { 'content-md5': _digest, ...unhashed } = ticket.headers;
      const dropped = await put(ticket.url, unhashed, corrupted);
      expect([dropped.status, dropped.code]).toEqual([403, 'SignatureDoesNotMatch']);
      const response = await put(ticket.url, ticket.headers, body);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    });
  });

  describe('a request that differs from what was signed', () => {
    it('refuses another Content-Type (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const response = await put(ticket.url, { ...ticket.headers, 'content-type': 'text/html' }, bytes(SIZE));
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses a missing Content-Type (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const { 'content-type': _type, ...headers } = ticket.headers;
      const response = await put(ticket.url, headers, bytes(SIZE));
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses another file name (403 SignatureDoesNotMatch), and stores nothing', async () => {
      const ticket = await ticketFor();
      const renamed = { ...ticket.headers, 'x-amz-meta-name': "UTF-8''invoice.pdf" };
      const response = await put(ticket.url, renamed, bytes(SIZE));
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
      expect(await headStatus(ticket.key)).toBe(404);
    });

    it('refuses another visibility (403 SignatureDoesNotMatch): a private upload cannot publish itself', async () => {
      const ticket = await ticketFor();
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-meta-visibility');
      for (const headers of [
        { ...ticket.headers, 'x-amz-meta-visibility': "UTF-8''public" },
        { ...ticket.headers, 'x-amz-meta-visibility': 'public' },
        Object.fromEntries(
          Object.entries(ticket.headers).filter(([name]) => name !== 'x-amz-meta-visibility'),
        ),
      ]) {
        const response = await put(ticket.url, headers, bytes(SIZE));
        expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
      }
      expect(await headStatus(ticket.key)).toBe(404);
    });

    it("refuses another uploader's identity or other page metadata, or none (403 SignatureDoesNotMatch)", async () => {
      const [ticket] = (await lane.tickets('alice', [
        { name: 'a.jpg', type: JPEG, size: SIZE, metadata: { listing_id: '42' } },
      ])) as [SinglePutTicket];
      const without = (name: string) =>
        Object.fromEntries(Object.entries(ticket.headers).filter(([header]) => header !== name));
      for (const headers of [
        { ...ticket.headers, 'x-amz-meta-sub': "UTF-8''bob" },
        { ...ticket.headers, 'x-amz-meta-iss': "UTF-8''https%3A%2F%2Fevil.example" },
        { ...ticket.headers, 'x-amz-meta-metadata': "UTF-8''%7B%22listing_id%22%3A%2243%22%7D" },
        { ...ticket.headers, 'x-amz-meta-metadata': "UTF-8''%7B%7D" },
        without('x-amz-meta-sub'),
        without('x-amz-meta-iss'),
        without('x-amz-meta-metadata'),
      ]) {
        const response = await put(ticket.url, headers, bytes(SIZE));
        expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
      }
      expect(await headStatus(ticket.key)).toBe(404);
    });

    it('refuses a missing file name (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const { 'x-amz-meta-name': _name, ...headers } = ticket.headers;
      const response = await put(ticket.url, headers, bytes(SIZE));
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses a longer body (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const response = await put(
        ticket.url,
        { ...ticket.headers, 'content-length': String(SIZE + 1) },
        bytes(SIZE + 1),
      );
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses a shorter body (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const response = await put(
        ticket.url,
        { ...ticket.headers, 'content-length': String(SIZE - 1) },
        bytes(SIZE - 1),
      );
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses a tampered signature (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const signature = new URL(ticket.url).searchParams.get('X-Amz-Signature')!;
      const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
      const response = await put(
        withParam(ticket.url, 'X-Amz-Signature', flipped),
        ticket.headers,
        bytes(SIZE),
      );
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses an edited expiry (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const response = await put(
        withParam(ticket.url, 'X-Amz-Expires', '604800'),
        ticket.headers,
        bytes(SIZE),
      );
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses the same signature on another key (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const url = new URL(ticket.url);
      url.pathname = url.pathname.replace(/original\.jpg$/, 'other.jpg');
      const response = await put(url.href, ticket.headers, bytes(SIZE));
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
    });
  });

  describe('an expired URL', () => {
    it('is refused once its TTL has passed (403 AccessDenied)', async () => {
      const shortLived = lane.signerWith({ UPLOAD_URL_TTL_SECONDS: '1' });
      const [ticket] = (await lane.tickets(
        'alice',
        [{ name: 'a.jpg', type: JPEG, size: SIZE }],
        shortLived,
      )) as [SinglePutTicket];
      expect(new URL(ticket.url).searchParams.get('X-Amz-Expires')).toBe('1');
      // S3 checks expiry against its own clock, which no test can freeze: wait the second out.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const response = await put(ticket.url, ticket.headers, bytes(SIZE));
      expect([response.status, response.code]).toEqual([403, 'AccessDenied']);
    });
  });

  describe('anonymous requests', () => {
    it('refuses an unsigned PUT (403 AccessDenied)', async () => {
      const url = `${lane.s3.endpoint}/${lane.s3.bucket}/uploads/anonymous/x/original.jpg`;
      const response = await put(url, { 'content-type': JPEG }, bytes(SIZE));
      expect([response.status, response.code]).toEqual([403, 'AccessDenied']);
    });

    it('refuses an unsigned GET of an existing object (403 AccessDenied)', async () => {
      const ticket = await ticketFor();
      expect((await put(ticket.url, ticket.headers, bytes(SIZE))).status).toBe(200);
      const response = await rawRequest('GET', `${lane.s3.endpoint}/${lane.s3.bucket}/${ticket.key}`);
      expect([response.status, response.code]).toEqual([403, 'AccessDenied']);
    });
  });

  describe("another user's objects", () => {
    it("cannot be overwritten with one user's ticket (403 SignatureDoesNotMatch)", async () => {
      const bobs = await ticketFor('bob');
      const bobsBody = bytes(SIZE, 9);
      expect((await put(bobs.url, bobs.headers, bobsBody)).status).toBe(200);
      const alices = await ticketFor('alice');
      expect(alices.key.split('/')[1]).not.toBe(bobs.key.split('/')[1]);
      const url = new URL(alices.url);
      url.pathname = `/${lane.s3.bucket}/${bobs.key}`;
      const response = await put(url.href, alices.headers, bytes(SIZE, 1));
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
      const stored = await lane.client.send(new GetObjectCommand({ Bucket: lane.s3.bucket, Key: bobs.key }));
      expect(new Uint8Array(await stored.Body!.transformToByteArray())).toEqual(bobsBody);
    });

    it("are out of reach of another S3 user's keys (403 AccessDenied)", async () => {
      const ticket = await ticketFor();
      expect((await put(ticket.url, ticket.headers, bytes(SIZE))).status).toBe(200);
      await lane.s3.createUser('stranger', 'STRANGERACCESSKEY', 'stranger-secret');
      const stranger = localS3Client({
        ...lane.s3,
        accessKeyId: 'STRANGERACCESSKEY',
        secretAccessKey: 'stranger-secret',
      });
      const get = await stranger
        .send(new GetObjectCommand({ Bucket: lane.s3.bucket, Key: ticket.key }))
        .catch((e) => e);
      expect([get.$metadata?.httpStatusCode, get.Code ?? get.name]).toEqual([403, 'AccessDenied']);
      const overwrite = await stranger
        .send(new PutObjectCommand({ Bucket: lane.s3.bucket, Key: ticket.key, Body: 'x' }))
        .catch((e) => e);
      expect([overwrite.$metadata?.httpStatusCode, overwrite.Code ?? overwrite.name]).toEqual([
        403,
        'AccessDenied',
      ]);
      stranger.destroy();
    });
  });
});
