import { describe, expect, it } from 'vitest';
import type { RejectedManifest } from '../contract/thumbnail-manifest.js';
import { createThumbnails } from './thumbnail.js';
import type { SourceObject, ThumbnailOptions } from './thumbnail.js';
import { phoneJpeg, pngBomb, solid } from './test-support/images.js';

// The manifest's `reason.message` is what the owner reads about a refused upload (the widget and
// the images API show it): each refusal has one that says what is wrong and what to do.

const sourceNamed = (file: string): SourceObject => ({
  key: `uploads/owner1/abc123/${file}`,
  etag: 'etag-1',
  owner: 'owner1',
  id: 'abc123',
});
const options: ThumbnailOptions = { widths: [320], maxPixels: 120_000_000 };

async function reason(bytes: Buffer, file: string, overrides: Partial<ThumbnailOptions> = {}) {
  const { manifest, files } = await createThumbnails(bytes, sourceNamed(file), { ...options, ...overrides });
  expect(files).toEqual([]);
  return (manifest as RejectedManifest).reason;
}

describe('createThumbnails: what a refusal tells the owner', () => {
  it('an image header sharp cannot read', async () => {
    const signatureOnly = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]);
    expect(await reason(signatureOnly, 'original.png')).toEqual({
      code: 'ERR_CORRUPT_IMAGE',
      message: 'The image header is unreadable.',
    });
  });

  it('image data cut short after a readable header', async () => {
    const jpeg = await phoneJpeg(320, 240);
    expect(await reason(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'original.jpg')).toEqual({
      code: 'ERR_CORRUPT_IMAGE',
      message: 'The image data is truncated or corrupt.',
    });
  });

  it('more pixels than maxPixels: the size and the limit', async () => {
    expect(await reason(await solid(64, 48, 'gif'), 'original.gif', { maxPixels: 3071 })).toEqual({
      code: 'ERR_TOO_MANY_PIXELS',
      message: 'The image is 64×48 pixels; the limit is 3071 pixels.',
    });
  });

  it('a decode over maxDecodedBytes: the memory in MB, rounded up, and what to change', async () => {
    const limits = { maxDecodedBytes: 2_000_000 };
    // GIF: 5 bytes a pixel (render.ts decoderMemory); interlacing is no PNG's advice to a GIF.
    expect(await reason(await solid(1000, 1000, 'gif'), 'original.gif', limits)).toEqual({
      code: 'ERR_TOO_MANY_PIXELS',
      message:
        'Decoding this 1000×1000 image would take 5 MB of memory; the limit is 2 MB. Save it with fewer pixels or at 8 bits a channel.',
    });
    // Interlaced 8-bit RGB PNG: the whole image, 3 bytes a pixel and a filter byte.
    expect(await reason(pngBomb(1000, 1000, { interlaced: true }), 'original.png', limits)).toEqual({
      code: 'ERR_TOO_MANY_PIXELS',
      message:
        'Decoding this 1000×1000 image would take 4 MB of memory; the limit is 2 MB. Save it with fewer pixels, without interlacing or at 8 bits a channel.',
    });
  });

  it('bytes of an image under a key whose extension names no image type', async () => {
    expect(await reason(await solid(8, 8, 'png'), 'original.bin')).toEqual({
      code: 'ERR_TYPE_MISMATCH',
      message: 'The file is a PNG image but was uploaded with no image type; upload it as PNG.',
    });
  });

  it('throws a TypeError naming the setting when no width is asked for', async () => {
    const attempt = createThumbnails(await solid(8, 8, 'png'), sourceNamed('original.png'), {
      ...options,
      widths: [],
    });
    await expect(attempt).rejects.toThrow(TypeError);
    await expect(attempt).rejects.toThrow(/^Expected at least one thumbnail width$/);
  });
});
