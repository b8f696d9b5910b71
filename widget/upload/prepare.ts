import type { ErrorCode } from '../../contract/error-codes.js';
import type { ImageEdit } from '../editor/image-edit.js';
import { WORKER_CHUNK } from './chunk-call.js';
import { dispatch } from './image-worker.js';
import type { PreparedFile, PrepareOptions } from './prepare-image.js';
import { UploadError } from './upload-error.js';

export type { ImageSize, PreparedFile, PrepareOptions } from './prepare-image.js';

/**
 * The editor's result for each file it edited (editor/editor-chunk.ts sets it through the element's
 * upload controller): applied when the file is prepared, and to its preview.
 */
export const edits = new WeakMap<File, ImageEdit>();

/**
 * Turns a picked file into the bytes to upload (see `prepareImage`, which does the work in the
 * image Worker with the Worker chunk, so the script-tag build carries none of it): checks pixel
 * limits, removes JPEG metadata without re-encoding, downscales oversize images, converts HEIC,
 * applies the editor's crop, turn and mirror (`edits`).
 * A file that needed no change comes back as itself.
 * @throws `UploadError` `ERR_DIMENSIONS`, `ERR_HEIC_UNSUPPORTED` or `ERR_DECODE_FAILED`; `ERR_UPLOAD_FAILED` when the chunk cannot be loaded
 */
export async function prepareFile(file: File, options: PrepareOptions): Promise<PreparedFile> {
  const { value, error } = await dispatch({
    blob: file,
    call: [WORKER_CHUNK, 'prepareImage'],
    args: { ...options, edit: edits.get(file) },
  });
  if (error) throw new UploadError('ERR_UPLOAD_FAILED', `${error} (${WORKER_CHUNK})`);
  const result = value as Partial<PreparedFile> & { code?: ErrorCode; message?: string };
  if (result.code) throw new UploadError(result.code, result.message);
  return { ...result, file: result.file ?? file };
}
