/**
 * The typed error, status, headers and message the signer answers each S3 failure with
 * (s3-operations.ts). The widget retries a 5xx after `Retry-After` and shows the signer's message
 * for a code its language has no words for (widget/error-text.ts): ERR_STORAGE_UNAVAILABLE,
 * ERR_INVALID_PARTS and ERR_NOT_FOUND among them. S3's own refusals s3rver never makes (of parts,
 * an outage, a creation without an upload id) come from the failing test endpoint, as AWS words
 * them; the rest from s3rver.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { newImageId } from '../image-id.js';
import { startFailingS3, type FailingS3 } from '../test-support/failing-s3.js';
import { SMALL_UPLOAD_LIMITS, createTestApp, customLoginToken } from '../test-support/test-app.js';
import { createS3Operations } from './s3-operations.js';

let failing: FailingS3;
let local: LocalS3;
let headers: Record<string, string>;
const on = (s3: Pick<LocalS3, 'endpoint' | 'accessKeyId' | 'secretAccessKey'>) =>
  createTestApp({ s3, env: SMALL_UPLOAD_LIMITS });
const onFailing = () =>
  on({ endpoint: failing.endpoint, accessKeyId: 'AKIDFAILING', secretAccessKey: 'secret' });
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  [failing, local] = await Promise.all([
    startFailingS3(),
    startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] }),
  ]);
  headers = {
    authorization: `Bearer ${await customLoginToken('stored')}`,
    'content-type': 'application/json',
  };
});
afterAll(() => Promise.all([failing?.close(), local?.close()]));
afterEach(() => {
  Object.assign(failing, {
    mode: 'internal-error',
    refusal: undefined,
    listsNoOpenUploads: false,
    createsWithoutUploadId: false,
  });
});

describe('S3 failures, as the signer answers them', () => {
  describe('an outage (5xx)', () => {
    it('is 503 ERR_STORAGE_UNAVAILABLE with Retry-After: 2 and a message people read', async () => {
      const response = await onFailing().app.request('/v1/images', { headers });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await errorOf(response)).toEqual({
        code: 'ERR_STORAGE_UNAVAILABLE',
        message: 'Storage is unavailable; try again',
      });
    });

    it('is not taken for an absent object', async () => {
      const operations = createS3Operations(onFailing().config.s3);
      const outage = { code: 'ERR_STORAGE_UNAVAILABLE', status: 503 };
      await expect(operations.getText('o/manifest.json')).rejects.toMatchObject(outage);
      await expect(operations.head('o/original.jpg')).rejects.toMatchObject(outage);
    });

    it('includes a creation answered without an upload id (502)', async () => {
      Object.assign(failing, { listsNoOpenUploads: true, createsWithoutUploadId: true });
      const files = [{ name: 'big.jpg', type: 'image/jpeg', size: 7 * 1024 * 1024 }];
      const response = await onFailing().app.request('/v1/uploads', {
        method: 'POST',
        headers,
        body: JSON.stringify({ files }),
      });
      expect(response.status).toBe(502);
      expect(await errorOf(response)).toEqual({
        code: 'ERR_STORAGE_UNAVAILABLE',
        message: 'Storage returned no upload id',
      });
    });
  });

  it.each(['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall'])(
    'answers parts S3 refuses with %s as 400 ERR_INVALID_PARTS, naming the reason',
    async (code) => {
      failing.refusal = { status: 400, code };
      const operations = createS3Operations(onFailing().config.s3);
      await expect(
        operations.completeMultipartUpload('o/original.jpg', 'upload-1', [{ partNumber: 1, etag: '"e"' }]),
      ).rejects.toMatchObject({
        code: 'ERR_INVALID_PARTS',
        status: 400,
        message: `Storage refused the parts (${code})`,
        cause: { name: code }, // for the log, as every mapped S3 error keeps it
      });
    },
  );

  describe('something missing (404)', () => {
    it('is ERR_NOT_FOUND for an upload S3 does not know, saying so', async () => {
      const id = newImageId('jpg', Date.now());
      const response = await on(local).app.request(`/v1/uploads/${id}/parts?uploadId=gone`, { headers });
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toEqual({ code: 'ERR_NOT_FOUND', message: 'No such upload' });
    });

    it('is ERR_NOT_FOUND for a copy whose source is gone (NoSuchKey)', async () => {
      const operations = createS3Operations(on(local).config.s3);
      await expect(
        operations.copy('o/gone.jpg', 'public/gone-jpg/original.jpg', 'image/jpeg', 'max-age=60'),
      ).rejects.toMatchObject({ code: 'ERR_NOT_FOUND', status: 404, cause: { name: 'NoSuchKey' } });
    });
  });
});
