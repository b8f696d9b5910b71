import type { ErrorCode } from '../../contract/error-codes.js';
import { WORKER_CHUNK } from './chunk-call.js';
import { dispatch } from './image-worker.js';
import type { PreparedFile, PrepareOptions } from './prepare-image.js';
import { UploadError } from './upload-error.js';

export type { ImageSize, PreparedFile, PrepareOptions } from './prepare-image.js';

/**
 * Turns a picked file into the bytes to upload (see `prepareImage`, which does the work in the
 * image Worker with the Worker chunk, so the script-tag build carries none of it): checks pixel
 * limits, removes JPEG metadata without re-encoding, downscales oversize images, converts HEIC.
 * A file that needed no change comes back as itself.
 * @throws `UploadError` `ERR_DIMENSIONS`, `ERR_HEIC_UNSUPPORTED` or `ERR_DECODE_FAILED`; `ERR_UPLOAD_FAILED` when the chunk cannot be loaded
 */
export async function prepareFile(file: File, options: PrepareOptions): Promise<PreparedFile> {
  const { value, error } = await dispatch({
    blob: file,
    call: [WORKER_CHUNK, 'prepareImage'],
    args: { ...options },
  });
  if (error) throw new UploadError('ERR_UPLOAD_FAILED', `${error} (${WORKER_CHUNK})`);
  const result = value as Partial<PreparedFile> & { code?: ErrorCode; message?: string };
  if (result.code) throw new UploadError(result.code, result.message);
  return { ...result, file: result.file ?? file };
}
