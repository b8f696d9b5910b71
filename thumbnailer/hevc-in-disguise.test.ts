import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { RejectedManifest } from '../contract/thumbnail-manifest.js';
import { HEIC_REJECTION } from './sniff.js';
import { createThumbnails } from './thumbnail.js';

/**
 * A real HEVC-coded HEIF with `avif` among its compatible brands (in place of `mif1`): the sniff
 * takes it for AVIF, and only the decoder's header says HEVC.
 */
async function hevcListedAsAvif(): Promise<Buffer> {
  const heic = await readFile(new URL('./test-support/fixtures/primary-second.heic', import.meta.url));
  heic.write('avif', 16, 'latin1');
  return heic;
}

describe('createThumbnails and an HEVC image that lists itself as AVIF', () => {
  it('refuses it as HEIC/HEVC once the decoder names its compression', async () => {
    const source = { key: 'uploads/o/abc123/original.avif', etag: 'e', owner: 'o', id: 'abc123' };
    const { manifest, files } = await createThumbnails(await hevcListedAsAvif(), source, {
      widths: [64],
      maxPixels: 1e8,
    });
    expect(files).toEqual([]);
    expect((manifest as RejectedManifest).reason).toEqual(HEIC_REJECTION);
  });
});
