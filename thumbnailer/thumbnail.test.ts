import exifReader from 'exif-reader';
import sharp from 'sharp';
import { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA } from 'thumbhash';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReadyManifest } from '../contract/thumbnail-manifest.js';
import { createThumbnails } from './thumbnail.js';
import type { SourceObject, ThumbnailOptions, ThumbnailResult } from './thumbnail.js';
import { metadataBlocks, pixelAt, webpChunks } from './test-support/inspect.js';
import { floatTiff, heicHeader, MARK_COLOUR, phoneJpeg, pngBomb, solid } from './test-support/images.js';

const source: SourceObject = {
  key: 'uploads/owner1/abc123-jpg/original.jpg',
  etag: 'etag-1',
  owner: 'owner1',
  id: 'abc123-jpg',
};
/** The same upload signed as another type: the key's extension is the declared type. */
const sourceOf = (ext: 'jpg' | 'png' | 'webp' | 'avif' | 'gif'): SourceObject => ({
  ...source,
  key: `uploads/owner1/abc123-${ext}/original.${ext}`,
  id: `abc123-${ext}`,
});
const options = {
  widths: [320, 720, 1440],
  maxPixels: 120_000_000,
  now: () => new Date('2026-01-02T03:04:05Z'),
};

function ready(result: ThumbnailResult): ReadyManifest {
  if (result.manifest.status !== 'ready')
    throw new Error(`Expected ready, got ${JSON.stringify(result.manifest)}`);
  return result.manifest;
}
const file = (result: ThumbnailResult, name: string) =>
  result.files.find((f) => f.key.endsWith(`/${name}`))!.body;
