/**
 * Every stable error code the project reports, in one union.
 *
 * Codes are part of the public API: the signer returns them in `{ error: { code, message } }`,
 * the thumbnailer writes them into a rejected manifest, and the widget puts them in the detail of
 * its `upload-error` event. Match on the code, never on the message text.
 */

/** Codes answered by the signer's HTTP API. */
export type SignerErrorCode =
  | 'ERR_TOKEN_MISSING'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_ISSUER_UNAVAILABLE'
  | 'ERR_RATE_LIMITED'
  | 'ERR_BAD_REQUEST'
  | 'ERR_BODY_TOO_LARGE'
  | 'ERR_TYPE_NOT_ALLOWED'
  | 'ERR_FILE_TOO_LARGE'
  | 'ERR_FILE_EMPTY'
  | 'ERR_TOO_MANY_FILES'
  | 'ERR_VISIBILITY_NOT_ALLOWED'
  | 'ERR_METADATA_INVALID'
  | 'ERR_TOO_MANY_OPEN_UPLOADS'
  | 'ERR_QUOTA_EXCEEDED'
  | 'ERR_NOT_FOUND'
  | 'ERR_INVALID_PARTS'
  | 'ERR_IMAGE_NOT_READY'
  | 'ERR_STORAGE_UNAVAILABLE'
  | 'ERR_EVENTS_UNAVAILABLE'
  | 'ERR_INTERNAL';

/**
 * Reasons the thumbnailer refuses an uploaded original (written to its `meta.json`, except
 * `ERR_REPLACED`: an original stored again under its key after its thumbnails were made is
 * removed and only logged, since the first result, and every URL made from it, stays).
 */
export type RejectionCode =
  | 'ERR_NOT_AN_IMAGE'
  | 'ERR_UNSUPPORTED_FORMAT'
  | 'ERR_TOO_MANY_PIXELS'
  | 'ERR_TOO_LARGE'
  | 'ERR_CORRUPT_IMAGE'
  | 'ERR_TYPE_MISMATCH'
  | 'ERR_REPLACED';

/** Codes the `<image-uploader>` element reports for failures that happen in the browser. */
export type WidgetErrorCode =
  | 'ERR_NETWORK'
  | 'ERR_ABORTED'
  | 'ERR_UPLOAD_FAILED'
  | 'ERR_ETAG_UNREADABLE'
  | 'ERR_DIMENSIONS'
  | 'ERR_HEIC_UNSUPPORTED'
  | 'ERR_DECODE_FAILED';

/** The one union of every code; see the narrower unions above for who reports which. */
export type ErrorCode = SignerErrorCode | RejectionCode | WidgetErrorCode;

/** The body of every error response from the signer, and the shape of a per-file refusal. */
export interface ErrorBody<C extends ErrorCode = ErrorCode> {
  error: {
    code: C;
    message: string;
    /** With `ERR_QUOTA_EXCEEDED` only (see {@link QuotaFigures}). */
    unit?: QuotaFigures['unit'] | undefined;
    used?: number | undefined;
    limit?: number | undefined;
  };
}

/** What `ERR_QUOTA_EXCEEDED` adds to its error: which quota, how much is counted, and the limit. */
export interface QuotaFigures {
  /** `bytes` (QUOTA_BYTES) or `images` (QUOTA_IMAGES). */
  unit: 'bytes' | 'images';
  /** Stored plus reserved (signed, not yet finished), before this request. */
  used: number;
  limit: number;
}
