/**
 * The size limit at each of its three checks, at its edge (`UPLOAD_MAX_BYTES` itself is allowed,
 * one byte more is not): a file asked for in `POST /v1/uploads`, a declared size when parts are
 * signed, and the parts' total at `complete` (the commit point, where the signer also refuses a
 * part number sent twice). S3 enforces what the tickets sign; these check the tickets and the
 * signer's own refusals (radosgw/complete-limits.test.ts checks what S3 refuses).
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  MultipartTicket,
  SignPartsResponse,
  SinglePutTicket,
  UploadSlot,
} from '../../contract/api.js';
import { localS3Client, type LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { createTestApp, customLoginToken } from '../test-support/test-app.js';

const MIB = 1024 * 1024;
/** The multipart limit: two parts, 5 MiB and 1024 bytes. */
const MAX = 5 * MIB + 1024;
/** The single-PUT app's limit (its files stay under the multipart threshold). */
const SINGLE_MAX = 1000;
type App = ReturnType<typeof createTestApp>['app'];

let s3: LocalS3;
let client: S3Client;
let headers: Record<string, string>;
const appWith = (maxBytes: number): App =>
  createTestApp({
    s3,
    env: {
      UPLOAD_MAX_BYTES: String(maxBytes),
      MULTIPART_THRESHOLD_BYTES: String(5 * MIB),
      MULTIPART_PART_SIZE_BYTES: String(5 * MIB),
    },
  }).app;
let app: App;

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: ['http://localhost:5173'] });
  client = localS3Client(s3);
  app = appWith(MAX);
  headers = {
    authorization: `Bearer ${await customLoginToken('limits')}`,
    'content-type': 'application/json',
  };
});
afterAll(() => {
  client?.destroy();
  return s3?.close();
});

const post = (via: App, path: string, body: unknown) =>
  via.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');
const tickets = async (via: App, sizes: number[], type = 'image/png'): Promise<UploadSlot[]> => {
  const files = sizes.map((size, i) => ({ name: `${i}.png`, type, size }));
  const response = await post(via, '/v1/uploads', { files });
  expect(response.status).toBe(201);
  return ((await response.json()) as CreateUploadsResponse).uploads;
};
const slotCode = (slot: UploadSlot) => ('error' in slot ? slot.error.code : 'ticket');
const stored = (key: string) =>
  client.send(new HeadObjectCommand({ Bucket: 'images', Key: key })).then(
    (head) => head.ContentLength,
    () => undefined,
  );

/** A multipart upload of `size` bytes through `via`, with its parts stored; `complete` by any app. */
async function uploadParts(size: number, via = app) {
  const [slot] = await tickets(via, [size]);
  const ticket = slot as MultipartTicket;
  const { uploadId, partSize, partCount } = ticket.multipart;
  const route = `/v1/uploads/${ticket.id}`;
  const bodies = Array.from({ length: partCount }, (_, i) =>
    new Uint8Array(Math.min(partSize, size - i * partSize)).fill(i + 1),
  );
  const signed = await post(via, `${route}/parts`, {
    uploadId,
    size,
    parts: bodies.map((bytes, i) => ({ partNumber: i + 1, md5: md5(bytes) })),
  });
  expect(signed.status).toBe(200);
  const parts = [];
  for (const part of ((await signed.json()) as SignPartsResponse).parts) {
    const response = await fetch(part.url, {
      method: 'PUT',
      headers: part.headers,
      body: bodies[part.partNumber - 1],
    });
    expect(response.status).toBe(200);
    parts.push({ partNumber: part.partNumber, etag: response.headers.get('etag')! });
  }
  return {
    ticket,
    parts,
    complete: (sent: { partNumber: number; etag: string }[], by = app) =>
      post(by, `${route}/complete`, { uploadId, parts: sent }),
    listed: () => app.request(`${route}/parts?uploadId=${encodeURIComponent(uploadId)}`, { headers }),
  };
}

