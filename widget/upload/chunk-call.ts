import { dispatch } from './image-worker.js';
import type { WorkerChunk } from './image-task.js';
import { UploadError } from './upload-error.js';

/**
 * The Worker chunk's URL (worker-chunk.ts). The builds write it beside their scripts as
 * `worker-chunk.js` and rewrite this line to point there (widget/vite-worker-chunk.ts); the
 * sources load the TypeScript file itself.
 */
export const WORKER_CHUNK = new URL('./worker-chunk.ts', import.meta.url).href;

/**
 * Runs the Worker chunk's `name` on `blob` in the image Worker (on the main thread where no Worker
 * can start), loading the chunk the first time.
 * @throws `UploadError` `ERR_UPLOAD_FAILED` when the chunk cannot be loaded or the bytes read
 */
export async function chunkCall<K extends keyof WorkerChunk>(
  name: K,
  blob: Blob,
): Promise<Awaited<ReturnType<WorkerChunk[K]>>> {
  const { value, error } = await dispatch({ blob, call: [WORKER_CHUNK, name] });
  if (error) throw new UploadError('ERR_UPLOAD_FAILED', `${error} (${WORKER_CHUNK}, ${name})`);
  return value as never;
}
