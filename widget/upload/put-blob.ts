import { parseRetryAfter } from './retry.js';
import { UploadError, abortError } from './upload-error.js';

/** Headers the browser sets itself; `setRequestHeader` refuses them (Fetch §4.6 forbidden names). */
const BROWSER_SET = /^(content-length|host)$/i;

/**
 * PUTs `body` to a presigned URL with XMLHttpRequest, the only browser API that reports upload
 * progress, sending exactly the signed `headers` (minus those the browser sets from the body).
 * @param onProgress called with the bytes sent so far
 * @returns the response's `ETag`, or `null` when CORS hides it
 * @throws `UploadError` with the HTTP status, `ERR_NETWORK` (status 0) or `ERR_ABORTED`
 */
export function putBlob(
  url: string,
  headers: Record<string, string>,
  body: Blob,
  signal: AbortSignal,
  onProgress: (loaded: number) => void,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    const abort = (): void => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers))
      if (!BROWSER_SET.test(name)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onloadend = () => signal.removeEventListener('abort', abort);
    xhr.onload = () => {
      const status = xhr.status;
      if (status >= 200 && status < 300) return resolve(xhr.getResponseHeader('etag'));
      const retryAfter = parseRetryAfter(xhr.getResponseHeader('retry-after'));
      const s3Code = /<Code>([^<]+)<\/Code>/.exec(xhr.responseText)?.[1];
      reject(
        new UploadError(
          'ERR_UPLOAD_FAILED',
          `Storage answered ${status} (${s3Code ?? 'no error code'})`,
          status,
          retryAfter,
          undefined,
          s3Code,
        ),
      );
    };
    xhr.onerror = () => reject(new UploadError('ERR_NETWORK'));
    xhr.onabort = () => reject(abortError());
    xhr.send(body);
  });
}
