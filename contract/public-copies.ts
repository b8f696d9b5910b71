/**
 * Which public copies a public image has, and which of the owner's thumbnails each one copies: the
 * thumbnailer writes them, the signer copies or deletes them on `PATCH`/`DELETE /v1/images/:id`
 * and builds the public URLs from the same list.
 *
 * There is one copy per asked-for width (the manifest's `widths`, i.e. `THUMBNAIL_WIDTHS`) and
 * format, so `{IMAGE_BASE_URL}/public/{id}/{width}.{webp|jpg}` exists for every configured width,
 * whatever the image's size: a width above the image's own holds the largest thumbnail there is
 * (the thumbnailer caps widths to the image, contract/thumbnail-manifest.ts).
 */
import { publicOriginalKey, publicThumbnailKey } from './object-keys.js';
import type { ReadyManifest, ThumbnailOutput } from './thumbnail-manifest.js';

/** One public copy: the owner's object it copies and where the copy lives. */
export interface PublicCopy {
  /** The owner's object, `thumbnails/{owner}/{id}/…` or the original. */
  source: string;
  /** `public/{id}/…` */
  key: string;
  contentType: string;
  /** The thumbnail it copies; absent for the original. */
  output?: ThumbnailOutput;
  /** The asked-for width it stands for; absent for the original. */
  width?: number;
}

/** What to read from the manifest (a ready one; the signer and thumbnailer both have one). */
export type PublicCopySource = Pick<ReadyManifest, 'outputs' | 'widths' | 'sourceKey' | 'format'>;

/**
 * The public copies of an image, thumbnails by width then format, then (with `publicOriginal`)
 * the original, served with the type the thumbnailer sniffed from its bytes.
 * @param id the image id
 * @param publicOriginal whether `PUBLIC_ORIGINALS` is on
 */
export function publicCopies(id: string, manifest: PublicCopySource, publicOriginal = false): PublicCopy[] {
  const copies: PublicCopy[] = [];
  const outputWidths = [...new Set(manifest.outputs.map((output) => output.width))].sort((a, b) => a - b);
  const largest = outputWidths.at(-1) ?? 0;
  for (const width of manifest.widths ?? outputWidths) {
    const shown = Math.min(width, largest);
    for (const output of manifest.outputs) {
      if (output.width !== shown) continue;
      copies.push({
        source: output.key,
        key: publicThumbnailKey(id, width, output.format),
        contentType: output.contentType,
        output,
        width,
      });
    }
  }
  if (publicOriginal) {
    copies.push({
      source: manifest.sourceKey,
      key: publicOriginalKey(id),
      contentType: `image/${manifest.format}`,
    });
  }
  return copies;
}
