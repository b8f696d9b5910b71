/**
 * The Worker's chunk: what the image Worker (image-task.ts) loads lazily, the first time a file is
 * prepared or hashed, so a page that never uploads never fetches it: hash-wasm's MD5 and the JPEG
 * metadata remover. Self-contained; the builds write it next to their scripts as
 * `worker-chunk.js` (vite-worker-chunk.ts), the sources load this file.
 */
import { createMD5 } from 'hash-wasm';
import { stripJpegMetadata, type StrippedJpeg } from './exif.js';

/**
 * `stripJpegMetadata`, but without `blob` when nothing was removed: the caller keeps its own file
 * (what comes back from the Worker is a copy, another object).
 */
export async function strip(blob: Blob): Promise<Omit<StrippedJpeg, 'blob'> & { blob?: Blob }> {
  const stripped = await stripJpegMetadata(blob);
  return stripped.blob === blob ? { ...stripped, blob: undefined } : stripped;
}

/** Bytes read at once: large enough for hash-wasm's speed, small enough to keep memory flat. */
const SLICE = 4 * 1024 * 1024;

/**
 * The MD5 of `blob` in base64 (RFC 1864 `Content-MD5`), read slice by slice; the next slice is
 * read while the current one is hashed.
 */
export async function md5(blob: Blob): Promise<string> {
  const hasher = await createMD5();
  const read = (at: number): Promise<ArrayBuffer> => blob.slice(at, at + SLICE).arrayBuffer();
  let next = read(0);
  for (let at = 0; at < blob.size; at += SLICE) {
    const bytes = new Uint8Array(await next);
    if (at + SLICE < blob.size) next = read(at + SLICE);
    hasher.update(bytes);
  }
  return btoa(String.fromCharCode(...hasher.digest('binary')));
}
