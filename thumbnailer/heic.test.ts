import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { metadataBlocks, pixelAt } from './test-support/inspect.js';
import { createThumbnails } from './thumbnail.js';
import type { SourceObject, ThumbnailOptions, ThumbnailResult } from './thumbnail.js';

/** 64×48 stored, `irot` 90° clockwise (48×64 upright), EXIF with GPS: widget/test-support/fixtures/README.md. */
const FIXTURE = readFileSync(new URL('../widget/test-support/fixtures/rotated.heic', import.meta.url));

const sourceOf = (ext: string): SourceObject => ({
  key: `uploads/owner1/abc123-${ext}/original.${ext}`,
  etag: 'etag-1',
  owner: 'owner1',
  id: `abc123-${ext}`,
});
const heic = sourceOf('heic');
const options: ThumbnailOptions = { widths: [16, 320], maxPixels: 120_000_000, heic: true };

const refusal = async (result: Promise<ThumbnailResult>) => {
  const { manifest, files } = await result;
  if (manifest.status === 'ready') return 'ready';
  expect(files).toEqual([]);
  return manifest.reason.code;
};

/** The fixture with its primary image's `ispe` (image spatial extents) declaring another size. */
function declaring(width: number, height: number): Buffer {
  const bytes = Buffer.from(FIXTURE);
  // The last ispe is the grid's, the primary image's (the first is its tile's).
  const at = bytes.lastIndexOf('ispe');
  expect([bytes.readUInt32BE(at + 8), bytes.readUInt32BE(at + 12)]).toEqual([64, 48]);
  bytes.writeUInt32BE(width, at + 8);
  bytes.writeUInt32BE(height, at + 12);
  return bytes;
}

const GREEN = [0, 200, 0];
const RED = [220, 0, 0];
const BLUE = [0, 0, 220];
const close = (actual: number[], expected: number[]) =>
  expected.forEach((value, i) =>
    expect(Math.abs(actual[i]! - value), `${actual} vs ${expected}`).toBeLessThan(48),
  );

describe('createThumbnails: HEIC', () => {
  describe('accepted (ACCEPT_HEIC)', () => {
    it('makes upright, metadata-free thumbnails of a HEIC, decoded with libheif', async () => {
      const { manifest, files } = await createThumbnails(FIXTURE, heic, options);
      expect(manifest).toMatchObject({ status: 'ready', format: 'heic', width: 48, height: 64 });
      expect(files.map((file) => file.key.split('/').pop())).toEqual([
        '16.webp',
        '16.jpg',
        '48.webp',
        '48.jpg',
      ]);
      for (const file of files.filter((candidate) => candidate.key.includes('/48.'))) {
        expect(await sharp(file.body).metadata()).toMatchObject({ width: 48, height: 64 });
        expect(metadataBlocks(file.body).filter((block) => /exif|xmp|gps/i.test(block))).toEqual([]);
        close(await pixelAt(file.body, 40, 8), GREEN);
        close(await pixelAt(file.body, 8, 8), RED);
        close(await pixelAt(file.body, 24, 56), BLUE);
      }
    });

    it('refuses a HEIC whose header declares more pixels than MAX_PIXELS, before decoding', async () => {
      const started = performance.now();
      const { manifest } = await createThumbnails(declaring(30_000, 30_000), heic, options);
      expect(manifest.status === 'rejected' && manifest.reason).toMatchObject({
        code: 'ERR_TOO_MANY_PIXELS',
        message: expect.stringContaining('30000×30000'),
      });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(await refusal(createThumbnails(FIXTURE, heic, { ...options, maxPixels: 48 * 64 - 1 }))).toBe(
        'ERR_TOO_MANY_PIXELS',
      );
      expect(await refusal(createThumbnails(FIXTURE, heic, { ...options, maxPixels: 48 * 64 }))).toBe(
        'ready',
      );
    });

    it('refuses a HEIC whose decode would take more than MAX_DECODED_BYTES (width × height × 16)', async () => {
      const { manifest } = await createThumbnails(declaring(8000, 6000), heic, {
        ...options,
        maxDecodedBytes: 400_000_000,
      });
      expect(manifest.status === 'rejected' && manifest.reason).toMatchObject({
        code: 'ERR_TOO_MANY_PIXELS',
        message: expect.stringContaining('768 MB'),
      });
      expect(
        await refusal(createThumbnails(FIXTURE, heic, { ...options, maxDecodedBytes: 48 * 64 * 16 })),
      ).toBe('ready');
    });

    it('keeps ERR_TYPE_MISMATCH both ways: a .heic key must hold a HEIC', async () => {
      const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
        .jpeg()
        .toBuffer();
      expect(await refusal(createThumbnails(jpeg, heic, options))).toBe('ERR_TYPE_MISMATCH');
      expect(await refusal(createThumbnails(FIXTURE, sourceOf('jpg'), options))).toBe('ERR_TYPE_MISMATCH');
    });

    it('answers ERR_CORRUPT_IMAGE for a truncated HEIC', async () => {
      expect(await refusal(createThumbnails(FIXTURE.subarray(0, 700), heic, options))).toBe(
        'ERR_CORRUPT_IMAGE',
      );
    });
  });

  it('refuses HEIC by default (ACCEPT_HEIC unset)', async () => {
    expect(loadConfig({}).heic).toBe(false);
    expect(loadConfig({ ACCEPT_HEIC: 'true' }).heic).toBe(true);
    const { heic: _, ...without } = options;
    expect(await refusal(createThumbnails(FIXTURE, heic, without))).toBe('ERR_UNSUPPORTED_FORMAT');
  });
});
