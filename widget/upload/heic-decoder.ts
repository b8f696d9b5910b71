/**
 * The HEIC decoder chunk: libheif (libheif-js, LGPL-3.0, with libde265 for HEVC) compiled to
 * WebAssembly, which `prepareImage` (prepare-image.ts) imports in the image Worker only when a
 * HEIC/HEIF file arrives that the browser itself cannot decode (every browser but Safari). The
 * builds write it beside the Worker chunk as `heic-chunk.js` (vite-worker-chunk.ts), the
 * WebAssembly inlined, so a CDN serves it like any script (no `application/wasm` type to set up).
 */
// The types of libheif-js's API, which the package does not ship; a reference, not an import: an
// ambient module declaration has nothing to import, and the declaration build must see it too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./heic-libheif.d.ts" />
import libheif from 'libheif-js/libheif-wasm/libheif-bundle.mjs';

/** What `heicToJpeg` made: an upright JPEG without metadata, and the image's upright size. */
export interface HeicJpeg {
  blob: Blob;
  /** The JPEG's size: the image's, or smaller when `max` downscaled it. */
  width: number;
  height: number;
  /** The image's upright size (HEIF `irot`/`imir` applied). */
  original: [width: number, height: number];
}

/** Options of `heicToJpeg`. */
export interface HeicOptions {
  /** Downscale so neither side exceeds this many pixels; 0 never. */
  max: number;
  /** JPEG quality, 0–1. */
  quality: number;
  /** Called with the upright size before any pixel is decoded: a refusal stops there. */
  check?: (width: number, height: number) => unknown;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Decodes the primary image of a HEIC/HEIF file and encodes it as a JPEG, one file at a time (a
 * 12 MP photo holds ~50 MB of decoded pixels, plus libheif's own planes). libheif applies the
 * HEIF transforms (`irot`, `imir`, `clap`: ISO/IEC 23008-12 §6.5.10–12) and ignores the EXIF
 * orientation, as MIAF (ISO/IEC 23000-22 §7.3.6.7) requires; the canvas re-encode carries no EXIF,
 * XMP or GPS. Each file gets its own WebAssembly instance, dropped after, so the decoder's memory
 * (which a WebAssembly memory never gives back) is freed with it.
 * @throws when the bytes do not decode, or WebAssembly is refused (a Content-Security-Policy whose
 *   `script-src` lacks `'wasm-unsafe-eval'`)
 * @returns `undefined` when `check` refused the size
 */
export function heicToJpeg(blob: Blob, options: HeicOptions): Promise<HeicJpeg | undefined> {
  const run = (): Promise<HeicJpeg | undefined> => convert(blob, options);
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

async function convert(blob: Blob, { max, quality, check }: HeicOptions): Promise<HeicJpeg | undefined> {
  const [library, bytes] = await Promise.all([libheif(), blob.arrayBuffer()]);
  const decoder = new library.HeifDecoder();
  const images = decoder.decode(new Uint8Array(bytes));
  try {
    const image = images.find((candidate) => candidate.is_primary()) ?? images[0];
    if (!image) throw new Error('no image in the HEIF file');
    const width = image.get_width();
    const height = image.get_height();
    if (check?.(width, height)) return undefined;
    const pixels = new ImageData(width, height);
    await new Promise<void>((resolve, reject) =>
      image.display(pixels, (done) => (done ? resolve() : reject(new Error('HEIF decoding failed')))),
    );
    const scale = max ? Math.min(1, max / Math.max(width, height)) : 1;
    const canvas = new OffscreenCanvas(Math.round(width * scale), Math.round(height * scale));
    const context = canvas.getContext('2d')!;
    if (scale === 1) context.putImageData(pixels, 0, 0);
    else {
      const bitmap = await createImageBitmap(pixels);
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
    }
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    return { blob: jpeg, width: canvas.width, height: canvas.height, original: [width, height] };
  } finally {
    for (const image of images) image.free();
    if (decoder.decoder) library.heif_context_free(decoder.decoder);
  }
}
