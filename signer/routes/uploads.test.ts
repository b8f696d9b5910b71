import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  MultipartTicket,
  SignPartsResponse,
  SinglePutTicket,
} from '../../contract/api.js';
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
let app: ReturnType<typeof createTestApp>['app'];
let auth: Record<string, string>;

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: ['http://localhost:5173'] });
  ({ app } = createTestApp({
    s3,
    env: {
      ...SMALL_UPLOAD_LIMITS,
      UPLOAD_VISIBILITIES: 'public,private',
    },
  }));
  auth = {
    authorization: `Bearer ${await customLoginToken('uploader')}`,
    'content-type': 'application/json',
  };
});
afterAll(() => s3.close());

const post = (path: string, body: unknown, headers = auth) =>
  app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
const createUploads = async (files: object[]) => {
  const response = await post('/v1/uploads', { files });
  return { status: response.status, body: (await response.json()) as CreateUploadsResponse };
};

describe('POST /v1/uploads', () => {
  describe('single PUT', () => {
    it('returns a ticket whose URL and headers upload to S3', async () => {
      const bytes = new Uint8Array(1234).fill(7);
      const { status, body } = await createUploads([
        { name: 'cat.jpg', type: 'image/jpeg', size: bytes.length },
      ]);
      expect(status).toBe(201);
      const ticket = body.uploads[0] as SinglePutTicket;
      expect(ticket.key).toMatch(/^uploads\/[A-Za-z0-9_-]{22}\/[a-z0-9]+-jpg\/original\.jpg$/);
      expect(ticket.headers).toEqual({
        'content-type': 'image/jpeg',
        'content-length': '1234',
        'x-amz-meta-name': "UTF-8''cat.jpg",
        'x-amz-meta-visibility': "UTF-8''private",
        'x-amz-meta-iss': "UTF-8''https%3A%2F%2Flogin.example.test",
        'x-amz-meta-sub': "UTF-8''uploader",
        'x-amz-meta-metadata': "UTF-8''%7B%7D",
      });
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')).toBe(
        'content-length;content-type;host;x-amz-meta-iss;x-amz-meta-metadata;x-amz-meta-name;x-amz-meta-sub;x-amz-meta-visibility',
      );
      expect(new URL(ticket.url).searchParams.get('X-Amz-Expires')).toBe('300');
      expect(Date.parse(ticket.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
      const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: bytes });
      expect(put.status).toBe(200);
      const stored = await localS3Client(s3).send(
        new GetObjectCommand({ Bucket: 'images', Key: ticket.key }),
      );
      expect(await stored.Body!.transformToByteArray()).toEqual(bytes);
      expect(stored.ContentType).toBe('image/jpeg');
      expect(readUploadMetadata(stored.Metadata)).toEqual({
        name: 'cat.jpg',
        visibility: 'private',
        iss: TEST_HS256.issuer,
        sub: 'uploader',
        metadata: {},
      });
    });

    it('makes a new key for every file, never from the client name', async () => {
      const { body } = await createUploads([
        { name: '../../etc/passwd.jpg', type: 'image/jpeg', size: 10 },
        { name: '../../etc/passwd.jpg', type: 'image/jpeg', size: 10 },
      ]);
      const [a, b] = body.uploads as SinglePutTicket[];
      expect(a!.key).not.toContain('passwd');
      expect(a!.id).not.toBe(b!.id);
    });
  });

  describe("the file's name", () => {
    const signedName = async (name: string) => {
      const { body } = await createUploads([{ name, type: 'image/png', size: 3 }]);
      const ticket = body.uploads[0] as SinglePutTicket;
      const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: 'abc' });
      expect(put.status).toBe(200);
      const head = await localS3Client(s3).send(new HeadObjectCommand({ Bucket: 'images', Key: ticket.key }));
      return { header: ticket.headers['x-amz-meta-name']!, stored: readUploadMetadata(head.Metadata).name };
    };

    it('is signed as US-ASCII without whitespace, and stored as given, for non-ASCII names', async () => {
      const name = 'Zoë’s café 🐈‍⬛ 東京 (1).png';
      const { header, stored } = await signedName(name);
      expect(header).toMatch(/^UTF-8''[\x21-\x7e]+$/);
      expect(stored).toBe(name);
    });

    it('is cleaned of control and bidirectional characters, not refused', async () => {
      const { stored } = await signedName(' cat\u0000\r\nnip\u202Egnp.exe\t.png ');
      expect(stored).toBe('cat nip gnp.exe .png');
    });

    it('is cut to 255 bytes of UTF-8, keeping its extension', async () => {
      const { header, stored } = await signedName(`${'東'.repeat(400)}.png`);
      expect(new TextEncoder().encode(stored).length).toBeLessThanOrEqual(255);
      expect(stored).toMatch(/^東+…\.png$/);
      expect(header.length).toBeLessThanOrEqual(7 + 3 * 255);
    });
  });

  describe('visibility', () => {
    const signed = async (files: object[], via = app) => {
      const response = await via.request('/v1/uploads', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ files }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as CreateUploadsResponse).uploads;
    };
    const file = { name: 'a.jpg', type: 'image/jpeg', size: 3 };

    it('is signed per file as asked, within UPLOAD_VISIBILITIES, and stored with the original', async () => {
      const slots = (await signed([
        { ...file, visibility: 'public' },
        { ...file, visibility: 'private' },
        file,
      ])) as SinglePutTicket[];
      expect(slots.map((slot) => slot.headers['x-amz-meta-visibility'])).toEqual([
        "UTF-8''public",
        "UTF-8''private",
        "UTF-8''private", // UPLOAD_DEFAULT_VISIBILITY
      ]);
      const put = await fetch(slots[0]!.url, { method: 'PUT', headers: slots[0]!.headers, body: 'abc' });
      expect(put.status).toBe(200);
      const head = await localS3Client(s3).send(
        new HeadObjectCommand({ Bucket: 'images', Key: slots[0]!.key }),
      );
      expect(readUploadMetadata(head.Metadata).visibility).toBe('public');
    });

    it('refuses, per file, a visibility the configuration does not allow (ERR_VISIBILITY_NOT_ALLOWED)', async () => {
      const privateOnly = createTestApp({ s3, env: { UPLOAD_VISIBILITIES: 'private' } }).app;
      const slots = await signed(
        [{ ...file, visibility: 'public' }, file, { ...file, visibility: 'everyone' }],
        privateOnly,
      );
      expect(slots.map((slot) => ('error' in slot ? slot.error.code : 'ticket'))).toEqual([
        'ERR_VISIBILITY_NOT_ALLOWED',
        'ticket',
        'ERR_VISIBILITY_NOT_ALLOWED',
      ]);
    });

    it('takes UPLOAD_DEFAULT_VISIBILITY when a file asks for none', async () => {
      const publicFirst = createTestApp({
        s3,
        env: { UPLOAD_VISIBILITIES: 'public,private', UPLOAD_DEFAULT_VISIBILITY: 'public' },
      }).app;
      const [slot] = (await signed([file], publicFirst)) as SinglePutTicket[];
      expect(slot!.headers['x-amz-meta-visibility']).toBe("UTF-8''public");
    });
  });

  describe('limits', () => {
    it('refuses each bad file on its own, keeping the batch', async () => {
      const { status, body } = await createUploads([
        { name: 'a.svg', type: 'image/svg+xml', size: 10 },
        { name: 'b.jpg', type: 'image/jpeg', size: 20 * MIB + 1 },
        { name: 'c.png', type: 'image/png', size: 10 },
      ]);
      expect(status).toBe(201);
      expect(body.uploads.map((u) => ('error' in u ? u.error.code : 'ticket'))).toEqual([
        'ERR_TYPE_NOT_ALLOWED',
        'ERR_FILE_TOO_LARGE',
        'ticket',
      ]);
    });

    it('refuses empty and malformed file entries', async () => {
      const { body } = await createUploads([{ name: 'e.jpg', type: 'image/jpeg', size: 0 }, { name: 'x' }]);
      expect(body.uploads.map((u) => ('error' in u ? u.error.code : 'ticket'))).toEqual([
        'ERR_FILE_EMPTY',
        'ERR_BAD_REQUEST',
      ]);
    });

    it('refuses more files than allowed per request', async () => {
      const file = { name: 'a.jpg', type: 'image/jpeg', size: 10 };
      const response = await post('/v1/uploads', { files: [file, file, file, file] });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ERR_TOO_MANY_FILES');
    });

    it('refuses a body that is not JSON or too large', async () => {
      const notJson = await app.request('/v1/uploads', { method: 'POST', headers: auth, body: 'nope' });
      expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('ERR_BAD_REQUEST');
      const huge = await post('/v1/uploads', {
        files: [{ name: 'x'.repeat(70_000), type: 'image/jpeg', size: 1 }],
      });
      expect(huge.status).toBe(413);
      expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('ERR_BODY_TOO_LARGE');
    });
  });

  describe('multipart', () => {
    it('creates, signs parts, lists, and completes a large upload', async () => {
      const size = 11 * MIB;
      const { body } = await createUploads([
        { name: 'big.png', type: 'image/png', size, visibility: 'public' },
      ]);
      const ticket = body.uploads[0] as MultipartTicket;
      expect(ticket.multipart).toMatchObject({ partSize: 5 * MIB, partCount: 3 });
      const signed = await post(`/v1/uploads/${ticket.id}/parts`, {
        uploadId: ticket.multipart.uploadId,
        partNumbers: [1, 2, 3],
      });
      const { parts } = (await signed.json()) as SignPartsResponse;
      expect(parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
      const etags = await Promise.all(
        parts.map(async (part) => {
          const length = part.partNumber < 3 ? 5 * MIB : size - 10 * MIB;
          const response = await fetch(part.url, {
            method: 'PUT',
            headers: part.headers,
            body: new Uint8Array(length),
          });
          expect(response.status).toBe(200);
          return { partNumber: part.partNumber, etag: response.headers.get('etag')! };
        }),
      );
      const listed = await app.request(
        `/v1/uploads/${ticket.id}/parts?uploadId=${ticket.multipart.uploadId}`,
        { headers: auth },
      );
      expect(
        ((await listed.json()) as { parts: { partNumber: number }[] }).parts.map((p) => p.partNumber),
      ).toEqual([1, 2, 3]);
      const done = await post(`/v1/uploads/${ticket.id}/complete`, {
        uploadId: ticket.multipart.uploadId,
        parts: etags,
      });
      expect(done.status).toBe(200);
      expect(await done.json()).toEqual({ id: ticket.id, key: ticket.key });
      const head = await localS3Client(s3).send(new HeadObjectCommand({ Bucket: 'images', Key: ticket.key }));
      expect(head.ContentLength).toBe(size);
      expect(readUploadMetadata(head.Metadata)).toEqual({
        name: 'big.png',
        visibility: 'public',
        iss: TEST_HS256.issuer,
        sub: 'uploader',
        metadata: {},
      });
    });

    it('aborts an upload, after which its parts are gone', async () => {
      const { body } = await createUploads([{ name: 'big.png', type: 'image/png', size: 7 * MIB }]);
      const ticket = body.uploads[0] as MultipartTicket;
      const aborted = await app.request(`/v1/uploads/${ticket.id}?uploadId=${ticket.multipart.uploadId}`, {
        method: 'DELETE',
        headers: auth,
      });
      expect(aborted.status).toBe(204);
      const listed = await app.request(
        `/v1/uploads/${ticket.id}/parts?uploadId=${ticket.multipart.uploadId}`,
        { headers: auth },
      );
      expect(listed.status).toBe(404);
    });

    it('refuses parts out of order and part numbers beyond the size limit', async () => {
      const { body } = await createUploads([{ name: 'big.png', type: 'image/png', size: 7 * MIB }]);
      const ticket = body.uploads[0] as MultipartTicket;
      const beyond = await post(`/v1/uploads/${ticket.id}/parts`, {
        uploadId: ticket.multipart.uploadId,
        partNumbers: [5],
      });
      expect(((await beyond.json()) as { error: { code: string } }).error.code).toBe('ERR_BAD_REQUEST');
      const unordered = await post(`/v1/uploads/${ticket.id}/complete`, {
        uploadId: ticket.multipart.uploadId,
        parts: [
          { partNumber: 2, etag: '"a"' },
          { partNumber: 1, etag: '"b"' },
        ],
      });
      expect(((await unordered.json()) as { error: { code: string } }).error.code).toBe('ERR_INVALID_PARTS');
    });

    it("refuses another user's upload id routes", async () => {
      const { body } = await createUploads([{ name: 'big.png', type: 'image/png', size: 7 * MIB }]);
      const ticket = body.uploads[0] as MultipartTicket;
      const stranger = {
        authorization: `Bearer ${await customLoginToken('stranger')}`,
        'content-type': 'application/json',
      };
      const listed = await app.request(
        `/v1/uploads/${ticket.id}/parts?uploadId=${ticket.multipart.uploadId}`,
        { headers: stranger },
      );
      expect(listed.status).toBe(404);
    });
  });
});

describe('rate limit', () => {
  it('answers 429 ERR_RATE_LIMITED with Retry-After once the bucket is empty, then refills', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const limited = createTestApp({
      s3,
      env: { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '3' },
      deps: { now: () => now },
    }).app;
    const headers = {
      authorization: `Bearer ${await customLoginToken('busy', '10y')}`,
      'content-type': 'application/json',
    };
    const ask = () =>
      limited.request('/v1/uploads', {
        method: 'POST',
        headers,
        body: JSON.stringify({ files: [{ name: 'a.jpg', type: 'image/jpeg', size: 1 }] }),
      });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(201);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ERR_RATE_LIMITED');
    now += 1000;
    expect((await ask()).status).toBe(201);
  });
});
