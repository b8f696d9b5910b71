import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateUploadsResponse, MultipartTicket, SignPartsResponse } from '../contract/api.js';
import { readUploadMetadata } from '../contract/upload-metadata.js';
import {
  bytes,
  LANE_ISSUER,
  MIB,
  rawRequest,
  startLane,
  type Lane,
  type RawResponse,
} from './test-support/lane.js';
import { startS3Proxy, type S3Proxy } from './test-support/s3-proxy.js';

let lane: Lane;
beforeAll(async () => {
  lane = await startLane();
});
afterAll(() => lane?.close());

/** RFC 1864 Content-MD5 of `data`. */
const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('base64');
const SIZE = 11 * MIB;

interface Started {
  ticket: MultipartTicket;
  /** `POST /v1/uploads/:id/parts` through the signer (`size`: the declared size, default the file's). */
  sign(parts: { partNumber: number; md5: string }[], size?: number): Promise<Response>;
  /** Signs part `partNumber` for `data`'s MD5 and PUTs `body` (default `data`) with exactly its headers. */
  sendPart(
    partNumber: number,
    data: Uint8Array,
    options?: { body?: Uint8Array; headers?: Record<string, string>; size?: number },
  ): Promise<RawResponse>;
  /** Uploads `data` as part `partNumber` through its presigned URL; returns the ETag. */
  putPart(partNumber: number, data: Uint8Array, size?: number): Promise<string>;
  /** `POST /v1/uploads/:id/complete` through the signer. */
  complete(parts: { partNumber: number; etag: string }[], via?: Lane['signer']): Promise<Response>;
  /** CompleteMultipartUpload sent straight to radosgw with the bucket owner's keys. */
  completeDirectly(
    parts: { partNumber: number; etag: string }[],
  ): Promise<{ status?: number; code?: string }>;
}

/**
 * Creates a multipart upload of `size` bytes (default 11 MiB: 5 MiB parts, 5 + 5 + 1) for `sub`
 * through the signer.
 */
