/**
 * The Worker's chunk: what the image Worker (image-worker.ts) loads lazily, the first time a file
 * is previewed, prepared or hashed, so a page that never takes a file never fetches it (nor the
 * script-tag build carries it): decoding and resizing (image-task.ts), preparing a file for upload
 * (prepare-image.ts), hash-wasm's MD5 and the JPEG metadata remover. Self-contained; the builds write it next to their scripts as
 * `worker-chunk.js` (vite-worker-chunk.ts), the sources load this file.
 */
import { md5 as md5InJs } from '@noble/hashes/legacy.js';
import { createMD5 } from 'hash-wasm';
import { stripJpegMetadata, type StrippedJpeg } from './exif.js';

export { runImageTask } from './image-task.js';
export { prepareImage } from './prepare-image.js';

/** The image types the signer allows, by their first bytes (the thumbnailer sniffs the same). */
const SIGNATURES: [type: string, head: RegExp][] = [
  ['image/jpeg', /^\xff\xd8\xff/],
  ['image/png', /^\x89PNG\r\n/],
  ['image/gif', /^GIF8[79]a/],
  ['image/webp', /^RIFF[^]{4}WEBP/],
  ['image/avif', /^[^]{4}ftypavi[fs]/],
];

/** What `inspect` found: the type the bytes are, and for a JPEG what `stripJpegMetadata` did. */
export type Inspection = Partial<Omit<StrippedJpeg, 'blob'>> & {
  /** JPEG, PNG, GIF, WebP or AVIF by the first 12 bytes; unset for anything else (HEIC, say). */
  type?: string | undefined;
  /** The JPEG without its metadata; unset when nothing was removed (the caller keeps its own file: what comes back from the Worker is a copy). */
  blob?: Blob;
};

/**
 * Reads the type `blob`'s bytes are (the thumbnailer refuses bytes that are not the type declared
 * for them, so a PNG saved as `photo.jpg` must go up as a PNG), and strips a JPEG's metadata.
 */
export async function inspect(blob: Blob): Promise<Inspection> {
  const head = String.fromCharCode(...new Uint8Array(await blob.slice(0, 12).arrayBuffer()));
  const type = SIGNATURES.find(([, signature]) => signature.test(head))?.[0];
  if (type !== 'image/jpeg') return { type };
  const stripped = await stripJpegMetadata(blob);
  return { ...stripped, type, blob: stripped.blob === blob ? undefined : stripped.blob };
}

let hasher: ReturnType<typeof createMD5> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * The MD5 of `blob` in base64 (RFC 1864 `Content-MD5`), read as a stream, so memory stays flat and
 * the next bytes arrive while the current ones are hashed. Jobs run one after the other, in the
 * order asked (so the part wanted next is ready first), on one hasher: each `createMD5()` is a new
 * WebAssembly instance with its own memory, and Chromium refuses new ones once many wait for
 * collection.
 */
export function md5(blob: Blob): Promise<string> {
  const run = (): Promise<string> => hash(blob);
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/**
 * An MD5 for one job: hash-wasm's, or where the page's Content-Security-Policy refuses WebAssembly
 * (a `script-src` without `'wasm-unsafe-eval'`: `WebAssembly.compile()` throws a `CompileError`),
 * @noble/hashes' in plain JavaScript, slower but the same digest. The refusal is kept in `hasher`,
 * so it is met once.
 */
async function startMd5(): Promise<{ update(bytes: Uint8Array): unknown; digest(): Uint8Array }> {
  try {
    const wasm = await (hasher ??= createMD5());
    wasm.init();
    return { update: (bytes) => wasm.update(bytes), digest: () => wasm.digest('binary') };
  } catch {
    return md5InJs.create();
  }
}

async function hash(blob: Blob): Promise<string> {
  const md5 = await startMd5();
  // One read of the whole blob as a stream, not `slice().arrayBuffer()` piece by piece: each piece
  // is a read of its own in the browser process (Chromium 156 on a busy 2-core machine: the 200 MB
  // of benchmark 5 hashed in 0.66–0.86 s as a stream, 0.80–1.27 s in 4 MiB slices, and the browser
  // process's threads spent about half the CPU on the stream).
  const reader = blob.stream().getReader();
  for (let chunk; !(chunk = await reader.read()).done;) md5.update(chunk.value);
  return btoa(String.fromCharCode(...md5.digest()));
}
