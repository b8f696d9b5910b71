import { chunkCall } from './chunk-call.js';

/**
 * The MD5 of `blob`, base64 (RFC 1864 `Content-MD5`), computed in the image Worker with hash-wasm
 * (worker-chunk.ts), one job after the other in the order asked.
 * @throws `UploadError` `ERR_UPLOAD_FAILED` when the chunk cannot be loaded or the bytes read
 */
export const md5 = (blob: Blob): Promise<string> => chunkCall('md5', blob);

/** A part's ETag (its MD5 in hex, quoted) as base64, to compare with `md5()`. */
export const etagMd5 = (etag: string): string =>
  btoa(etag.replace(/"/g, '').replace(/../g, (hex) => String.fromCharCode(parseInt(hex, 16))));
