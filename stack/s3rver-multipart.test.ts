import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client, startLocalS3, type LocalS3 } from './local-s3.js';

const MIB = 1024 * 1024;
let directory: string;
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'image-uploader-test-s3-'));
  s3 = await startLocalS3({ port: 0, bucket: 'images', corsOrigins: [], directory });
  client = localS3Client(s3);
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
  await rm(directory, { recursive: true, force: true });
});

/** Files under the data folder whose name ends with `suffix`. */
async function filesEndingWith(suffix: string): Promise<string[]> {
  const names = await readdir(directory, { recursive: true });
  return names.filter((name) => name.endsWith(suffix));
}

/**
 * Starts an UploadPart of `declared` bytes, sends `sent` of them, waits until the store has them
 * on disk, and drops the connection, as a reload or a lost network does mid-part.
 */
async function interruptedPart(
  key: string,
  uploadId: string,
  partNumber: number,
  sent: Buffer,
  declared: number,
) {
  const url = new URL(`${s3.endpoint}/${s3.bucket}/${key}`);
  url.search = new URLSearchParams({ partNumber: String(partNumber), uploadId }).toString();
  const req = request(url, { method: 'PUT', headers: { 'content-length': String(declared) } });
  req.on('error', () => {});
  req.write(sent);
  for (let i = 0; i < 100 && (await filesEndingWith('.partial')).length === 0; i++) await sleep(20);
  await sleep(100);
  req.destroy();
}

describe('s3rver multipart extensions', () => {
  describe('ListParts', () => {
    it('lists only complete parts: a part cut off mid-body is not a part, and a part cut off while sent again keeps the stored one', async () => {
      const key = 'uploads/owner/resume/original.bin';
      const { UploadId: uploadId } = await client.send(
        new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key }),
      );
      const first = randomBytes(5 * MIB);
      const { ETag: etag } = await client.send(
        new UploadPartCommand({
          Bucket: s3.bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: 1,
          Body: first,
        }),
      );

      await interruptedPart(key, uploadId!, 2, randomBytes(MIB), 5 * MIB);
      await interruptedPart(key, uploadId!, 1, randomBytes(MIB), 5 * MIB);

      const listed = await client.send(
        new ListPartsCommand({ Bucket: s3.bucket, Key: key, UploadId: uploadId }),
      );
      expect(listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([[1, etag, first.length]]);
      // Nothing of the interrupted parts is left behind.
      for (let i = 0; i < 50 && (await filesEndingWith('.partial')).length; i++) await sleep(20);
      expect(await filesEndingWith('.partial')).toEqual([]);

      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: etag }] },
        }),
      );
      const stored = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(first)).toBe(true);
    });
  });
});
