import type { PreparedImage, PrepareOptions } from './prepare-image.js';

/**
 * Converts a HEIC/HEIF file the browser could not decode into an upright JPEG without metadata,
 * with the decoder chunk (heic-decoder.ts), fetched the first time from beside the Worker chunk
 * (`heic-chunk.js` in the builds). Part of the Worker chunk: `prepareImage` calls it.
 * @param options - the element's `PrepareOptions`; `max` is `maxDimension`
 * @param outside - the pixel limits: answers the refusal for an upright size outside them
 * @returns the JPEG (named `….jpg`) and the sizes, or a refusal: `ERR_DIMENSIONS` (before any
 *   pixel is decoded), `ERR_HEIC_UNSUPPORTED` when the chunk cannot load, WebAssembly is refused
 *   (a Content-Security-Policy without `'wasm-unsafe-eval'`) or the bytes do not decode
 */
export async function convertHeic(
  file: File,
  { max, heicQuality = 0.9 }: Pick<PrepareOptions, 'heicQuality'> & { max: number },
  outside: (size: [number, number]) => PreparedImage | undefined,
): Promise<PreparedImage> {
  let refused: PreparedImage | undefined;
  try {
    const { heicToJpeg } = await import('./heic-decoder.js');
    const made = await heicToJpeg(file, {
      max,
      quality: heicQuality,
      check: (width, height) => (refused = outside([width, height])),
    });
    if (!made) return refused!;
    const [width, height] = made.original;
    return {
      file: new File([made.blob], file.name.replace(/(\.\w+)?$/, '.jpg'), {
        type: 'image/jpeg',
        lastModified: file.lastModified,
      }),
      original: { width, height },
      uploaded: { width: made.width, height: made.height },
    };
  } catch (error) {
    return { code: 'ERR_HEIC_UNSUPPORTED', message: String(error) };
  }
}
