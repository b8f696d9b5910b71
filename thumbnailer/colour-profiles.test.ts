import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createThumbnails } from './thumbnail.js';
import type { ThumbnailResult } from './thumbnail.js';
import { pixelAt } from './test-support/inspect.js';
import { cmykJpegOwnProfile, solid } from './test-support/images.js';

/** An sRGB colour well inside Display P3, whose P3 numbers differ from its sRGB ones. */
const COLOUR = { r: 200, g: 60, b: 90 };

async function thumbnailsOf(bytes: Buffer, ext: 'jpg' | 'png'): Promise<ThumbnailResult> {
  return createThumbnails(
    bytes,
    { key: `uploads/owner1/p3-${ext}/original.${ext}`, etag: 'etag-1', owner: 'owner1', id: `p3-${ext}` },
    { widths: [64], maxPixels: 120_000_000 },
  );
}

/** Every output's centre pixel is `expected`, within 4 a channel. */
async function expectOutputsOf(input: Buffer, ext: 'jpg' | 'png', expected: number[]) {
  const { files } = await thumbnailsOf(input, ext);
  expect(files).toHaveLength(2);
  for (const { key, body } of files) {
    const actual = await pixelAt(body, 32, 21);
    expected.forEach((value, i) =>
      expect(Math.abs(actual[i]! - value), `${key}: ${actual} vs ${expected}`).toBeLessThanOrEqual(4),
    );
  }
}

/** Every output is COLOUR, and the input's stored numbers are not (so this can fail). */
async function expectSrgbColour(input: Buffer, ext: 'jpg' | 'png') {
  const stored = await pixelAt(input, 150, 100, true);
  expect(
    Math.abs(stored[0]! - COLOUR.r) + Math.abs(stored[1]! - COLOUR.g),
    `stored ${stored}`,
  ).toBeGreaterThan(20);
  await expectOutputsOf(input, ext, [COLOUR.r, COLOUR.g, COLOUR.b]);
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

  it('converts a CMYK JPEG through its own profile, not the one sharp falls back to', async () => {
    const cmyk = await cmykJpegOwnProfile(COLOUR);
    const expected = await pixelAt(await sharp(cmyk).toColourspace('srgb').png().toBuffer(), 150, 100);
    const fallback = await pixelAt(
      await sharp(cmyk, { ignoreIcc: true }).toColourspace('srgb').png().toBuffer(),
      150,
      100,
    );
    expect(Math.abs(expected[1]! - fallback[1]!), `${expected} vs ${fallback}`).toBeGreaterThan(20);
    await expectOutputsOf(cmyk, 'jpg', expected.slice(0, 3));
  });
});
