import type { ErrorBody, ErrorCode, QuotaFigures } from '../../contract/error-codes.js';
import { en } from '../i18n/en.js';
import type { NetworkReason } from './network-reason.js';

/**
 * A failure of one upload step or signer request (the demo's gallery gets it too, through
 * `signer-request.ts`), carrying a stable `code` from `contract/error-codes.ts`.
 *
 * `message` is by default the code's English text from `i18n/en.ts` (the one people see, unless a
 * translation has its own), so the two are not kept twice.
 * `status` is the HTTP status when there was a response (0 for network errors and aborts);
 * `retryAfter` is the server's `Retry-After` in milliseconds when it sent one; `reason` says, for an
 * `ERR_NETWORK` from the signer, whether CORS refused the page or nothing answered; `s3Code` is the
 * `<Code>` of S3's error answer (`BadDigest`, say). With `ERR_QUOTA_EXCEEDED` it also carries the
 * signer's {@link QuotaFigures} (`unit`, `used`, `limit`), so the message can say how much is left.
 */
export class UploadError extends Error implements Partial<QuotaFigures> {
  override name = 'UploadError';
  declare readonly unit?: QuotaFigures['unit'];
  declare readonly used?: number;
  declare readonly limit?: number;

  constructor(
    readonly code: ErrorCode,
    message = en.errors[code] ?? code,
    readonly status = 0,
    readonly retryAfter?: number,
    readonly reason?: NetworkReason,
    readonly s3Code?: string,
  ) {
    super(message);
  }

  /**
   * Network errors (but a CORS refusal), 429 and 5xx are worth another try; the rest is final:
   * 4xx refusals such as `ERR_QUOTA_EXCEEDED` (403), where only freeing space helps, never asking again.
   */
  get retryable(): boolean {
    return (
      (this.code === 'ERR_NETWORK' && this.reason !== 'cors') || this.status === 429 || this.status >= 500
    );
  }
}

/**
 * The signer's refusal (an error body's `error`, or one file's slot in `POST /v1/uploads`) as an
 * `UploadError`, with its quota figures when it has them.
 */
export const refusalError = (error: ErrorBody['error'], status?: number, retryAfter?: number): UploadError =>
  Object.assign(new UploadError(error.code, error.message, status, retryAfter), error);

/** The error every step throws once its `AbortSignal` fires (cancel or pause). */
export function abortError(): UploadError {
  return new UploadError('ERR_ABORTED');
}

/** Turns an unexpected value (a `TypeError` from `fetch`, say) into an `UploadError`. */
export function toUploadError(error: unknown): UploadError {
  return error instanceof UploadError ? error : new UploadError('ERR_UPLOAD_FAILED', String(error));
}
