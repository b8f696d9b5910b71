import type { ErrorBody, SignerErrorCode } from '../contract/error-codes.js';

/** HTTP status codes the signer answers errors with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503;

/**
 * A failure with a stable code and the HTTP status to answer it with. Thrown anywhere in the
 * signer; `app.onError` turns it into `{ error: { code, message } }`, and logs it when the status
 * is 5xx, with what it says of its `cause` (see describe-failure.ts).
 *
 * @example throw new SignerError('ERR_NOT_FOUND', 404, 'No such image');
 * @example throw new SignerError('ERR_STORAGE_UNAVAILABLE', 503, 'Storage is unavailable', {}, { cause: error });
 */
export class SignerError extends Error {
  override name = 'SignerError';
  readonly code: SignerErrorCode;
  readonly status: ErrorStatus;
  /** Extra response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: SignerErrorCode,
    status: ErrorStatus,
    message: string,
    headers: Record<string, string> = {},
    /** `cause`: the failure behind this one (an S3 SDK error, a network error), for the log only. */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.status = status;
    this.headers = headers;
  }
}

/** A 401 that also carries `WWW-Authenticate` as RFC 6750 §3 asks. */
export function unauthorized(
  code: 'ERR_TOKEN_MISSING' | 'ERR_TOKEN_INVALID' | 'ERR_TOKEN_EXPIRED',
  message: string,
): SignerError {
  return new SignerError(code, 401, message, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
}

/** A 400 for a request body or parameter that does not have the expected shape. */
export function badRequest(message: string): SignerError {
  return new SignerError('ERR_BAD_REQUEST', 400, message);
}

/**
 * The one error body: `{ error: { code, message } }`, for error responses and refused upload slots.
 * @example c.json(errorBody('ERR_NOT_FOUND', 'No such route'), 404)
 */
export function errorBody<C extends SignerErrorCode>(code: C, message: string): ErrorBody<C> {
  return { error: { code, message } };
}
