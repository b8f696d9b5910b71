/**
 * The refusals whose `message` people read: `<image-uploader>` shows the signer's own message
 * for a code its language has no words for, or whose words need a figure the refusal does not carry
 * (widget/error-text.ts: ERR_TOO_MANY_FILES, ERR_FILE_TOO_LARGE, ERR_TOO_MANY_OPEN_UPLOADS), and the
 * demo's gallery shows the message of a failed publish (demo/shared/image-gallery.ts). Each names the
 * limit and the figures it was refused by, in the documented error body.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  MultipartTicket,
  SignPartsResponse,
  SinglePutTicket,
} from '../../contract/api.js';
import type { LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { uploadImages } from '../test-support/stored-images.js';
import { SMALL_UPLOAD_LIMITS, createTestApp, customLoginToken } from '../test-support/test-app.js';

const MIB = 1024 * 1024;
/** Past SMALL_UPLOAD_LIMITS' multipart threshold (6 MiB): parts of 5 MiB and 2 MiB. */
const BIG = 7 * MIB;
type App = ReturnType<typeof createTestApp>['app'];

let s3: LocalS3;
let app: App;
let headers: Record<string, string>;
const appWith = (env: Record<string, string> = {}): App =>
  createTestApp({
    s3,
    env: { ...SMALL_UPLOAD_LIMITS, MAX_OPEN_UPLOADS: '1', UPLOAD_VISIBILITIES: 'public,private', ...env },
  }).app;

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] });
  app = appWith();
  headers = {
    authorization: `Bearer ${await customLoginToken('reader')}`,
    'content-type': 'application/json',
  };
});
afterAll(() => s3?.close());

const send = (method: string, path: string, body?: unknown, via = app) =>
  via.request(path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
const refusal = async (response: Response) => [
  response.status,
  ((await response.json()) as { error: { code: string; message: string } }).error,
];
const tickets = async (sizes: number[]) => {
  const files = sizes.map((size, i) => ({ name: `${i}.png`, type: 'image/png', size }));
  const response = await send('POST', '/v1/uploads', { files });
  expect(response.status).toBe(201);
  return ((await response.json()) as CreateUploadsResponse).uploads;
};

describe('POST /v1/uploads', () => {
  it('says how many files one request may ask for (ERR_TOO_MANY_FILES)', async () => {
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, type: 'image/png', size: 1 }));
    expect(await refusal(await send('POST', '/v1/uploads', { files }))).toEqual([
      400,
      { code: 'ERR_TOO_MANY_FILES', message: 'At most 3 files per request' },
    ]);
  });
});

describe('multipart uploads', () => {
  it('say how many may be open, how many are, and how many the request would open (ERR_TOO_MANY_OPEN_UPLOADS)', async () => {
    const { id, multipart } = (await tickets([BIG]))[0] as MultipartTicket;
    expect(
      await refusal(
        await send('POST', '/v1/uploads', { files: [{ name: 'b.png', type: 'image/png', size: BIG }] }),
      ),
    ).toEqual([
      429,
      {
        code: 'ERR_TOO_MANY_OPEN_UPLOADS',
        message:
          'At most 1 multipart uploads may be open at once; 1 are, and this request would open 1 more. Complete or abort one first.',
      },
    ]);
    const abort = `/v1/uploads/${id}?uploadId=${encodeURIComponent(multipart.uploadId)}`;
    expect((await send('DELETE', abort)).status).toBe(204);
  });

  it('say how many bytes a completed upload may have (ERR_FILE_TOO_LARGE)', async () => {
    const { id, multipart } = (await tickets([BIG]))[0] as MultipartTicket;
    const bodies = [new Uint8Array(5 * MIB).fill(1), new Uint8Array(2 * MIB).fill(2)];
    const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');
    const signed = await send('POST', `/v1/uploads/${id}/parts`, {
      uploadId: multipart.uploadId,
      size: BIG,
      parts: bodies.map((bytes, i) => ({ partNumber: i + 1, md5: md5(bytes) })),
    });
    const parts = [];
    for (const part of ((await signed.json()) as SignPartsResponse).parts) {
      const body = bodies[part.partNumber - 1];
      const put = await fetch(part.url, { method: 'PUT', headers: part.headers, body });
      parts.push({ partNumber: part.partNumber, etag: put.headers.get('etag')! });
    }
    // Signed under the limit; completed after it was lowered by one byte.
    const lowered = appWith({ UPLOAD_MAX_BYTES: String(BIG - 1) });
    const complete = { uploadId: multipart.uploadId, parts };
    expect(await refusal(await send('POST', `/v1/uploads/${id}/complete`, complete, lowered))).toEqual([
      413,
      { code: 'ERR_FILE_TOO_LARGE', message: `The upload is larger than the ${BIG - 1} bytes allowed` },
    ]);
  });
});

describe('PATCH /v1/images/:id', () => {
  const publish = (id: string) => send('PATCH', `/v1/images/${id}`, { visibility: 'public' });

  it('says that no such image exists (ERR_NOT_FOUND)', async () => {
    const [slot] = await tickets([3]);
    expect(await refusal(await publish((slot as SinglePutTicket).id))).toEqual([
      404,
      { code: 'ERR_NOT_FOUND', message: 'No such image' },
    ]);
  });

  it('says to try again while the image is being processed (ERR_IMAGE_NOT_READY)', async () => {
    const [stored] = await uploadImages(app, headers);
    expect(await refusal(await publish(stored!.id))).toEqual([
      409,
      { code: 'ERR_IMAGE_NOT_READY', message: 'The image is still being processed; try again shortly' },
    ]);
  });
});
