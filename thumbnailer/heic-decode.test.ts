import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHeic, HEIC_BYTES_PER_PIXEL } from './heic.js';
import type { DecodedHeic, HeicLimits } from './heic.js';
import { heicHeader } from './test-support/images.js';

/** 64×48 stored, `irot` 90° clockwise: 48×64 upright, opaque (widget/test-support/fixtures/README.md). */
const ROTATED = readFileSync(new URL('../widget/test-support/fixtures/rotated.heic', import.meta.url));
/** Two images, the second (24×16, green at 50 % alpha) primary: test-support/fixtures/README.md. */
const PRIMARY_SECOND = readFileSync(new URL('./test-support/fixtures/primary-second.heic', import.meta.url));

const roomy: HeicLimits = { maxWidth: 320, maxPixels: 120_000_000, maxDecodedBytes: 768 * 2 ** 20 };

async function decoded(bytes: Buffer, limits: Partial<HeicLimits> = {}): Promise<DecodedHeic> {
  const result = await decodeHeic(bytes, { ...roomy, ...limits });
  if ('rejection' in result) throw new Error(`Expected a decode, got ${JSON.stringify(result.rejection)}`);
  return result;
}

async function refused(bytes: Buffer, limits: Partial<HeicLimits> = {}) {
  const result = await decodeHeic(bytes, { ...roomy, ...limits });
  if (!('rejection' in result)) throw new Error(`Expected a refusal, got ${result.width}×${result.height}`);
  return result.rejection;
}

describe('decodeHeic', () => {
  describe('the image it decodes', () => {
    it('is the primary item, not the first one listed', async () => {
      const { width, height, intermediate } = await decoded(PRIMARY_SECOND);
      expect([width, height]).toEqual([24, 16]);
      expect([intermediate.width, intermediate.height, intermediate.channels]).toEqual([24, 16, 4]);
      const [r, g, b, alpha] = intermediate.data.subarray(0, 4);
      expect(r).toBeLessThan(30);
      expect(g).toBeGreaterThan(170);
      expect(b).toBeLessThan(30);
      expect(Math.abs(alpha! - 128)).toBeLessThanOrEqual(8);
    });

    it('keeps the alpha channel of a translucent image and drops it from an opaque one', async () => {
      expect((await decoded(PRIMARY_SECOND)).intermediate.channels).toBe(4);
      expect((await decoded(ROTATED)).intermediate.channels).toBe(3);
    });

    it('shrinks to maxWidth, keeping the aspect ratio, and never enlarges', async () => {
      const small = await decoded(ROTATED, { maxWidth: 24 });
      expect([small.width, small.height]).toEqual([48, 64]);
      expect([small.intermediate.width, small.intermediate.height]).toEqual([24, 32]);
      expect(small.intermediate.data.length).toBe(24 * 32 * 3);
      const large = await decoded(ROTATED, { maxWidth: 320 });
      expect([large.intermediate.width, large.intermediate.height]).toEqual([48, 64]);
    });
  });

  describe('refusals, with the message the owner reads', () => {
    it('a file libheif finds no image in', async () => {
      expect(await refused(heicHeader())).toEqual({
        code: 'ERR_CORRUPT_IMAGE',
        message: 'The HEIC file has no image.',
      });
    });

    it('an image whose coded data does not decode', async () => {
      const bytes = Buffer.from(ROTATED);
      bytes.fill(0, bytes.indexOf('mdat') + 4);
      expect(await refused(bytes)).toEqual({
        code: 'ERR_CORRUPT_IMAGE',
        message: 'The image data is truncated or corrupt.',
      });
    });

    it('over maxPixels: names the pixel limit, even when the memory limit is also passed', async () => {
      const pixels = 48 * 64;
      expect(await refused(ROTATED, { maxPixels: pixels - 1, maxDecodedBytes: 1 })).toEqual({
        code: 'ERR_TOO_MANY_PIXELS',
        message: `The image is 48×64 pixels; the limit is ${pixels - 1} pixels.`,
      });
    });

    it('exactly maxPixels but over maxDecodedBytes: names the memory limit', async () => {
      const pixels = 48 * 64;
      expect(pixels * HEIC_BYTES_PER_PIXEL).toBe(49_152);
      expect(await refused(ROTATED, { maxPixels: pixels, maxDecodedBytes: 20_000 })).toEqual({
        code: 'ERR_TOO_MANY_PIXELS',
        message:
          'Decoding this 48×64 image would take 1 MB of memory; the limit is 1 MB. Save it with fewer pixels.',
      });
      expect(
        await decoded(ROTATED, { maxPixels: pixels, maxDecodedBytes: pixels * HEIC_BYTES_PER_PIXEL }),
      ).toBeTruthy();
    });
  });
});
