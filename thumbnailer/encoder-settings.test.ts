import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { decodeOnce, encode, readHeader, thumbHash } from './render.js';
import type { Intermediate } from './render.js';
import { phoneJpeg } from './test-support/images.js';

/** The intermediate of a small textured photo, as the pipeline makes it. */
async function intermediate(width: number): Promise<Intermediate> {
  const photo = await phoneJpeg(400, 300);
  return decodeOnce(photo, await readHeader(photo), width, 120_000_000);
}
const rawOf = (source: Intermediate) =>
  sharp(source.data, { raw: { width: source.width, height: source.height, channels: source.channels } });

describe('encoder settings reach the encoders', () => {
  it.each([0, 6])('WebP is libwebp at quality 75 and the configured effort (%i)', async (effort) => {
    const source = await intermediate(120);
    const { data } = await encode(source, source.width, 'webp', effort);
    expect(data.equals(await rawOf(source).webp({ quality: 75, effort }).toBuffer())).toBe(true);
    // and not libwebp's defaults (quality 80, effort 4).
    expect(data.equals(await rawOf(source).webp().toBuffer())).toBe(false);
  });
});

describe('thumbHash', () => {
  it('hashes an image within 100×100 from its own pixels, never enlarged', async () => {
    const source = await intermediate(60); // 60×80 upright
    expect([source.width, source.height]).toEqual([60, 80]);
    const rgba = await rawOf(source).ensureAlpha().raw().toBuffer();
    const own = Buffer.from(rgbaToThumbHash(source.width, source.height, rgba)).toString('base64');
    expect(await thumbHash(source)).toBe(own);
  });
});
