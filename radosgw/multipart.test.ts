import { CompleteMultipartUploadCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultipartTicket, SignPartsResponse } from '../contract/api.js';
import { readUploadMetadata } from '../contract/upload-metadata.js';
import { bytes, LANE_ISSUER, MIB, rawRequest, startLane, type Lane } from './test-support/lane.js';

let lane: Lane;
beforeAll(async () => {
  lane = await startLane();
});
afterAll(() => lane?.close());

interface Started {
  ticket: MultipartTicket;
  /** Uploads `data` as part `partNumber` through its presigned URL; returns the ETag. */
  putPart(partNumber: number, data: Uint8Array): Promise<string>;
  /** `POST /v1/uploads/:id/complete` through the signer. */
  complete(parts: { partNumber: number; etag: string }[]): Promise<Response>;
  /** CompleteMultipartUpload sent straight to radosgw with the bucket owner's keys. */
  completeDirectly(
    parts: { partNumber: number; etag: string }[],
  ): Promise<{ status?: number; code?: string }>;
}

/** Creates an 11 MiB multipart upload for `alice` through the signer (5 MiB parts: 5 + 5 + 1). */
async function startUpload(metadata?: Record<string, string>): Promise<Started> {
  const [ticket] = (await lane.tickets('alice', [
    { name: 'big.jpg', type: 'image/jpeg', size: 11 * MIB, ...(metadata && { metadata }) },
  ])) as [MultipartTicket];
  const headers = await lane.auth('alice');
  const { uploadId } = ticket.multipart;
  return {
    ticket,
    async putPart(partNumber, data) {
      const response = await lane.signer(`/v1/uploads/${ticket.id}/parts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ uploadId, partNumbers: [partNumber] }),
      });
      const [part] = ((await response.json()) as SignPartsResponse).parts;
      const put = await rawRequest('PUT', part!.url, part!.headers, data);
      expect(put.status).toBe(200);
      return put.headers.etag as string;
    },
    complete: (parts) =>
      lane.signer(`/v1/uploads/${ticket.id}/complete`, {
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

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('multipart upload on radosgw', () => {
  it('completes with parts uploaded through presigned URLs (200)', async () => {
    const upload = await startUpload({ listing_id: '42' });
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

  it('refuses a first part under 5 MiB (400 EntityTooSmall; signer 400 ERR_INVALID_PARTS)', async () => {
    const upload = await startUpload();
    const parts = [
      { partNumber: 1, etag: await upload.putPart(1, bytes(MIB)) },
      { partNumber: 2, etag: await upload.putPart(2, bytes(MIB)) },
    ];
    expect(await upload.completeDirectly(parts)).toEqual({ status: 400, code: 'EntityTooSmall' });
    const response = await upload.complete(parts);
    expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
  });

  it('refuses a wrong ETag (400 InvalidPart; signer 400 ERR_INVALID_PARTS)', async () => {
    const upload = await startUpload();
    await upload.putPart(1, bytes(5 * MIB));
    const parts = [{ partNumber: 1, etag: '"0123456789abcdef0123456789abcdef"' }];
    expect(await upload.completeDirectly(parts)).toEqual({ status: 400, code: 'InvalidPart' });
    const response = await upload.complete(parts);
    expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
  });

  describe('Ceph 16 differences from AWS S3', () => {
    it('accepts parts listed out of order (AWS: 400 InvalidPartOrder), so the signer refuses them itself', async () => {
      const upload = await startUpload();
      const parts = [
        { partNumber: 1, etag: await upload.putPart(1, bytes(5 * MIB)) },
        { partNumber: 2, etag: await upload.putPart(2, bytes(MIB)) },
      ];
      const response = await upload.complete([...parts].reverse());
      expect([response.status, await errorCode(response)]).toEqual([400, 'ERR_INVALID_PARTS']);
      expect(await upload.completeDirectly([...parts].reverse())).toEqual({ status: 200 });
      const head = await lane.client.send(
        new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: upload.ticket.key }),
      );
      expect(head.ContentLength).toBe(6 * MIB);
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
