import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createThumbnails } from './thumbnail.js';
import type { SourceObject } from './thumbnail.js';

const WIDTH = 160;
const HEIGHT = 120;
const image = () => sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#2a6' } });

/** Manifest status (or refusal code) of `bytes` uploaded as `ext` under a decoder budget. */
async function underBudget(bytes: Buffer, ext: 'jpg' | 'avif', maxDecodedBytes: number): Promise<string> {
  const source: SourceObject = {
    key: `uploads/owner1/edge-${ext}/original.${ext}`,
    etag: 'etag-1',
    owner: 'owner1',
    id: `edge-${ext}`,
  };
  const { manifest } = await createThumbnails(bytes, source, {
    widths: [64],
    maxPixels: 120_000_000,
    maxDecodedBytes,
  });
  return manifest.status === 'ready' ? 'ready' : manifest.reason.code;
}

/** Refused one byte under `held`, made at `held`: the estimate is exactly `held`. */
async function expectHeld(bytes: Buffer, ext: 'jpg' | 'avif', held: number) {
  expect(await underBudget(bytes, ext, held - 1)).toBe('ERR_TOO_MANY_PIXELS');
  expect(await underBudget(bytes, ext, held)).toBe('ready');
}

describe('decoder memory of the inputs the common cases do not cover', () => {
  it('counts a 10-bit AVIF at 2 bytes a sample (libheif hands libvips 16-bit planes)', async () => {
    const avif = await image().avif({ bitdepth: 10, effort: 0 }).toBuffer();
    expect((await sharp(avif).metadata()).depth).toBe('ushort');
    await expectHeld(avif, 'avif', WIDTH * HEIGHT * (14 + 2 * 3 * 2));
  });

  it('counts a grey progressive JPEG whole even when its one component says 2×2 (reported as 4:2:0)', async () => {
    const grey = await image().toColourspace('b-w').jpeg({ progressive: true }).toBuffer();
    // ITU T.81 B.2.2: SOF2 marker, length (2), precision (1), height (2), width (2), components (1),
    // then per component its id and H×V sampling byte. cjpeg -grayscale -sample 2x2 writes this.
    const sof = grey.indexOf(Buffer.from([0xff, 0xc2]));
    expect([grey[sof + 9], grey[sof + 11]]).toEqual([1, 0x11]);
    grey[sof + 11] = 0x22;
    const header = await sharp(grey).metadata();
    expect([header.channels, header.chromaSubsampling]).toEqual([1, '4:2:0']);
    await expectHeld(grey, 'jpg', WIDTH * HEIGHT * 1 * 2);
  });
});