describe('POST /v1/uploads', () => {
  describe('the size limit (UPLOAD_MAX_BYTES)', () => {
    it('signs a single PUT of exactly the limit with that length, and refuses one byte more', async () => {
      const single = appWith(SINGLE_MAX);
      const [atLimit, over] = await tickets(single, [SINGLE_MAX, SINGLE_MAX + 1]);
      expect([slotCode(atLimit!), slotCode(over!)]).toEqual(['ticket', 'ERR_FILE_TOO_LARGE']);
      const ticket = atLimit as SinglePutTicket;
      expect(ticket.headers['content-length']).toBe(String(SINGLE_MAX));
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')!.split(';')).toContain(
        'content-length',
      );
      const body = new Uint8Array(SINGLE_MAX).fill(9);
      expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body })).status).toBe(200);
      expect(await stored(ticket.key)).toBe(SINGLE_MAX);
    });

    it('opens a multipart upload for exactly the limit, and refuses one byte more', async () => {
      const [atLimit, over] = await tickets(app, [MAX, MAX + 1]);
      expect([slotCode(atLimit!), slotCode(over!)]).toEqual(['ticket', 'ERR_FILE_TOO_LARGE']);
      expect((atLimit as MultipartTicket).multipart).toMatchObject({ partSize: 5 * MIB, partCount: 2 });
      const { id, multipart } = atLimit as MultipartTicket;
      await app.request(`/v1/uploads/${id}?uploadId=${encodeURIComponent(multipart.uploadId)}`, {
        method: 'DELETE',
        headers,
      });
    });
  });
});

describe('POST /v1/uploads/:id/parts', () => {
  it("signs the parts of a declared size of exactly the limit (the last one's remainder), and refuses one byte more (413)", async () => {
    const [slot] = await tickets(app, [MAX]);
    const { id, multipart } = slot as MultipartTicket;
    const parts = [1, 2].map((partNumber) => ({ partNumber, md5: md5(new Uint8Array([partNumber])) }));
    const route = `/v1/uploads/${id}/parts`;
    const signed = await post(app, route, { uploadId: multipart.uploadId, size: MAX, parts });
    expect(signed.status).toBe(200);
    const lengths = ((await signed.json()) as SignPartsResponse).parts.map(
      (p) => p.headers['content-length'],
    );
    expect(lengths).toEqual([String(5 * MIB), '1024']);
    const over = await post(app, route, { uploadId: multipart.uploadId, size: MAX + 1, parts });
    expect([over.status, await errorCode(over)]).toEqual([413, 'ERR_FILE_TOO_LARGE']);
    await app.request(`/v1/uploads/${id}?uploadId=${encodeURIComponent(multipart.uploadId)}`, {
      method: 'DELETE',
      headers,
    });
  });
});

describe('POST /v1/uploads/:id/complete', () => {
  it('completes parts adding up to exactly the limit', async () => {
    const upload = await uploadParts(MAX);
    const done = await upload.complete(upload.parts);
    expect(done.status).toBe(200);
    expect(await stored(upload.ticket.key)).toBe(MAX);
  });

  it('refuses, and aborts, parts adding up to one byte more than the limit: nothing is stored', async () => {
    // Signed and sent under the limit; completed after it was lowered by one byte.
    const upload = await uploadParts(MAX);
    const response = await upload.complete(upload.parts, appWith(MAX - 1));
    expect([response.status, await errorCode(response)]).toEqual([413, 'ERR_FILE_TOO_LARGE']);
    expect((await upload.listed()).status).toBe(404);
    expect(await stored(upload.ticket.key)).toBeUndefined();
    // The upload is gone: completing it again under the old limit cannot store it either.
    expect((await upload.complete(upload.parts)).status).not.toBe(200);
    expect(await stored(upload.ticket.key)).toBeUndefined();
  });

  it('refuses a part number sent twice (400 ERR_INVALID_PARTS), keeping the upload to complete', async () => {
    const upload = await uploadParts(MAX);
    const [one, two] = upload.parts as [(typeof upload.parts)[0], (typeof upload.parts)[0]];
    for (const sent of [
      [one, one, two],
      [one, two, two],
      [one, one],
      [two, two],
    ]) {
      const response = await upload.complete(sent);
      expect([response.status, await errorCode(response)], JSON.stringify(sent)).toEqual([
        400,
        'ERR_INVALID_PARTS',
      ]);
    }
    expect(await stored(upload.ticket.key)).toBeUndefined();
    expect((await upload.listed()).status).toBe(200);
    expect((await upload.complete([one, two])).status).toBe(200);
    expect(await stored(upload.ticket.key)).toBe(MAX);
  });
});