const close = (actual: number[], expected: number[], tolerance: number) =>
  expected.forEach((value, i) =>
    expect(Math.abs(actual[i]! - value), `channel ${i}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tolerance,
    ),
  );

/** The refusal of `bytes` uploaded as `from`: code and message, or `{ code: 'ready' }`. */
const rejection = async (bytes: Buffer, from = source, opts: ThumbnailOptions = options) => {
  const result = await createThumbnails(bytes, from, opts);
  if (result.manifest.status === 'ready') return { code: 'ready', message: '' };
  expect(result.files).toEqual([]);
  return result.manifest.reason;
};
/** Just the code of {@link rejection}. */
const refusal = async (bytes: Buffer, from = source, opts: ThumbnailOptions = options) =>
  (await rejection(bytes, from, opts)).code;

describe('createThumbnails', () => {
  describe('an iPhone-like JPEG (Display P3, EXIF orientation 6, GPS)', () => {
    let input: Buffer;
    let result: ThumbnailResult;
    beforeAll(async () => {
      input = await phoneJpeg(1600, 1200); // stored landscape; displays as 1200×1600 portrait
      result = await createThumbnails(input, source, options);
    });

    it('really has a P3 profile, orientation 6 and a GPS block (so the checks below can fail)', async () => {
      const meta = await sharp(input).metadata();
      expect([meta.width, meta.height, meta.orientation, meta.hasProfile]).toEqual([1600, 1200, 6, true]);
      expect(exifReader(meta.exif!).GPSInfo?.GPSLatitude).toEqual([48, 51, 29.52]);
      expect(metadataBlocks(input)).toEqual(expect.arrayContaining(['APP1:Exif', 'APP2:ICC']));
    });

    it('writes every width as WebP and JPEG, upright and never enlarged', () => {
      const manifest = ready(result);
      expect([manifest.format, manifest.width, manifest.height]).toEqual(['jpeg', 1200, 1600]);
      expect(manifest.outputs.map((o) => `${o.key} ${o.width}x${o.height} ${o.contentType}`)).toEqual([
        'thumbnails/owner1/abc123-jpg/320.webp 320x427 image/webp',
        'thumbnails/owner1/abc123-jpg/320.jpg 320x427 image/jpeg',
        'thumbnails/owner1/abc123-jpg/720.webp 720x960 image/webp',
        'thumbnails/owner1/abc123-jpg/720.jpg 720x960 image/jpeg',
        'thumbnails/owner1/abc123-jpg/1200.webp 1200x1600 image/webp',
        'thumbnails/owner1/abc123-jpg/1200.jpg 1200x1600 image/jpeg',
      ]);
      expect(manifest.outputs.map((o) => o.size)).toEqual(result.files.map((f) => f.body.length));
      expect(manifest).toMatchObject({
        version: 1,
        sourceKey: source.key,
        sourceEtag: 'etag-1',
        createdAt: '2026-01-02T03:04:05.000Z',
      });
    });

    it('turns the image upright: the stored top-left mark is now top-right', async () => {
      const thumb = file(result, '320.jpg');
      expect((await sharp(thumb).metadata()).height).toBe(427);
      close(await pixelAt(thumb, 300, 15), Object.values(MARK_COLOUR), 12);
      expect((await pixelAt(thumb, 15, 15))[1]).toBeGreaterThan(100); // not the red mark
    });

    it('converts to sRGB through the P3 profile', async () => {
      const stored = await pixelAt(input, 40, 40, true); // P3 numbers, profile ignored
      expect(Math.abs(stored[0]! - MARK_COLOUR.r) + Math.abs(stored[1]! - MARK_COLOUR.g)).toBeGreaterThan(20);
      for (const name of ['720.jpg', '720.webp'])
        close(await pixelAt(file(result, name), 700, 20), Object.values(MARK_COLOUR), 8);
    });

    it('carries no EXIF, GPS, XMP, IPTC or ICC in any output', async () => {
      for (const { key, body } of result.files) {
        expect(metadataBlocks(body), key).toEqual([]);
        const meta = await sharp(body).metadata();
        expect([meta.exif, meta.xmp, meta.iptc, meta.icc, meta.orientation], key).toEqual([
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
        ]);
      }
    });

    it('adds a ThumbHash of the upright image', () => {
      const hash = Buffer.from(ready(result).thumbhash, 'base64');
      expect(thumbHashToApproximateAspectRatio(hash)).toBeCloseTo(0.75, 1);
    });
  });

  describe('EXIF orientations', () => {
    it.each([1, 2, 3, 4, 5, 6, 7, 8])(
      'orientation %i comes out as sharp.autoOrient() shows it',
      async (orientation) => {
        const quarter = (background: string) => ({
          create: { width: 40, height: 20, channels: 3 as const, background },
        });
        const input = await sharp({ create: { width: 80, height: 40, channels: 3, background: '#ffffff' } })
          .composite([
            { input: quarter('#ff0000'), left: 0, top: 0 },
            { input: quarter('#00ff00'), left: 40, top: 0 },
            { input: quarter('#0000ff'), left: 0, top: 20 },
          ])
          .withMetadata({ orientation })
          .png()
          .toBuffer();
        const expected = await sharp(input).autoOrient().png().toBuffer();
        const { width, height } = await sharp(expected).metadata();
        const result = await createThumbnails(input, sourceOf('png'), options);
        expect(ready(result)).toMatchObject({ width, height });
        const output = file(result, `${width}.webp`);
        for (const [x, y] of [
          [0.25, 0.25],
          [0.75, 0.25],
          [0.25, 0.75],
          [0.75, 0.75],
        ] as const) {
          const at = [Math.floor(x * width), Math.floor(y * height)] as const;
          close(await pixelAt(output, ...at), (await pixelAt(expected, ...at)).slice(0, 3), 40);
        }
      },
    );
  });

  describe('other inputs', () => {
    it('PNG with alpha: WebP keeps it, JPEG is flattened on white', async () => {
      const png = await sharp({
        create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
      })
        .composite([
          {
            input: { create: { width: 200, height: 150, channels: 4, background: '#1e90ff' } },
            left: 100,
            top: 75,
          },
        ])
        .png()
        .toBuffer();
      const result = await createThumbnails(png, sourceOf('png'), options);
      expect(ready(result).outputs.map((o) => o.width)).toEqual([320, 320, 400, 400]);
      expect((await sharp(file(result, '400.webp')).metadata()).hasAlpha).toBe(true);
      expect(await pixelAt(file(result, '400.webp'), 5, 5)).toEqual([0, 0, 0, 0]);
      close(await pixelAt(file(result, '400.jpg'), 5, 5), [255, 255, 255], 3);
      close(await pixelAt(file(result, '400.jpg'), 200, 150), [0x1e, 0x90, 0xff], 8);
    });

    it('CMYK JPEG becomes sRGB', async () => {
      const cmyk = await await sharp(await solid(300, 200, 'png'))
        .toColourspace('cmyk')
        .jpeg()
        .toBuffer();
      expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
      const result = await createThumbnails(cmyk, source, options);
      const meta = await sharp(file(result, '300.jpg')).metadata();
      expect([meta.space, meta.channels]).toEqual(['srgb', 3]);
      close(await pixelAt(file(result, '300.jpg'), 150, 100), [40, 120, 200], 25);
    });

    it('16-bit PNG becomes 8-bit', async () => {
      const png16 = await sharp(await solid(300, 200, 'png'))
        .toColourspace('rgb16')
        .png()
        .toBuffer();
      expect((await sharp(png16).metadata()).depth).toBe('ushort');
      const result = await createThumbnails(png16, sourceOf('png'), options);
      expect((await sharp(file(result, '300.webp')).metadata()).depth).toBe('uchar');
      close(await pixelAt(file(result, '300.webp'), 150, 100), [40, 120, 200], 4);
    });

    it('animated GIF: the first frame, at the frame size', async () => {
      const frame = (r: number, b: number) => solid(120, 90, 'png', { r, g: 0, b });
      const gif = await sharp([await frame(200, 0), await frame(0, 200)], { join: { animated: true } })
        .gif()
        .toBuffer();
      expect((await sharp(gif).metadata()).pages).toBe(2);
      const result = await createThumbnails(gif, sourceOf('gif'), options);
      expect(ready(result)).toMatchObject({ format: 'gif', width: 120, height: 90 });
      close(await pixelAt(file(result, '120.jpg'), 60, 45), [200, 0, 0], 12);
      expect(webpChunks(file(result, '120.webp'))).not.toContain('ANMF'); // a still image
    });

    it.each(['webp', 'avif'] as const)('%s', async (format) => {
      const result = await createThumbnails(await solid(500, 250, format), sourceOf(format), options);
      expect(ready(result)).toMatchObject({ format, width: 500, height: 250 });
      expect(result.files.map((f) => f.key.split('/').pop())).toEqual([
        '320.webp',
        '320.jpg',
        '500.webp',
        '500.jpg',
      ]);
      close(await pixelAt(file(result, '320.webp'), 160, 80), [40, 120, 200], 6);
      const average = thumbHashToAverageRGBA(Buffer.from(ready(result).thumbhash, 'base64'));
      close([average.r * 255, average.g * 255, average.b * 255], [40, 120, 200], 12);
    });

    it('a panorama taller than WebP allows is shrunk to fit', async () => {
      const result = await createThumbnails(await solid(40, 40_000, 'png'), sourceOf('png'), options);
      expect(ready(result)).toMatchObject({ width: 40, height: 40_000 });
      expect(result.files.map((f) => f.key.split('/').pop())).toEqual(['16.webp', '16.jpg']);
      expect(ready(result).outputs[0]).toMatchObject({ width: 16, height: 16_383 });
    });

    it('configured widths, one output per distinct width', async () => {
      const result = await createThumbnails(await solid(100, 50, 'png'), sourceOf('png'), {
        ...options,
        widths: [16, 64, 200, 300],
      });
      expect(result.files.map((f) => f.key.split('/').pop())).toEqual([
        '16.webp',
        '16.jpg',
        '64.webp',
        '64.jpg',
        '100.webp',
        '100.jpg',
      ]);
      expect(webpChunks(file(result, '16.webp'))).toEqual(['VP8 ']);
    });
  });

  describe('refusals', () => {
    it('a decompression bomb (20000×20000 PNG of ~1 MiB), from its header', async () => {
      const bomb = pngBomb();
      expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
      expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
        width: 20_000,
        height: 20_000,
      });
      expect(await refusal(bomb, sourceOf('png'))).toBe('ERR_TOO_MANY_PIXELS');
    });

    it('anything over the configured pixel limit', async () => {
      const limited = { ...options, maxPixels: 10_000 };
      expect(await refusal(await solid(101, 100, 'png'), sourceOf('png'), limited)).toBe(
        'ERR_TOO_MANY_PIXELS',
      );
      expect(await refusal(await solid(100, 100, 'png'), sourceOf('png'), limited)).toBe('ready');
    });

    it('a truncated JPEG, and a JPEG signature followed by garbage', async () => {
      const jpeg = await phoneJpeg(800, 600);
      expect(await refusal(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).toBe('ERR_CORRUPT_IMAGE');
      expect(await refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 7)]))).toBe(
        'ERR_CORRUPT_IMAGE',
      );
    });

    it('SVG, HTML named .jpg, zero bytes, HEIC', async () => {
      expect(
        await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')),
      ).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(await refusal(Buffer.from('<!doctype html><title>x</title>'))).toBe('ERR_NOT_AN_IMAGE');
      expect(await refusal(Buffer.alloc(0))).toBe('ERR_NOT_AN_IMAGE');
      expect(await refusal(heicHeader())).toBe('ERR_UNSUPPORTED_FORMAT');
    });
  });

  describe("the declared type is the type (the key's extension, as signed)", () => {
    const result = async (bytes: Buffer, from: SourceObject) => {
      const made = await createThumbnails(bytes, from, options);
      return made.manifest.status === 'ready' ? { code: 'ready', message: '' } : made.manifest.reason;
    };

    it('refuses a PNG uploaded as JPEG, and a JPEG uploaded as PNG, naming both', async () => {
      const png = await result(await solid(64, 64, 'png'), sourceOf('jpg'));
      expect(png.code).toBe('ERR_TYPE_MISMATCH');
      expect(png.message).toMatch(/PNG.*JPEG/);
      const jpeg = await result(await solid(64, 64, 'jpeg'), sourceOf('png'));
      expect(jpeg.code).toBe('ERR_TYPE_MISMATCH');
      expect(jpeg.message).toMatch(/JPEG.*PNG/);
    });

    it.each([
      ['webp', 'gif'],
      ['avif', 'webp'],
      ['gif', 'png'],
    ] as const)('refuses %s bytes on a .%s key', async (format, ext) => {
      expect((await result(await solid(32, 32, format), sourceOf(ext))).code).toBe('ERR_TYPE_MISMATCH');
    });

    it('refuses a key whose extension names no accepted type', async () => {
      const png = await solid(32, 32, 'png');
      for (const key of [
        'uploads/o/x/original.tif',
        'uploads/o/x/original',
        'uploads/o/x/original.constructor',
      ]) {
        expect((await result(png, { ...source, key })).code, key).toBe('ERR_TYPE_MISMATCH');
      }
    });

    it('accepts each format on its own extension (.jpg for JPEG)', async () => {
      for (const [format, ext] of [
        ['jpeg', 'jpg'],
        ['png', 'png'],
        ['webp', 'webp'],
        ['gif', 'gif'],
      ] as const) {
        expect((await result(await solid(32, 32, format), sourceOf(ext))).code, format).toBe('ready');
      }
    });

    it("refuses the issue's 8.6 KB float TIFF of 120 MP on a .png key from its first bytes", async () => {
      const tiff = floatTiff();
      expect(tiff.length).toBeLessThan(9 * 1024);
      // Really a 10954×10954 float image libvips would decode (so the refusal below can fail).
      expect(await sharp(tiff, { limitInputPixels: false }).metadata()).toMatchObject({
        format: 'tiff',
        width: 10_954,
        height: 10_954,
        depth: 'float',
      });
      const refused = await result(tiff, sourceOf('png'));
      expect(refused.code).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(refused.message).toContain('TIFF');
      // Decided from the magic bytes alone: the first 8 bytes give the same answer.
      expect(await result(tiff.subarray(0, 8), sourceOf('png'))).toEqual(refused);
    });
  });

  describe('decoded memory (maxDecodedBytes)', () => {
    it("refuses the issue's interlaced 16-bit RGBA PNG of 10950×10950 (0.93 MB) from its header", async () => {
      const png = pngBomb(10_950, 10_950, { depth: 16, channels: 4, interlaced: true });
      expect(png.length).toBeLessThan(1024 * 1024);
      expect(await sharp(png, { limitInputPixels: false }).metadata()).toMatchObject({
        width: 10_950,
        height: 10_950,
        depth: 'ushort',
        channels: 4,
        isProgressive: true,
      });
      expect(10_950 * 10_950).toBeLessThan(options.maxPixels); // under the pixel limit
      const refused = await rejection(png, sourceOf('png'));
      expect(refused.code).toBe('ERR_TOO_MANY_PIXELS');
      expect(refused.message).toContain('interlacing');
      // Its first 4 KiB (IHDR and the start of the image data) get the same answer: no pixel is decoded.
      expect(await rejection(png.subarray(0, 4096), sourceOf('png'))).toEqual(refused);
    });

    it('counts interlacing: the same PNG, not interlaced, streams and is made', async () => {
      const budget = { ...options, maxDecodedBytes: 600 * 400 * 9 - 1 }; // 8 bytes a pixel, +1 measured
      const shape = [600, 400, { depth: 16, channels: 4 }] as const;
      expect(await refusal(pngBomb(...shape), sourceOf('png'), budget)).toBe('ready');
      expect(
        await refusal(
          pngBomb(shape[0], shape[1], { ...shape[2], interlaced: true }),
          sourceOf('png'),
          budget,
        ),
      ).toBe('ERR_TOO_MANY_PIXELS');
      expect(
        await refusal(pngBomb(shape[0], shape[1], { ...shape[2], interlaced: true }), sourceOf('png'), {
          ...budget,
          maxDecodedBytes: 600 * 400 * 9,
        }),
      ).toBe('ready');
    });

    it.each([
      [
        'progressive JPEG 4:4:4 (2 bytes a coefficient)',
        'jpg',
        3 * 2,
        { progressive: true, chromaSubsampling: '4:4:4' },
      ],
      ['progressive JPEG 4:2:0', 'jpg', 2 * 2, { progressive: true }],
      ['GIF (RGBA frame and indices)', 'gif', 5, {}],
      ['AVIF 8-bit RGB', 'avif', 14 + 2 * 3, {}],
    ] as const)('%s', async (_name, ext, bytesPerPixel, encoder) => {
      const image = sharp({ create: { width: 160, height: 120, channels: 3, background: '#2a6' } });
      const format = ext === 'jpg' ? 'jpeg' : ext;
      const bytes = await image
        .toFormat(format, { ...encoder, ...(ext === 'avif' && { effort: 0 }) })
        .toBuffer();
      const held = 160 * 120 * bytesPerPixel;
      const at = (maxDecodedBytes: number) => refusal(bytes, sourceOf(ext), { ...options, maxDecodedBytes });
      expect(await at(held - 1)).toBe('ERR_TOO_MANY_PIXELS');
      expect(await at(held)).toBe('ready');
    });

    it('never counts what streams: baseline JPEG and WebP', async () => {
      const tight = { ...options, maxDecodedBytes: 1 };
      expect(await refusal(await solid(160, 120, 'jpeg'), sourceOf('jpg'), tight)).toBe('ready');
      expect(await refusal(await solid(160, 120, 'webp'), sourceOf('webp'), tight)).toBe('ready');
    });

    it('makes normal photos with the default: a 12 MP progressive JPEG, a 12 MP interlaced 16-bit RGBA PNG', async () => {
      const photo = await sharp(await phoneJpeg(4000, 3000))
        .jpeg({ progressive: true })
        .toBuffer();
      expect(await refusal(photo, sourceOf('jpg'))).toBe('ready');
      const png = pngBomb(4000, 3000, { depth: 16, channels: 4, interlaced: true });
      expect(await refusal(png, sourceOf('png'))).toBe('ready');
    });
  });
});
