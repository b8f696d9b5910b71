/**
 * How `POST /v1/uploads` refuses files past the quota (a local DynamoDB, dynalite): each refusal
 * worded in the unit it counts, and the whole request refused (403) only when every file was
 * refused for the quota; a request whose files were refused for other reasons is answered file by
 * file (201), as without quotas. Single-PUT tickets only: no S3 is reached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateUploadsResponse, UploadSlot } from '../../contract/api.js';
import type { ErrorBody } from '../../contract/error-codes.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../stack/local-dynamodb.js';
import { createTestApp, customLoginToken } from '../test-support/test-app.js';

let db: LocalDynamoDb;
beforeAll(async () => {
  db = await startLocalDynamoDb();
});
afterAll(() => db?.close());

/** Asks for `files` as `user` on a signer with these quotas; the status and the slots or error. */
async function ask(user: string, quotas: { QUOTA_BYTES: string; QUOTA_IMAGES: string }, files: object[]) {
  const { app } = createTestApp({ env: { ...db.env, ...quotas } });
  const response = await app.request('/v1/uploads', {
    method: 'POST',
    headers: { authorization: `Bearer ${await customLoginToken(user)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  });
  const body = (await response.json()) as CreateUploadsResponse & Partial<ErrorBody>;
  return { status: response.status, body };
}
const jpeg = (size: number) => ({ name: 'a.jpg', type: 'image/jpeg', size });
/** HEIC is not among the default UPLOAD_ALLOWED_TYPES. */
const heic = { name: 'a.heic', type: 'image/heic', size: 1 };
const slotCodes = (uploads: UploadSlot[]) =>
  uploads.map((slot) => ('error' in slot ? slot.error.code : 'ticket'));

describe('POST /v1/uploads with quotas', () => {
  describe('a file past the quota', () => {
    it.each([
      ['bytes', 'when it does not fit the bytes left', { QUOTA_BYTES: '10', QUOTA_IMAGES: '5' }, 6, 10],
      ['images', 'when no image is left', { QUOTA_BYTES: '1000', QUOTA_IMAGES: '1' }, 1, 1],
    ] as const)('is refused in %s %s', async (unit, _when, quotas, used, limit) => {
      const { status, body } = await ask(unit, quotas, [jpeg(6), jpeg(6)]);
      expect([status, slotCodes(body.uploads)]).toEqual([201, ['ticket', 'ERR_QUOTA_EXCEEDED']]);
      expect(body.uploads[1]).toEqual({
        error: {
          code: 'ERR_QUOTA_EXCEEDED',
          message: `The file does not fit: ${used} of ${limit} ${unit} are stored or signed for`,
          unit,
          used,
          limit,
        },
      });
    });
  });

  describe('the whole request', () => {
    const full = { QUOTA_BYTES: '10', QUOTA_IMAGES: '5' };

    it('is refused (403, the first refusal) when every file is past the quota', async () => {
      expect((await ask('full', full, [jpeg(10)])).status).toBe(201);
      const { status, body } = await ask('full', full, [jpeg(1), jpeg(2)]);
      expect([status, body.error]).toEqual([
        403,
        expect.objectContaining({ code: 'ERR_QUOTA_EXCEEDED', unit: 'bytes', used: 10, limit: 10 }),
      ]);
    });

    it('is answered file by file (201) when a file was refused for another reason', async () => {
      expect((await ask('mixed', full, [jpeg(10)])).status).toBe(201);
      const { status, body } = await ask('mixed', full, [heic, jpeg(1)]);
      expect([status, slotCodes(body.uploads)]).toEqual([
        201,
        ['ERR_TYPE_NOT_ALLOWED', 'ERR_QUOTA_EXCEEDED'],
      ]);
    });

    it('is answered file by file (201) when every file was refused before the quota was asked', async () => {
      const { status, body } = await ask('refused', full, [heic, jpeg(0)]);
      expect([status, slotCodes(body.uploads)]).toEqual([201, ['ERR_TYPE_NOT_ALLOWED', 'ERR_FILE_EMPTY']]);
    });
  });
});
