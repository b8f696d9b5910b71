/**
 * The thumbnailer's S3 I/O (storage.ts) against the local S3. Only "the object is not there" (and
 * the 403 S3 answers for it without s3:ListBucket) is an answer; a missing bucket or a refused
 * connection is thrown, so Lambda retries the record instead of dropping it as gone. A public
 * original's copy keeps the file's name alone, and only while the source has the checked ETag.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImageId, originalKey } from '../contract/object-keys.js';
import { s3Metadata } from '../contract/upload-metadata.js';
import { startLocalS3, type LocalS3 } from '../stack/local-s3.js';
import { copyObject, readManifest, readOriginal, readOriginalHead } from './storage.js';
import { solid } from './test-support/images.js';
import { get, put, refusedClient, testClient } from './test-support/s3.js';
import { refusingEndpoint } from './test-support/stalled-server.js';

const BUCKET = 'images';
let s3: LocalS3;
let client: S3Client;
let png: Buffer;

beforeAll(async () => {
  s3 = await startLocalS3({ port: 0, bucket: BUCKET, corsOrigins: [] });
  client = testClient(s3.endpoint);
  png = await solid(30, 20, 'png');
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

let next = 0;
/** Stores an original under a fresh key, with the signer's metadata (who, the page's, `name`) when `name` is given. */
async function stored(name?: string) {
  const key = originalKey('owner1', makeImageId(`reads${String(next++).padStart(11, '0')}`, 'png'));
  const metadata =
    name === undefined
      ? undefined
      : s3Metadata({
          name,
          visibility: 'public',
          iss: 'https://id.example.com',
          sub: 'user-1',
          metadata: { slot: 'cover' },
        });
  return { key, etag: await put(client, BUCKET, key, png, metadata), metadata };
}
const manifestKeyOf = (key: string) => key.replace(/original\.png$/, 'meta.json');

describe('thumbnailer S3 I/O', () => {
  describe('a missing bucket is misconfiguration, thrown', () => {
    it('readManifest and readOriginal reject with NoSuchBucket', async () => {
      const { key } = await stored();
      await expect(readManifest(client, 'no-such-bucket', manifestKeyOf(key))).rejects.toMatchObject({
        name: 'NoSuchBucket',
      });
      await expect(readOriginal(client, 'no-such-bucket', key, 1000)).rejects.toMatchObject({
        name: 'NoSuchBucket',
      });
    });
  });

  describe('a refused connection is thrown, so the record is retried', () => {
    it('by readManifest, readOriginal and readOriginalHead alike', async () => {
      const unreachable = testClient(await refusingEndpoint(), 1);
      const { key } = await stored();
      try {
        for (const read of [
          () => readManifest(unreachable, BUCKET, manifestKeyOf(key)),
          () => readOriginal(unreachable, BUCKET, key, 1000),
          () => readOriginalHead(unreachable, BUCKET, key),
        ])
          await expect(read()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      } finally {
        unreachable.destroy();
      }
    });
  });

  describe('not there', () => {
    it('a missing key: no manifest, and the original is missing', async () => {
      const key = originalKey('owner1', makeImageId('readsmissing0001', 'png'));
      expect(await readManifest(client, BUCKET, manifestKeyOf(key))).toBeUndefined();
      expect(await readOriginal(client, BUCKET, key, 1000)).toBe('missing');
      expect(await readOriginalHead(client, BUCKET, key)).toBe('missing');
    });

    it('a 403 (S3 without s3:ListBucket): no manifest, and the original is missing to a HEAD', async () => {
      const { key } = await stored();
      const refused = refusedClient(s3.endpoint);
      try {
        expect(await readManifest(refused, BUCKET, manifestKeyOf(key))).toBeUndefined();
        expect(await readOriginalHead(refused, BUCKET, key)).toBe('missing');
      } finally {
        refused.destroy();
      }
    });
  });

  describe('the size limit (MAX_SOURCE_BYTES)', () => {
    it('reads an original of exactly maxBytes, and refuses one byte more unread', async () => {
      const { key, etag } = await stored('shot.png');
      expect(await readOriginal(client, BUCKET, key, png.length)).toMatchObject({ bytes: png, etag });
      expect(await readOriginal(client, BUCKET, key, png.length - 1)).toEqual({
        tooLarge: png.length,
        etag,
        metadata: expect.objectContaining({ name: 'shot.png' }),
      });
    });
  });

  describe("a public original's copy keeps the file's name and nothing else", () => {
    it('keeps the name the signer stored', async () => {
      const source = await stored('holiday.png');
      const original = await readOriginal(client, BUCKET, source.key, 1000);
      if (typeof original === 'string' || 'tooLarge' in original) throw new Error('not read');
      // As the signer encoded and signed it (RFC 8187, UTF-8''…), not decoded.
      expect(original.publicMetadata).toStrictEqual({ name: source.metadata!.name });
      await copyObject(
        client,
        BUCKET,
        source,
        `public/named/original.png`,
        'image/png',
        'public',
        original.publicMetadata,
      );
      expect((await get(client, BUCKET, `public/named/original.png`))!.metadata).toStrictEqual({
        name: source.metadata!.name,
      });
    });

    it('an original stored without a name: its copy has no name at all (not "undefined")', async () => {
      const source = await stored();
      const original = await readOriginal(client, BUCKET, source.key, 1000);
      if (typeof original === 'string' || 'tooLarge' in original) throw new Error('not read');
      expect(original.publicMetadata).toStrictEqual({});
      await copyObject(
        client,
        BUCKET,
        source,
        `public/nameless/original.png`,
        'image/png',
        'public',
        original.publicMetadata,
      );
      expect((await get(client, BUCKET, `public/nameless/original.png`))!.metadata).toStrictEqual({});
    });
  });

  describe('a copy is conditional on the ETag that was checked', () => {
    it('sends x-amz-copy-source-if-match with the quoted ETag (S3 refuses the copy with 412 when it differs)', async () => {
      // s3rver implements no copy conditions, so the request is what is checked here; radosgw and
      // S3 refuse the copy when the header does not match.
      const source = await stored('cat.png');
      const sent: Record<string, string>[] = [];
      const watched = testClient(s3.endpoint);
      watched.middlewareStack.add(
        (next) => async (args) => {
          sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
          return next(args);
        },
        { step: 'finalizeRequest', name: 'recordHeaders' },
      );
      try {
        await copyObject(watched, BUCKET, source, 'public/conditional/original.png', 'image/png', 'public');
      } finally {
        watched.destroy();
      }
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        'x-amz-copy-source': `${BUCKET}/${source.key}`,
        'x-amz-copy-source-if-match': `"${source.etag}"`,
        'x-amz-metadata-directive': 'REPLACE',
      });
    });
  });
});
