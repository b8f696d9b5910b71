/**
 * The benchmark's test file on disk: a real small JPEG followed by pseudo-random filler, so the
 * widget reads a valid JPEG header (and passes the file through) while the bytes do not compress.
 */
import { open } from 'node:fs/promises';

/** 1 MiB of xorshift32 noise: the same bytes on every run. */
function noise(): Buffer {
  const words = new Uint32Array(1 << 18);
  let x = 2463534242;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return Buffer.from(words.buffer);
}

/** Writes `jpeg` followed by filler to `path`, `size` bytes in all. */
export async function writeTestFile(path: string, jpeg: Buffer, size: number): Promise<void> {
  const filler = noise();
  const file = await open(path, 'w');
  try {
    await file.write(jpeg);
    for (let left = size - jpeg.length; left > 0; left -= filler.length)
      await file.write(filler, 0, Math.min(left, filler.length));
  } finally {
    await file.close();
  }
}
