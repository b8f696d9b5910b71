/**
 * When tickets expire, on a clock the test sets: a ticket's `expiresAt` is its URLs' lifetime
 * (`UPLOAD_URL_TTL_SECONDS`) from the moment it was signed, and so is that of each batch of signed
 * parts; with quotas, a multipart upload's reservation lasts as long as the last parts it signed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  MultipartTicket,
  SignPartsResponse,
  SinglePutTicket,
  UsageResponse,
} from '../../contract/api.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../stack/local-dynamodb.js';
import type { LocalS3 } from '../../stack/local-s3.js';
import { startS3Backend } from '../../stack/s3-backend.js';
import { createTestApp, customLoginToken } from '../test-support/test-app.js';

const MIB = 1024 * 1024;
const TTL_SECONDS = 120;
/** Past the multipart threshold (5 MiB): two parts of at most 5 MiB. */
const BIG = 6 * MIB;
/** 250 ms past a whole second: a lifetime counted in the wrong unit cannot round to the right one. */
const T0 = Date.UTC(2026, 11, 1, 0, 0, 0, 250);

let s3: LocalS3;
let db: LocalDynamoDb;
let clock = T0;
let app: ReturnType<typeof createTestApp>['app'];
let headers: Record<string, string>;

beforeAll(async () => {
  [s3, db] = await Promise.all([
    startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] }),
    startLocalDynamoDb(),
  ]);
  ({ app } = createTestApp({
    s3,
    env: {
      ...db.env,
      UPLOAD_URL_TTL_SECONDS: String(TTL_SECONDS),
      MULTIPART_THRESHOLD_BYTES: String(5 * MIB),
      MULTIPART_PART_SIZE_BYTES: String(5 * MIB),
    },
    deps: { now: () => clock },
  }));
  headers = {
    authorization: `Bearer ${await customLoginToken('expiry', '1000y')}`,
    'content-type': 'application/json',
  };
});
afterAll(() => Promise.all([s3?.close(), db?.close()]));

const post = async <T>(path: string, body: unknown): Promise<T> => {
  const response = await app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
};
const reservedBytes = async () =>
  ((await (await app.request('/v1/usage', { headers })).json()) as UsageResponse).bytes.reserved;
const at = (ms: number) => new Date(ms).toISOString();

describe('POST /v1/uploads', () => {
  it("dates every ticket, single PUT or multipart, to the URLs' lifetime from the signing time", async () => {
    clock = T0;
    const { uploads } = await post<CreateUploadsResponse>('/v1/uploads', {
      files: [
        { name: 'a.jpg', type: 'image/jpeg', size: 1000 },
        { name: 'b.png', type: 'image/png', size: BIG },
      ],
    });
    const [single, multipart] = uploads as [SinglePutTicket, MultipartTicket];
    expect([single.expiresAt, multipart.expiresAt]).toEqual([at(T0 + 120_000), at(T0 + 120_000)]);
    expect(new URL(single.url).searchParams.get('X-Amz-Expires')).toBe(String(TTL_SECONDS));
    await app.request(
      `/v1/uploads/${multipart.id}?uploadId=${encodeURIComponent(multipart.multipart.uploadId)}`,
      { method: 'DELETE', headers },
    );
  });
});

describe('POST /v1/uploads/:id/parts', () => {
  it('dates the parts from their signing, and holds the reservation until they expire', async () => {
    clock = T0;
    const { uploads } = await post<CreateUploadsResponse>('/v1/uploads', {
      files: [{ name: 'big.png', type: 'image/png', size: BIG }],
    });
    const { id, multipart } = uploads[0] as MultipartTicket;
    const { uploadId } = multipart;
    // Reserved with the ticket until T0 + 120 s; signing parts at T0 + 100 s holds it to T0 + 220 s.
    clock = T0 + 100_000;
    const signed = await post<SignPartsResponse>(`/v1/uploads/${id}/parts`, {
      uploadId,
      size: BIG,
      parts: [{ partNumber: 1, md5: '1B2M2Y8AsgTpgAmY7PhCfg==' }],
    });
    expect(signed.expiresAt).toBe(at(T0 + 220_000));
    clock = T0 + 219_999;
    expect(await reservedBytes()).toBe(BIG);
    clock = T0 + 220_000;
    expect(await reservedBytes()).toBe(0);
    await app.request(`/v1/uploads/${id}?uploadId=${encodeURIComponent(uploadId)}`, {
      method: 'DELETE',
      headers,
    });
  });
});
