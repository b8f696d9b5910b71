import { describe, expect, it } from 'vitest';
import { createThumbnails, outputWidths } from './thumbnail.js';
import { solid } from './test-support/images.js';

// A manifest is rewritten byte for byte when an original is processed again (idempotency), and its
// `widths` are documented ascending (contract/thumbnail-manifest.ts): its order is part of it.

describe('the order of what createThumbnails returns', () => {
  it('widths ascending and distinct, whatever order THUMBNAIL_WIDTHS lists them in', async () => {
    const { manifest, files } = await createThumbnails(
      await solid(100, 80, 'png'),
      { key: 'uploads/owner1/abc123/original.png', etag: 'etag-1', owner: 'owner1', id: 'abc123' },
      { widths: [720, 16, 320, 16], maxPixels: 120_000_000 },
    );
    if (manifest.status !== 'ready') throw new Error(JSON.stringify(manifest.reason));
    expect(manifest.widths).toEqual([16, 320, 720]);
    // By width, then WebP before JPEG; the files in the same order.
    expect(manifest.outputs.map(({ width, format }) => `${width} ${format}`)).toEqual([
      '16 webp',
      '16 jpeg',
      '100 webp',
      '100 jpeg',
    ]);
    expect(files.map(({ key }) => key)).toEqual(manifest.outputs.map(({ key }) => key));
  });

  it('outputWidths: capped to the image, distinct, ascending', () => {
    expect(outputWidths([1440, 320, 720, 320, 2000], 1000)).toEqual([320, 720, 1000]);
  });
});
