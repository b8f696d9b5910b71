import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
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
/** RFC 1864 Content-MD5 of `bytes`. */
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');
const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;
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
        'if-none-match': '*',
        'x-amz-acl': 'bucket-owner-full-control',
        'content-disposition': 'inline',
        'cache-control': 'private, max-age=900',
        'content-encoding': '',
        'x-amz-meta-name': "UTF-8''cat.jpg",
        'x-amz-meta-visibility': "UTF-8''private",
        'x-amz-meta-iss': "UTF-8''https%3A%2F%2Flogin.example.test",
        'x-amz-meta-sub': "UTF-8''uploader",
        'x-amz-meta-metadata': "UTF-8''%7B%7D",
      });
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')).toBe(
        'cache-control;content-disposition;content-encoding;content-length;content-type;host;if-none-match;x-amz-acl;x-amz-meta-iss;x-amz-meta-metadata;x-amz-meta-name;x-amz-meta-sub;x-amz-meta-visibility',
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
      expect([stored.ContentDisposition, stored.CacheControl]).toEqual(['inline', 'private, max-age=900']);
      expect(readUploadMetadata(stored.Metadata)).toEqual({
        name: 'cat.jpg',
        visibility: 'private',
        iss: TEST_HS256.issuer,
        sub: 'uploader',
        metadata: {},
      });
    });

    it("signs the file's MD5 as content-md5 when the page sends it", async () => {
      const bytes = new Uint8Array(1234).fill(7);
      const { body } = await createUploads([
        { name: 'cat.jpg', type: 'image/jpeg', size: bytes.length, md5: md5(bytes) },
      ]);
      const ticket = body.uploads[0] as SinglePutTicket;
      expect(ticket.headers['content-md5']).toBe(md5(bytes));
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')!.split(';')).toContain(
        'content-md5',
      );
      const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: bytes });
      expect(put.status).toBe(200);
    });

    it('refuses an MD5 that is not the base64 of 16 bytes (ERR_BAD_REQUEST, that file only)', async () => {
      const file = { name: 'a.jpg', type: 'image/jpeg', size: 3 };
      const { status, body } = await createUploads([
        { ...file, md5: 'd41d8cd98f00b204e9800998ecf8427e' }, // hex, not base64
        { ...file, md5: '1B2M2Y8AsgTpgAmY7PhCfg=' },
        { ...file, md5: '1B2M2Y8AsgTpgAmY7PhCfg==' },
      ]);
      expect(status).toBe(201);
      expect(body.uploads.map((u) => ('error' in u ? u.error.code : 'ticket'))).toEqual([
        'ERR_BAD_REQUEST',
        'ERR_BAD_REQUEST',
        'ticket',
      ]);
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
    /** Part `n` of a file of `size` bytes in 5 MiB parts: recognisable bytes of the plan's length. */
    const partBytes = (size: number, n: number, seed = 0) => {
      const length = Math.min(5 * MIB, size - (n - 1) * 5 * MIB);
      return new Uint8Array(length).fill((n + seed) & 0xff);
    };
    const start = async (size: number, headers = auth, via = app) => {
      const response = await via.request('/v1/uploads', {
        method: 'POST',
        headers,
        body: JSON.stringify({ files: [{ name: 'big.png', type: 'image/png', size }] }),
      });
      expect(response.status).toBe(201);
      const ticket = ((await response.json()) as CreateUploadsResponse).uploads[0] as MultipartTicket;
      const { uploadId } = ticket.multipart;
      const route = `/v1/uploads/${ticket.id}`;
      return {
        ticket,
        /** `POST …/parts` for these parts, with the MD5 of `bodies[n]`. */
        sign: (parts: { partNumber: number; md5: string }[], declared = size) =>
          post(`${route}/parts`, { uploadId, size: declared, parts }),
        /** Signs and PUTs part `n` with `body` (default: the plan's bytes); returns its ETag. */
        async put(n: number, body = partBytes(size, n)) {
          const signed = await post(`${route}/parts`, {
            uploadId,
            size,
            parts: [{ partNumber: n, md5: md5(body) }],
          });
          expect(signed.status).toBe(200);
          const [part] = ((await signed.json()) as SignPartsResponse).parts;
          const response = await fetch(part!.url, { method: 'PUT', headers: part!.headers, body });
          expect(response.status).toBe(200);
          return { partNumber: n, etag: response.headers.get('etag')! };
        },
        complete: (parts: { partNumber: number; etag: string }[], via2 = via) =>
          via2.request(`${route}/complete`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ uploadId, parts }),
          }),
        listed: () => via.request(`${route}/parts?uploadId=${uploadId}`, { headers }),
      };
    };

    it('creates, signs parts, lists, and completes a large upload', async () => {
      const size = 11 * MIB;
      const { body } = await createUploads([
        { name: 'big.png', type: 'image/png', size, visibility: 'public' },
      ]);
      const ticket = body.uploads[0] as MultipartTicket;
      expect(ticket.multipart).toMatchObject({ partSize: 5 * MIB, partCount: 3 });
      const bodies = [1, 2, 3].map((n) => partBytes(size, n));
      const signed = await post(`/v1/uploads/${ticket.id}/parts`, {
        uploadId: ticket.multipart.uploadId,
        size,
        parts: bodies.map((bytes, index) => ({ partNumber: index + 1, md5: md5(bytes) })),
      });
      expect(signed.status).toBe(200);
      const { parts } = (await signed.json()) as SignPartsResponse;
      expect(parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
      const etags = await Promise.all(
        parts.map(async (part) => {
          const response = await fetch(part.url, {
            method: 'PUT',
            headers: part.headers,
            body: bodies[part.partNumber - 1],
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
      expect([head.ContentDisposition, head.CacheControl]).toEqual(['inline', 'private, max-age=900']);
      expect(readUploadMetadata(head.Metadata)).toEqual({
        name: 'big.png',
        visibility: 'public',
        iss: TEST_HS256.issuer,
        sub: 'uploader',
        metadata: {},
      });
    });

    describe('signing parts', () => {
      it("signs each part's exact length (the last one's remainder) and its MD5", async () => {
        const size = 11 * MIB + 7;
        const upload = await start(size);
        const asked = [3, 1, 2].map((partNumber) => ({ partNumber, md5: md5(partBytes(size, partNumber)) }));
        const response = await upload.sign(asked);
        expect(response.status).toBe(200);
        const { parts } = (await response.json()) as SignPartsResponse;
        expect(parts.map(({ partNumber, headers }) => ({ partNumber, headers }))).toEqual(
          asked.map(({ partNumber, md5: digest }) => ({
            partNumber,
            headers: {
              'content-length': String(partNumber < 3 ? 5 * MIB : MIB + 7),
              'content-md5': digest,
            },
          })),
        );
        for (const part of parts) {
          const url = new URL(part.url);
          expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-md5;host');
          expect(url.searchParams.get('partNumber')).toBe(String(part.partNumber));
        }
      });

      it('refuses part numbers beyond the plan, or the same part twice (400 ERR_INVALID_PARTS)', async () => {
        const size = 11 * MIB; // 3 parts
        const upload = await start(size);
        const digest = md5(new Uint8Array(1));
        for (const parts of [
          [{ partNumber: 4, md5: digest }],
          [
            { partNumber: 1, md5: digest },
            { partNumber: 1, md5: digest },
          ],
        ]) {
          const response = await upload.sign(parts);
          expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
        }
        // A declared size that makes no multipart upload has no parts to sign.
        const single = await upload.sign([{ partNumber: 1, md5: digest }], 6 * MIB);
        expect([single.status, await errorCode(single)]).toEqual([400, 'ERR_INVALID_PARTS']);
      });

      it('refuses a declared size over the limit (413 ERR_FILE_TOO_LARGE)', async () => {
        const upload = await start(11 * MIB);
        const response = await upload.sign([{ partNumber: 1, md5: md5(new Uint8Array(1)) }], 20 * MIB + 1);
        expect([response.status, await errorCode(response)]).toEqual([413, 'ERR_FILE_TOO_LARGE']);
      });

      it('refuses a part without an MD5 (400 ERR_INVALID_PARTS) unless UPLOAD_REQUIRE_PART_MD5 is false', async () => {
        const missing = await (await start(11 * MIB)).sign([{ partNumber: 1 }] as never);
        expect([missing.status, await errorCode(missing)]).toEqual([400, 'ERR_INVALID_PARTS']);

        const { app: lenient } = createTestApp({
          s3,
          env: { ...SMALL_UPLOAD_LIMITS, UPLOAD_REQUIRE_PART_MD5: 'false' },
        });
        const upload = await start(11 * MIB, auth, lenient);
        const signed = await lenient.request(`/v1/uploads/${upload.ticket.id}/parts`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({
            uploadId: upload.ticket.multipart.uploadId,
            size: 11 * MIB,
            parts: [{ partNumber: 3 }],
          }),
        });
        expect(signed.status).toBe(200);
        const [part] = ((await signed.json()) as SignPartsResponse).parts;
        // The length is signed either way; only the digest is left out.
        expect(part!.headers).toEqual({ 'content-length': String(MIB) });
        expect(new URL(part!.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
      });

      it('refuses a malformed MD5 (400 ERR_BAD_REQUEST)', async () => {
        const upload = await start(11 * MIB);
        for (const parts of [
          [{ partNumber: 1, md5: 'd41d8cd98f00b204e9800998ecf8427e' }],
          [{ partNumber: 1, md5: '1B2M2Y8AsgTpgAmY7PhCfg=\n' }],
        ]) {
          const response = await upload.sign(parts as { partNumber: number; md5: string }[]);
          expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_BAD_REQUEST']);
        }
        const old = await post(`/v1/uploads/${upload.ticket.id}/parts`, {
          uploadId: upload.ticket.multipart.uploadId,
          partNumbers: [1],
        });
        expect([old.status, await errorCode(old)]).toEqual([400, 'ERR_BAD_REQUEST']);
      });
    });

    describe('complete', () => {
      it('refuses parts that are not exactly the ones S3 lists (400 ERR_INVALID_PARTS naming the first difference)', async () => {
        const size = 11 * MIB;
        const upload = await start(size);
        const parts = [await upload.put(1), await upload.put(2), await upload.put(3)];
        const [one, two, three] = parts as [(typeof parts)[0], (typeof parts)[0], (typeof parts)[0]];
        const refusals: [parts: typeof parts, message: RegExp][] = [
          [[one, two], /^parts\.2: part 3 is stored but not listed$/],
          [[one, two, three, { partNumber: 4, etag: '"x"' }], /^parts\.3: part 4 is not stored/],
          [[one, one, two, three], /^parts\.1: expected part 2 .* received 1$/],
          [[two, one, three], /^parts\.0: expected part 1 .* received 2$/],
          [[one, { ...two, etag: three.etag }, three], /^parts\.1: part 2 is stored with ETag /],
        ];
        for (const [sent, message] of refusals) {
          const response = await upload.complete(sent);
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect([response.status, body.error.code]).toEqual([400, 'ERR_INVALID_PARTS']);
          expect(body.error.message).toMatch(message);
        }
        // An ETag is compared without its quotes, as S3 compares them.
        const unquoted = parts.map((part) => ({ ...part, etag: part.etag.replace(/"/g, '') }));
        expect((await upload.complete(unquoted)).status).toBe(200);
      });

      it('completes at exactly the size limit', async () => {
        const size = 20 * MIB; // UPLOAD_MAX_BYTES: 4 parts of 5 MiB
        const upload = await start(size);
        const parts = [];
        for (const n of [1, 2, 3, 4]) parts.push(await upload.put(n));
        expect((await upload.complete(parts)).status).toBe(200);
        const head = await localS3Client(s3).send(
          new HeadObjectCommand({ Bucket: 'images', Key: upload.ticket.key }),
        );
        expect(head.ContentLength).toBe(size);
      });

      it('refuses, and aborts, parts adding up to more than the limit (413 ERR_FILE_TOO_LARGE)', async () => {
        // Signed under a 20 MiB limit, completed after it was lowered to 15 MiB.
        const size = 16 * MIB;
        const upload = await start(size);
        const parts = [];
        for (const n of [1, 2, 3, 4]) parts.push(await upload.put(n));
        const lowered = createTestApp({
          s3,
          env: { ...SMALL_UPLOAD_LIMITS, UPLOAD_MAX_BYTES: String(15 * MIB) },
        }).app;
        const response = await upload.complete(parts, lowered);
        expect([response.status, await errorCode(response)]).toEqual([413, 'ERR_FILE_TOO_LARGE']);
        expect((await upload.listed()).status).toBe(404);
      });
    });

    describe('open uploads', () => {
      const capped = () => createTestApp({ s3, env: { ...SMALL_UPLOAD_LIMITS, MAX_OPEN_UPLOADS: '2' } }).app;
      const big = { name: 'big.png', type: 'image/png', size: 7 * MIB };
      const small = { name: 'a.png', type: 'image/png', size: 3 };
      const ask = (via: typeof app, headers: Record<string, string>, files: object[]) =>
        via.request('/v1/uploads', { method: 'POST', headers, body: JSON.stringify({ files }) });

      it('refuses a request that would open more than MAX_OPEN_UPLOADS (429, whole request); an abort frees a slot', async () => {
        const via = capped();
        const headers = {
          authorization: `Bearer ${await customLoginToken('many-uploads')}`,
          'content-type': 'application/json',
        };
        const first = await ask(via, headers, [big, big]);
        expect(first.status).toBe(201);
        const open = ((await first.json()) as CreateUploadsResponse).uploads as MultipartTicket[];
        const refused = await ask(via, headers, [small, big]);
        expect([refused.status, await errorCode(refused)]).toEqual([429, 'ERR_TOO_MANY_OPEN_UPLOADS']);
        expect(refused.headers.get('retry-after')).toBe('10');
        // Single PUTs open nothing; another user has slots of their own.
        expect((await ask(via, headers, [small])).status).toBe(201);
        const stranger = {
          authorization: `Bearer ${await customLoginToken('few-uploads')}`,
          'content-type': 'application/json',
        };
        expect((await ask(via, stranger, [big, big])).status).toBe(201);
        const aborted = await via.request(
          `/v1/uploads/${open[0]!.id}?uploadId=${open[0]!.multipart.uploadId}`,
          {
            method: 'DELETE',
            headers,
          },
        );
        expect(aborted.status).toBe(204);
        expect((await ask(via, headers, [big])).status).toBe(201);
        expect((await ask(via, headers, [big])).status).toBe(429);
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
