import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createThumbnails } from './thumbnail.js';
import type { ThumbnailResult } from './thumbnail.js';
import { pixelAt } from './test-support/inspect.js';
import { solid } from './test-support/images.js';

/** An sRGB colour well inside Display P3, whose P3 numbers differ from its sRGB ones. */
const COLOUR = { r: 200, g: 60, b: 90 };

async function thumbnailsOf(bytes: Buffer, ext: 'jpg' | 'png'): Promise<ThumbnailResult> {
  return createThumbnails(
    bytes,
    { key: `uploads/owner1/p3-${ext}/original.${ext}`, etag: 'etag-1', owner: 'owner1', id: `p3-${ext}` },
    { widths: [64], maxPixels: 120_000_000 },
  );
}

/** Every output's centre pixel is COLOUR, and the input's stored numbers are not (so this can fail). */
async function expectSrgbColour(input: Buffer, ext: 'jpg' | 'png') {
  const stored = await pixelAt(input, 150, 100, true);
  expect(
    Math.abs(stored[0]! - COLOUR.r) + Math.abs(stored[1]! - COLOUR.g),
    `stored ${stored}`,
  ).toBeGreaterThan(20);
  const { files } = await thumbnailsOf(input, ext);
  expect(files).toHaveLength(2);
  for (const { key, body } of files) {
    const [r, g, b] = await pixelAt(body, 32, 21);
    for (const [actual, expected] of [
      [r!, COLOUR.r],
      [g!, COLOUR.g],
      [b!, COLOUR.b],
    ])
      expect(Math.abs(actual - expected), `${key}: ${[r, g, b]}`).toBeLessThanOrEqual(4);
  }
}

describe('embedded colour profiles', () => {
  it('converts an 8-bit Display P3 JPEG to sRGB', async () => {
    const jpeg = await sharp(await solid(300, 200, 'png', COLOUR))
      .withIccProfile('p3')
      .jpeg({ quality: 95 })
      .toBuffer();
    await expectSrgbColour(jpeg, 'jpg');
  });

  it('converts a 16-bit Display P3 PNG to sRGB', async () => {
    const png = await sharp(await solid(300, 200, 'png', COLOUR))
      .toColourspace('rgb16')
      .withIccProfile('p3')
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).depth).toBe('ushort');
    await expectSrgbColour(png, 'png');
  });
});
