/**
 * HEIC/HEVC originals, which sharp's prebuilt libvips cannot decode (its libheif has AV1 only):
 * decoded with libheif-js (libheif and libde265 compiled to WebAssembly, LGPL-3.0) when the
 * thumbnailer is configured to accept them (`ACCEPT_HEIC`), into the same upright intermediate
 * `decodeOnce` (render.ts) makes for the other formats.
 */
// The CommonJS build, WebAssembly inlined: bundlers (the Lambda's esbuild) carry it as it is.
import libheif from 'libheif-js/libheif-wasm/libheif-bundle.js';
import sharp from 'sharp';
import { MAX_HEIGHT, type Intermediate } from './render.js';
import type { Rejection } from './sniff.js';

/**
 * Bytes a HEIC decode holds at once per pixel: libde265's decoded 4:2:0 planes, libheif's
 * interleaved RGBA in the WebAssembly memory (which grows in steps and never shrinks), its copy in
 * JavaScript, and sharp's shrink of it. Measured on a 12 MP (4032×3024) HEIC with sharp 0.35 and
 * libheif-js 1.23 on Node 20: 185–199 MB peak RSS above the process's baseline, 15–16 bytes a pixel.
 */
export const HEIC_BYTES_PER_PIXEL = 16;

/** What {@link decodeHeic} made: the intermediate, and the upright size of the original. */
export interface DecodedHeic {
  intermediate: Intermediate;
  width: number;
  height: number;
}

/** Limits of {@link decodeHeic}, checked from the header before any pixel is decoded. */
export interface HeicLimits {
  maxWidth: number;
  maxPixels: number;
  maxDecodedBytes: number;
}

/**
 * Decodes a HEIC's primary image with its HEIF transforms (`irot`, `imir`, `clap`; the EXIF
 * orientation is ignored, as MIAF requires), shrinks it to `maxWidth` (and `MAX_HEIGHT`, never
 * enlarging) and returns raw sRGB pixels. Each call has a WebAssembly instance of its own, left to
 * the garbage collector after, so a Lambda's memory does not stay at its largest HEIC.
 * @returns the intermediate, or a refusal: `ERR_TOO_MANY_PIXELS` (over `maxPixels`, or a decode
 *   over `maxDecodedBytes`, from the header) or `ERR_CORRUPT_IMAGE`
 */
export async function decodeHeic(
  bytes: Buffer,
  { maxWidth, maxPixels, maxDecodedBytes }: HeicLimits,
): Promise<DecodedHeic | { rejection: Rejection }> {
  const library = await libheif();
  const decoder = new library.HeifDecoder();
  const images = decoder.decode(bytes);
  try {
    const image = images.find((candidate) => candidate.is_primary()) ?? images[0];
    if (!image) return { rejection: { code: 'ERR_CORRUPT_IMAGE', message: 'The HEIC file has no image.' } };
    const width = image.get_width();
    const height = image.get_height();
    const pixels = width * height;
    const held = pixels * HEIC_BYTES_PER_PIXEL;
    if (pixels > maxPixels || held > maxDecodedBytes) {
      const mb = (value: number) => `${Math.ceil(value / 1e6)} MB`;
      const message =
        pixels > maxPixels
          ? `The image is ${width}×${height} pixels; the limit is ${maxPixels} pixels.`
          : `Decoding this ${width}×${height} image would take ${mb(held)} of memory; the limit is ${mb(maxDecodedBytes)}. Save it with fewer pixels.`;
      return { rejection: { code: 'ERR_TOO_MANY_PIXELS', message } };
    }
    const target = { data: new Uint8Array(pixels * 4), width, height };
    const decoded = await new Promise((resolve) => image.display(target, resolve));
    if (!decoded) {
      return { rejection: { code: 'ERR_CORRUPT_IMAGE', message: 'The image data is truncated or corrupt.' } };
    }
    let shrink = sharp(target.data, { raw: { width, height, channels: 4 } });
    if (!image.has_alpha_channel()) shrink = shrink.removeAlpha();
    const { data, info } = await shrink
      .resize({ width: maxWidth, height: MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      intermediate: { data, width: info.width, height: info.height, channels: info.channels },
      width,
      height,
    };
  } finally {
    for (const image of images) image.free();
    if (decoder.decoder) library.heif_context_free(decoder.decoder);
  }
}
