import { describe, expect, it } from 'vitest';
import type { RejectedManifest } from '../contract/thumbnail-manifest.js';
import { createThumbnails } from './thumbnail.js';
import { solid } from './test-support/images.js';

// A file whose bytes are not the type it was uploaded as: the owner reads both names.
const source = {
  key: 'uploads/owner1/abc123/original.jpg',
  etag: 'etag-1',
  owner: 'owner1',
  id: 'abc123',
};

async function refusal(bytes: Buffer) {
  const { manifest } = await createThumbnails(bytes, source, { widths: [320], maxPixels: 1e8, heic: true });
  return (manifest as RejectedManifest).reason;
}

describe('createThumbnails: a type mismatch names the real format', () => {
  it.each([
    ['webp', 'WebP'],
    ['avif', 'AVIF'],
    ['gif', 'GIF'],
  ] as const)('a %s uploaded as JPEG', async (format, name) => {
    expect(await refusal(await solid(8, 8, format))).toEqual({
      code: 'ERR_TYPE_MISMATCH',
      message: `The file is a ${name} image but was uploaded as JPEG; upload it as ${name}.`,
    });
  });

  it('a HEIC uploaded as JPEG', async () => {
    expect(await refusal(Buffer.from('\0\0\0\x0cftypheic', 'latin1'))).toEqual({
      code: 'ERR_TYPE_MISMATCH',
      message: 'The file is a HEIC image but was uploaded as JPEG; upload it as HEIC.',
    });
  });
});