async function startUpload(
  options: { metadata?: Record<string, string>; size?: number; sub?: string; via?: Lane['signer'] } = {},
): Promise<Started> {
  const { size = SIZE, sub = 'alice', via = lane.signer, metadata } = options;
  const [ticket] = (await lane.tickets(
    sub,
    [{ name: 'big.jpg', type: 'image/jpeg', size, ...(metadata && { metadata }) }],
    via,
  )) as [MultipartTicket];
  const headers = await lane.auth(sub);
  const { uploadId } = ticket.multipart;
  const sign = (parts: { partNumber: number; md5: string }[], declared = size) =>
    via(`/v1/uploads/${ticket.id}/parts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ uploadId, size: declared, parts }),
    });
  const sendPart: Started['sendPart'] = async (
    partNumber,
    data,
    { body = data, headers: extra = {}, size: declared } = {},
  ) => {
    const response = await sign([{ partNumber, md5: md5(data) }], declared);
    expect(response.status).toBe(200);
    const [part] = ((await response.json()) as SignPartsResponse).parts;
    return rawRequest('PUT', part!.url, { ...part!.headers, ...extra }, body);
  };
  return {
    ticket,
    sign,
    sendPart,
    async putPart(partNumber, data, declared) {
      const put = await sendPart(partNumber, data, declared === undefined ? {} : { size: declared });
      expect(put.status).toBe(200);
      return put.headers.etag as string;
    },
    complete: (parts, through = via) =>
      through(`/v1/uploads/${ticket.id}/complete`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ uploadId, parts }),
      }),
    async completeDirectly(parts) {
      const command = new CompleteMultipartUploadCommand({
        Bucket: lane.s3.bucket,
        Key: ticket.key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      });
      const error = await lane.client.send(command).then(
        () => undefined,
        (e: { $metadata?: { httpStatusCode?: number }; name?: string }) => e,
      );
      return error ? { status: error.$metadata?.httpStatusCode, code: error.name } : { status: 200 };
    },
  };
}

/** The stored object's bytes, or the S3 error name when there is none. */
const stored = (key: string) =>
  lane.client
    .send(new GetObjectCommand({ Bucket: lane.s3.bucket, Key: key }))
    .then(async (out) => Buffer.from(await out.Body!.transformToByteArray()))
    .catch((e: { name?: string }) => e.name);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The sizes of the parts S3 lists for an upload, through the signer. */
async function listedParts(upload: Started): Promise<number[]> {
  const response = await lane.signer(
    `/v1/uploads/${upload.ticket.id}/parts?uploadId=${upload.ticket.multipart.uploadId}`,
    { headers: await lane.auth('alice') },
  );
  return ((await response.json()) as { parts: { size: number }[] }).parts.map((part) => part.size);
}
const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('multipart upload on radosgw', () => {
  it('completes with parts uploaded through presigned URLs (200)', async () => {
    const upload = await startUpload({ metadata: { listing_id: '42' } });
    expect(upload.ticket.multipart).toMatchObject({ partSize: 5 * MIB, partCount: 3 });
    const sizes = [5 * MIB, 5 * MIB, MIB];
    const parts = [];
    for (const [index, size] of sizes.entries()) {
      parts.push({ partNumber: index + 1, etag: await upload.putPart(index + 1, bytes(size, index)) });
    }
    const response = await upload.complete(parts);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: upload.ticket.id, key: upload.ticket.key });
    const head = await lane.client.send(
      new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: upload.ticket.key }),
    );
    expect(head.ContentLength).toBe(11 * MIB);
    expect(head.ContentType).toBe('image/jpeg');
    expect([head.ContentDisposition, head.CacheControl]).toEqual(['inline', 'private, max-age=900']);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    // The metadata the signer created the upload with (contract/upload-metadata.ts).
    expect(readUploadMetadata(head.Metadata)).toEqual({
      name: 'big.jpg',
      visibility: 'private',
      iss: LANE_ISSUER,
      sub: 'alice',
      metadata: { listing_id: '42' },
    });
  });

  it('refuses a wrong ETag (400 InvalidPart; signer 400 ERR_INVALID_PARTS)', async () => {
    const upload = await startUpload();
    await upload.putPart(1, bytes(5 * MIB));
    const parts = [{ partNumber: 1, etag: '"0123456789abcdef0123456789abcdef"' }];
    expect(await upload.completeDirectly(parts)).toEqual({ status: 400, code: 'InvalidPart' });
    const response = await upload.complete(parts);
    expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
  });

  describe("every part's length is signed", () => {
    it('refuses a part body 1 byte longer or shorter than signed (403 SignatureDoesNotMatch)', async () => {
      const upload = await startUpload();
      const part = bytes(5 * MIB);
      for (const body of [bytes(5 * MIB + 1), bytes(5 * MIB - 1)]) {
        const response = await upload.sendPart(1, part, {
          body,
          headers: { 'content-length': String(body.length) },
        });
        expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
      }
      const last = bytes(MIB, 3);
      const longer = await upload.sendPart(3, last, {
        body: bytes(MIB + 1, 3),
        headers: { 'content-length': String(MIB + 1) },
      });
      expect([longer.status, longer.code]).toEqual([403, 'SignatureDoesNotMatch']);
      expect(await listedParts(upload)).toEqual([]);
    });

    it('a client lying about the size gets at most the limit: a larger last part is refused by the signer or by S3', async () => {
      // An 11 MiB upload (3 parts, the last of 1 MiB); the client claims other sizes.
      const upload = await startUpload();
      // Over the limit: refused by the signer.
      const over = await upload.sign([{ partNumber: 3, md5: md5(bytes(5 * MIB)) }], 20 * MIB + 1);
      expect([over.status, await errorCode(over)]).toEqual([413, 'ERR_FILE_TOO_LARGE']);
      // A size whose plan has no part 3: refused by the signer.
      const fewer = await upload.sign([{ partNumber: 3, md5: md5(bytes(MIB)) }], 10 * MIB);
      expect([fewer.status, await errorCode(fewer)]).toEqual([400, 'ERR_INVALID_PARTS']);
      // The true size, a longer last part: refused by S3.
      const longer = await upload.sendPart(3, bytes(MIB), {
        body: bytes(2 * MIB),
        headers: { 'content-length': String(2 * MIB) },
      });
      expect([longer.status, longer.code]).toEqual([403, 'SignatureDoesNotMatch']);
      // The most a lie buys: 20 MiB claimed, four 5 MiB parts, which is exactly the limit (200).
      const parts = [];
      for (const n of [1, 2, 3, 4]) {
        parts.push({ partNumber: n, etag: await upload.putPart(n, bytes(5 * MIB, n), 20 * MIB) });
      }
      expect(await listedParts(upload)).toEqual([1, 2, 3, 4].map(() => 5 * MIB));
      expect((await upload.complete(parts)).status).toBe(200);
      const head = await lane.client.send(
        new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: upload.ticket.key }),
      );
      expect(head.ContentLength).toBe(20 * MIB);
    });

    it('signs no part number beyond the plan (400 ERR_INVALID_PARTS)', async () => {
      const upload = await startUpload();
      const response = await upload.sign([{ partNumber: 4, md5: md5(bytes(MIB)) }]);
      expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
    });
  });

  describe("every part's checksum is signed", () => {
    it('refuses a part whose bytes differ from the signed MD5 (400 BadDigest), and stores nothing for it', async () => {
      const upload = await startUpload();
      const part = bytes(5 * MIB);
      const flipped = part.slice();
      flipped[1234]! ^= 1;
      const response = await upload.sendPart(1, part, { body: flipped });
      expect([response.status, response.code]).toEqual([400, 'BadDigest']);
      expect(await listedParts(upload)).toEqual([]);
      const etag = await upload.putPart(1, part);
      // A part's ETag is its hex MD5: what the widget compares a listed part with on resume.
      expect(etag).toBe(`"${createHash('md5').update(part).digest('hex')}"`);
    });
  });

  describe('complete', () => {
    it('refuses parts that differ from what S3 lists: another ETag, a part repeated or missing (400 ERR_INVALID_PARTS)', async () => {
      const upload = await startUpload();
      const data = [bytes(5 * MIB, 1), bytes(5 * MIB, 2), bytes(MIB, 3)];
      const parts = [];
      for (const [index, part] of data.entries()) {
        parts.push({ partNumber: index + 1, etag: await upload.putPart(index + 1, part) });
      }
      const [one, two, three] = parts as [(typeof parts)[0], (typeof parts)[0], (typeof parts)[0]];
      // Part 2 sent again with other bytes of its signed length and MD5: the client's ETag is stale.
      const replaced = bytes(5 * MIB, 7);
      const newTwo = { partNumber: 2, etag: await upload.putPart(2, replaced) };
      for (const sent of [
        [one, two, three],
        [one, newTwo, newTwo, three],
        [one, three],
        [one, newTwo],
      ]) {
        const response = await upload.complete(sent);
        expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
      }
      expect(await stored(upload.ticket.key)).toBe('NoSuchKey');
      expect((await upload.complete([one, newTwo, three])).status).toBe(200);
      const object = (await stored(upload.ticket.key)) as Buffer;
      expect(sha256(object)).toBe(sha256(Buffer.concat([data[0]!, replaced, data[2]!])));
    });

    it('completes with what it listed: a part replaced after ListParts and before completion is refused (S3 400 InvalidPart; signer 400 ERR_INVALID_PARTS)', async () => {
      const proxy: S3Proxy = await startS3Proxy(lane.s3.endpoint);
      try {
        const via = lane.signerWith({ S3_ENDPOINT: proxy.endpoint });
        const upload = await startUpload({ via });
        const data = [bytes(5 * MIB, 1), bytes(5 * MIB, 2), bytes(MIB, 3)];
        const parts = [];
        for (const [index, part] of data.entries()) {
          parts.push({ partNumber: index + 1, etag: await upload.putPart(index + 1, part) });
        }
        // The race of issue 14: the signer's ListParts is answered, then part 2 is replaced.
        let swapped: RawResponse | undefined;
        proxy.holdNext(
          (method, url) =>
            method === 'GET' && url.searchParams.has('uploadId') && !url.searchParams.has('partNumber'),
          async () => {
            swapped = await upload.sendPart(2, bytes(5 * MIB, 9));
          },
        );
        const response = await upload.complete(parts);
        expect(swapped?.status).toBe(200);
        expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
        expect(await stored(upload.ticket.key)).toBe('NoSuchKey');
      } finally {
        await proxy.close();
      }
    });

    it('refuses, and aborts, parts adding up to more than the limit (413 ERR_FILE_TOO_LARGE); exactly the limit passes', async () => {
      // Parts signed under the 20 MiB limit, completed after it was lowered.
      const upload = await startUpload({ size: 16 * MIB });
      const parts = [];
      for (const n of [1, 2, 3, 4]) {
        parts.push({ partNumber: n, etag: await upload.putPart(n, bytes(n < 4 ? 5 * MIB : MIB, n)) });
      }
      const under = lane.signerWith({ UPLOAD_MAX_BYTES: String(16 * MIB - 1) });
      const response = await upload.complete(parts, under);
      expect([response.status, await errorCode(response)]).toEqual([413, 'ERR_FILE_TOO_LARGE']);
      const listed = await lane.signer(
        `/v1/uploads/${upload.ticket.id}/parts?uploadId=${upload.ticket.multipart.uploadId}`,
        { headers: await lane.auth('alice') },
      );
      expect(listed.status).toBe(404); // aborted

      const exact = await startUpload({ size: 16 * MIB });
      const again = [];
      for (const n of [1, 2, 3, 4]) {
        again.push({ partNumber: n, etag: await exact.putPart(n, bytes(n < 4 ? 5 * MIB : MIB, n)) });
      }
      const atLimit = lane.signerWith({ UPLOAD_MAX_BYTES: String(16 * MIB) });
      expect((await exact.complete(again, atLimit)).status).toBe(200);
    });
  });

  describe('open multipart uploads per user', () => {
    it('refuses the 21st (429 ERR_TOO_MANY_OPEN_UPLOADS, Retry-After); aborting one frees a slot', async () => {
      const headers = await lane.auth('hoarder');
      const big = { name: 'big.jpg', type: 'image/jpeg', size: 7 * MIB };
      const open = (files: object[]) =>
        lane.signer('/v1/uploads', { method: 'POST', headers, body: JSON.stringify({ files }) });
      const first = await open(Array.from({ length: 20 }, () => big));
      expect(first.status).toBe(201);
      const tickets = ((await first.json()) as CreateUploadsResponse).uploads as MultipartTicket[];
      expect(tickets.every((ticket) => 'multipart' in ticket)).toBe(true);
      const refused = await open([big]);
      expect([refused.status, await errorCode(refused)]).toEqual([429, 'ERR_TOO_MANY_OPEN_UPLOADS']);
      expect(refused.headers.get('retry-after')).toBe('10');
      // Another user's uploads are theirs to count.
      expect((await lane.tickets('bystander', [big])).length).toBe(1);
      const aborted = await lane.signer(
        `/v1/uploads/${tickets[0]!.id}?uploadId=${tickets[0]!.multipart.uploadId}`,
        { method: 'DELETE', headers },
      );
      expect(aborted.status).toBe(204);
      expect((await open([big])).status).toBe(201);
      expect((await open([big])).status).toBe(429);
    });
  });

  describe('Ceph 16 differences from AWS S3', () => {
    it('ignores If-None-Match: * on CompleteMultipartUpload (AWS: 412 PreconditionFailed): a second upload to an existing key replaces it', async () => {
      const upload = await startUpload({ size: 7 * MIB });
      const first = [
        { partNumber: 1, etag: await upload.putPart(1, bytes(5 * MIB, 1)) },
        { partNumber: 2, etag: await upload.putPart(2, bytes(2 * MIB, 2)) },
      ];
      expect((await upload.complete(first)).status).toBe(200);
      // The signer never opens a second upload for a key; the bucket owner's keys can.
      const Key = upload.ticket.key;
      const { UploadId } = await lane.client.send(
        new CreateMultipartUploadCommand({ Bucket: lane.s3.bucket, Key }),
      );
      const replacement = bytes(5 * MIB, 5);
      const { ETag } = await lane.client.send(
        new UploadPartCommand({ Bucket: lane.s3.bucket, Key, UploadId, PartNumber: 1, Body: replacement }),
      );
      // The signer's CompleteMultipartUpload sends If-None-Match: *; Ceph completes all the same.
      const second = await lane.signer(`/v1/uploads/${upload.ticket.id}/complete`, {
        method: 'POST',
        headers: await lane.auth('alice'),
        body: JSON.stringify({ uploadId: UploadId, parts: [{ partNumber: 1, etag: ETag }] }),
      });
      expect(second.status).toBe(200);
      expect(sha256((await stored(Key)) as Buffer)).toBe(sha256(replacement));
    });

    it('accepts parts listed out of order (AWS: 400 InvalidPartOrder), so the signer refuses them itself', async () => {
      const upload = await startUpload({ size: 7 * MIB });
      const parts = [
        { partNumber: 1, etag: await upload.putPart(1, bytes(5 * MIB)) },
        { partNumber: 2, etag: await upload.putPart(2, bytes(2 * MIB)) },
      ];
      const response = await upload.complete([...parts].reverse());
      expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
      expect(await upload.completeDirectly([...parts].reverse())).toEqual({ status: 200 });
      const head = await lane.client.send(
        new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: upload.ticket.key }),
      );
      expect(head.ContentLength).toBe(7 * MIB);
    });

    it('answers CompleteMultipartUpload with an empty ETag (AWS: the object ETag); HEAD has it', async () => {
      const upload = await startUpload();
      const etag = await upload.putPart(1, bytes(5 * MIB));
      const url = await getSignedUrl(
        lane.client,
        new CompleteMultipartUploadCommand({
          Bucket: lane.s3.bucket,
          Key: upload.ticket.key,
          UploadId: upload.ticket.multipart.uploadId,
        }),
        { expiresIn: 60 },
      );
      const xml = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`;
      const response = await rawRequest('POST', url, { 'content-type': 'application/xml' }, Buffer.from(xml));
      expect(response.status).toBe(200);
      expect(response.body.toString()).toContain('<ETag></ETag>');
      const head = await lane.client.send(
        new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: upload.ticket.key }),
      );
      expect(head.ETag).toMatch(/^"[0-9a-f]{32}-1"$/);
    });
  });
});
