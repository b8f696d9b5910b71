import { describe, expect, it } from 'vitest';
import { makeImageId, originalKey, thumbnailKey } from './object-keys.js';
import { publicCopies } from './public-copies.js';
import type { ThumbnailOutput } from './thumbnail-manifest.js';

const id = makeImageId('0123456789abcdef', 'jpg');
const output = (width: number, format: 'webp' | 'jpeg'): ThumbnailOutput => ({
  key: thumbnailKey('o1', id, width, format),
  width,
  height: width,
  format,
  contentType: format === 'webp' ? 'image/webp' : 'image/jpeg',
  size: 1,
});
const outputs = (...widths: number[]) => widths.flatMap((w) => [output(w, 'webp'), output(w, 'jpeg')]);
const manifest = { sourceKey: originalKey('o1', id), format: 'png' as const };

describe('publicCopies', () => {
  it('has one copy per asked-for width and format, from the thumbnail of that width', () => {
    const copies = publicCopies(id, { ...manifest, outputs: outputs(320, 720), widths: [320, 720] });
    expect(copies.map((c) => [c.source, c.key, c.contentType])).toEqual([
      [thumbnailKey('o1', id, 320, 'webp'), `public/${id}/320.webp`, 'image/webp'],
      [thumbnailKey('o1', id, 320, 'jpeg'), `public/${id}/320.jpg`, 'image/jpeg'],
      [thumbnailKey('o1', id, 720, 'webp'), `public/${id}/720.webp`, 'image/webp'],
      [thumbnailKey('o1', id, 720, 'jpeg'), `public/${id}/720.jpg`, 'image/jpeg'],
    ]);
  });

  it('fills every asked-for width of a small image with its largest thumbnail', () => {
    const copies = publicCopies(id, { ...manifest, outputs: outputs(320, 500), widths: [320, 720, 1440] });
    expect(copies.filter((c) => c.output?.format === 'webp').map((c) => [c.key, c.output?.width])).toEqual([
      [`public/${id}/320.webp`, 320],
      [`public/${id}/720.webp`, 500],
      [`public/${id}/1440.webp`, 500],
    ]);
  });

  it("uses the outputs' widths for manifests without widths, and adds the original on request", () => {
    const copies = publicCopies(id, { ...manifest, outputs: outputs(300) }, true);
    expect(copies.map((c) => c.key)).toEqual([
      `public/${id}/300.webp`,
      `public/${id}/300.jpg`,
      `public/${id}/original.jpg`,
    ]);
    expect(copies.at(-1)).toEqual({
      source: manifest.sourceKey,
      key: `public/${id}/original.jpg`,
      contentType: 'image/png', // the sniffed format, not the claimed one
    });
  });
});
