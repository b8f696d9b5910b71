import type { ErrorCode, QuotaFigures } from '../contract/error-codes.js';
import { format, formatBytes, type UploaderStrings } from './i18n/strings.js';
import type { NetworkReason } from './upload/network-reason.js';

/** An engine error as a row keeps it; a full quota's figures come with `ERR_QUOTA_EXCEEDED`. */
export interface WordedError extends Partial<QuotaFigures> {
  code: ErrorCode;
  message: string;
  reason?: NetworkReason | undefined;
}

/**
 * People's words for an engine error, in `texts`' language: a signer out of reach says where
 * (`endpoint`) and what to allow (the page's origin); a full quota says how much is used of how
 * much, as sizes when it counts bytes (`1.5 MB of 2 MB`), as counts when it counts images. A text
 * whose placeholders the error cannot fill gives way to the error's own message.
 * @example
 * errorText(en, { code: 'ERR_QUOTA_EXCEEDED', message, unit: 'bytes', used: 15e5, limit: 2e6 }, endpoint)
 * // 'Your storage is full: 1.5 MB of 2 MB used.'
 */
export function errorText(texts: UploaderStrings, error: WordedError, endpoint: string): string {
  const { unit, used = 0, limit = 0, reason } = error;
  const size = (value: number): string | number =>
    unit === 'bytes' ? formatBytes(value, texts.lang) : value;
  const text = texts.errors[error.code];
  return reason
    ? format(texts[reason], { endpoint, origin: location.origin })
    : text && (unit || !text.includes('{'))
      ? format(text, { used: size(used), limit: size(limit) }, texts.lang)
      : error.message;
}
