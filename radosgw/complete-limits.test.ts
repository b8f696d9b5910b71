/**
 * The size limit where S3 holds the bytes: on radosgw, which checks signatures as S3 does, a
 * ticket for exactly `UPLOAD_MAX_BYTES` stores that many bytes and refuses one more; parts adding
 * up to more than the limit are refused at `complete`, the upload is aborted in S3 and nothing is
 * stored; a part number sent twice is refused by the signer before S3 sees it.
 * (signer/routes/complete-limits.test.ts checks the tickets and refusals on either backend.)
 */
import {
  CompleteMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultipartTicket, SignPartsResponse, SinglePutTicket } from '../contract/api.js';
import { bytes, MIB, rawRequest, startLane, type Lane } from './test-support/lane.js';

/** Two parts: 5 MiB and 1024 bytes. */
const MAX = 5 * MIB + 1024;
const limitedTo = (maxBytes: number) => ({
  UPLOAD_MAX_BYTES: String(maxBytes),
  MULTIPART_THRESHOLD_BYTES: String(5 * MIB),
  MULTIPART_PART_SIZE_BYTES: String(5 * MIB),
});

let lane: Lane;
let signer: Lane['signer'];
beforeAll(async () => {
  lane = await startLane();
  signer = lane.signerWith(limitedTo(MAX));
});
afterAll(() => lane?.close());

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('base64');
/** HEAD's status for a key: 200, or S3's error status (404: nothing stored). */
const headStatus = (key: string) =>
  lane.client
    .send(new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: key }))
    .then((head) => (head.ContentLength === undefined ? 200 : head.ContentLength))
    .catch((e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode);
const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

/** A multipart upload of `MAX` bytes for `sub`, both parts stored through their presigned URLs. */
async function uploadParts(sub: string) {
  const [ticket] = (await lane.tickets(sub, [{ name: 'big.png', type: 'image/png', size: MAX }], signer)) as [
    MultipartTicket,
  ];
  expect(ticket.multipart).toMatchObject({ partSize: 5 * MIB, partCount: 2 });
  const headers = await lane.auth(sub);
  const { uploadId } = ticket.multipart;
  const data = [bytes(5 * MIB, 1), bytes(1024, 2)];
  const signed = await signer(`/v1/uploads/${ticket.id}/parts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      uploadId,
      size: MAX,
      parts: data.map((part, i) => ({ partNumber: i + 1, md5: md5(part) })),
    }),
  });
  expect(signed.status).toBe(200);
  const parts = [];
  for (const part of ((await signed.json()) as SignPartsResponse).parts) {
    const put = await rawRequest('PUT', part.url, part.headers, data[part.partNumber - 1]);
    expect(put.status).toBe(200);
    parts.push({ partNumber: part.partNumber, etag: put.headers.etag as string });
  }
  return {
    ticket,
    parts,
    complete: (sent: { partNumber: number; etag: string }[], via = signer) =>
      via(`/v1/uploads/${ticket.id}/complete`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ uploadId, parts: sent }),
      }),
    /** CompleteMultipartUpload straight to radosgw with the bucket owner's keys: S3's own answer. */
    completeDirectly: (sent: { partNumber: number; etag: string }[]) =>
      lane.client
        .send(
          new CompleteMultipartUploadCommand({
            Bucket: lane.s3.bucket,
            Key: ticket.key,
            UploadId: uploadId,
            MultipartUpload: { Parts: sent.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
          }),
        )
        .then(
          () => 'completed',
          (e: { name?: string }) => e.name,
        ),
  };
}

describe('the size limit on radosgw', () => {
  it('stores a single PUT of exactly the limit, and refuses one byte more on its ticket (403), storing nothing', async () => {
    const single = lane.signerWith(limitedTo(1000));
    const [atLimit] = (await lane.tickets(
      'edge',
      [{ name: 'a.png', type: 'image/png', size: 1000 }],
      single,
    )) as [SinglePutTicket];
    const longer = bytes(1001);
    const refused = await rawRequest(
      'PUT',
      atLimit.url,
      { ...atLimit.headers, 'content-length': '1001' },
      longer,
    );
    expect([refused.status, refused.code]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await headStatus(atLimit.key)).toBe(404);
    const stored = await rawRequest('PUT', atLimit.url, atLimit.headers, bytes(1000));
    expect(stored.status).toBe(200);
    expect(await headStatus(atLimit.key)).toBe(1000);
  });

  it('completes parts adding up to exactly the limit', async () => {
    const upload = await uploadParts('exact');
    expect((await upload.complete(upload.parts)).status).toBe(200);
    expect(await headStatus(upload.ticket.key)).toBe(MAX);
  });

  it('refuses parts adding up to one byte more than the limit (413), aborts the upload in S3 and stores nothing', async () => {
    // Sent under the limit; completed after it was lowered by one byte.
    const upload = await uploadParts('over');
    const response = await upload.complete(upload.parts, lane.signerWith(limitedTo(MAX - 1)));
    expect([response.status, await errorCode(response)]).toEqual([413, 'ERR_FILE_TOO_LARGE']);
    expect(await headStatus(upload.ticket.key)).toBe(404);
    // Aborted in S3 itself: no longer listed, and not even the bucket owner can complete it now
    // (Ceph 16 answers InternalError for the upload it no longer has; AWS, NoSuchUpload).
    const open = await lane.client.send(
      new ListMultipartUploadsCommand({ Bucket: lane.s3.bucket, Prefix: upload.ticket.key }),
    );
    expect(open.Uploads ?? []).toEqual([]);
    expect(await upload.completeDirectly(upload.parts)).not.toBe('completed');
    expect(await headStatus(upload.ticket.key)).toBe(404);
  });

  it('refuses a part number sent twice (400 ERR_INVALID_PARTS) before S3 sees it; the upload still completes', async () => {
    const upload = await uploadParts('twice');
    const [one, two] = upload.parts as [(typeof upload.parts)[0], (typeof upload.parts)[0]];
    for (const sent of [
      [one, one, two],
      [one, two, two],
    ]) {
      const response = await upload.complete(sent);
      expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
    }
    expect(await headStatus(upload.ticket.key)).toBe(404);
    expect((await upload.complete([one, two])).status).toBe(200);
    expect(await headStatus(upload.ticket.key)).toBe(MAX);
  });
});
