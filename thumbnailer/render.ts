/**
 * The sharp side of the pipeline: read an original's header, decode it once into a small upright
 * sRGB intermediate, and encode every thumbnail and the ThumbHash from that intermediate.
 */
import sharp from 'sharp';
import type { Metadata } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import type { ThumbnailFormat } from '../contract/thumbnail-manifest.js';
import type { AcceptedFormat } from './sniff.js';

// sharp's advice for Lambda: no operation cache (every image is new), default concurrency.
sharp.cache(false);

/** Encoder settings: WebP q75 and JPEG q80 look right at thumbnail sizes. */
export const ENCODERS = Object.freeze({
  webp: Object.freeze({ quality: 75 }),
  jpeg: Object.freeze({ quality: 80 }),
});

/** 'error' aborts on truncated or corrupt pixel data but tolerates the harmless warnings many cameras cause. */
const FAIL_ON = 'error';

/**
 * Reads the header only: no pixel is decoded, so sharp's own pixel limit is lifted here and the
 * caller compares the dimensions with its limit (and gets a precise refusal instead of an error).
 * Throws whatever sharp throws on an unreadable header.
 */
export function readHeader(bytes: Buffer): Promise<Metadata> {
  return sharp(bytes, { failOn: FAIL_ON, limitInputPixels: false }).metadata();
}

// Bytes per sample of each libvips band format (sharp's `depth`).
const SAMPLE_BYTES: Readonly<Record<string, number>> = {
  uchar: 1,
  char: 1,
  ushort: 2,
  short: 2,
  uint: 4,
  int: 4,
  float: 4,
  complex: 8,
  double: 8,
  dpcomplex: 16,
};

/**
 * What decoding the first page of an original holds in memory at once, in bytes, from its header:
 * width × height × bytes per pixel for the decoders that must hold the whole image, nothing for
 * those that stream it a few rows at a time into {@link decodeOnce}'s shrink.
 *
 * - PNG, interlaced: Adam7's last pass touches every row, so libpng holds the whole image at its
 *   own depth (a 16-bit RGBA pixel is 8 bytes); not interlaced, it streams.
 * - JPEG, progressive: libjpeg keeps every DCT coefficient (2 bytes a sample; chroma counted as
 *   4:2:2 when subsampled, as sharp reports 4:2:0 for both); baseline streams and shrinks on load.
 * - GIF: the frame as RGBA plus its palette indices. WebP: decoded incrementally at the shrunk size.
 * - AVIF: libheif and libaom hold the coded planes, a 16-bit working copy and the RGB(A) output.
 *
 * Each figure adds what was measured on top with sharp 0.35 (libvips 8.18), one byte a pixel for
 * PNG and 14 for AVIF, so the estimate is the peak RSS above the process's baseline, within ~10 %.
 */
export function decoderMemory(format: AcceptedFormat, header: Metadata): number {
  const pixels = header.width * (header.pageHeight ?? header.height);
  const channels = header.channels;
  const sample = SAMPLE_BYTES[header.depth] ?? 8;
  switch (format) {
    case 'png':
      return header.isProgressive ? pixels * (channels * sample + 1) : 0;
    case 'jpeg': {
      const subsampled = header.chromaSubsampling?.startsWith('4:2:0') && channels >= 3;
      return header.isProgressive ? pixels * (subsampled ? channels - 1 : channels) * 2 : 0;
    }
    case 'gif':
      return pixels * 5;
    case 'avif':
      return pixels * (14 + 2 * channels * sample);
    case 'webp':
      return 0;
  }
}

/** WebP's largest dimension (RFC 9649 §2.7: 14-bit sizes); a panorama taller than this is shrunk to fit. */
export const MAX_HEIGHT = 16_383;

/** The decoded, upright, sRGB pixels every output is made from. */
export interface Intermediate {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * Decodes once: auto-orients, shrinks to `maxWidth` (and {@link MAX_HEIGHT}; never enlarging;
 * JPEG shrinks while decoding), converts to sRGB and returns raw pixels.
 *
 * For RGB with an embedded profile (a Display-P3 phone photo, a 16-bit export), the profile is
 * kept through the shrink and applied to the small image (`ignoreIcc` skips sharp's early
 * transform, `withIccProfile('srgb')` transforms at the end from the still-embedded profile): the
 * same colours at a fraction of the cost of transforming 12 MP. For 16-bit RGB it is also the
 * only path that applies the profile: sharp's default one leaves a 16-bit P3 PNG's numbers as
 * they are (sharp 0.35). Other inputs (CMYK, grey) take sharp's default path, which converts them
 * correctly before resizing.
 */
export async function decodeOnce(
  bytes: Buffer,
  header: Metadata,
  maxWidth: number,
  maxPixels: number,
): Promise<Intermediate> {
  const lateProfile = header.hasProfile && (header.space === 'srgb' || header.space === 'rgb16');
  let image = sharp(bytes, {
    autoOrient: true,
    failOn: FAIL_ON,
    limitInputPixels: maxPixels,
    sequentialRead: true,
    ignoreIcc: lateProfile,
  }).resize({ width: maxWidth, height: MAX_HEIGHT, fit: 'inside', withoutEnlargement: true });
  if (lateProfile) image = image.withIccProfile('srgb');
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

const rawInput = (source: Intermediate) => ({
  raw: { width: source.width, height: source.height, channels: source.channels },
});

/** One encoded thumbnail. */
export interface Encoded {
  format: ThumbnailFormat;
  width: number;
  height: number;
  data: Buffer;
}

/**
 * Encodes one width of the intermediate. JPEG has no alpha, so transparency becomes white.
 * @param webpEffort libwebp's method, 0 (fastest) to 6; see `WEBP_EFFORT` in config.ts.
 */
export async function encode(
  source: Intermediate,
  width: number,
  format: ThumbnailFormat,
  webpEffort: number,
): Promise<Encoded> {
  let image = sharp(source.data, rawInput(source));
  if (width !== source.width) image = image.resize({ width });
  image =
    format === 'jpeg'
      ? image.flatten({ background: '#ffffff' }).jpeg(ENCODERS.jpeg)
      : image.webp({ ...ENCODERS.webp, effort: webpEffort });
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  return { format, width: info.width, height: info.height, data };
}

/** ThumbHash of the intermediate, base64 (the encoder takes at most 100×100 RGBA). */
export async function thumbHash(source: Intermediate): Promise<string> {
  const { data, info } = await sharp(source.data, rawInput(source))
    .resize({ width: 100, height: 100, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}
