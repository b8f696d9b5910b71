import type { ErrorCode } from '../../contract/error-codes.js';
import { formatBytes } from '../i18n/strings.js';

/** Checks made before any network call; 0 means no limit. */
export interface ValidationRules {
  /** Like `<input accept>`: MIME types, `type/*` wildcards and `.ext` suffixes, comma-separated. */
  accept: string;
  /** Bytes. */
  maxSize: number;
  maxFiles: number;
  /** The language refusal values (sizes) are written for; default `en`. */
  lang?: string;
}

/** Why a file was refused: a code and the values its message needs. */
export interface Refusal {
  code: ErrorCode;
  params: Record<string, string | number>;
}

/** Does `file` match an `accept` list (HTML §4.10.5.1.18)? An empty list accepts everything. */
export function accepts(file: File, accept: string): boolean {
  const tokens = accept
    .toLowerCase()
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return (
    !tokens.length ||
    tokens.some((token) =>
      token.startsWith('.')
        ? name.endsWith(token)
        : token.endsWith('/*')
          ? type.startsWith(token.slice(0, -1))
          : type === token,
    )
  );
}

/**
 * Refuses a file by type, size or count (`count` is how many files are already kept).
 * Pixel dimensions are checked later, off the main thread, by `prepareFile`.
 */
export function validateFile(file: File, rules: ValidationRules, count: number): Refusal | undefined {
  if (rules.maxFiles && count >= rules.maxFiles)
    return { code: 'ERR_TOO_MANY_FILES', params: { max: rules.maxFiles } };
  if (!accepts(file, rules.accept))
    return { code: 'ERR_TYPE_NOT_ALLOWED', params: { type: file.type || '?' } };
  if (!file.size) return { code: 'ERR_FILE_EMPTY', params: {} };
  if (rules.maxSize && file.size > rules.maxSize)
    return { code: 'ERR_FILE_TOO_LARGE', params: { max: formatBytes(rules.maxSize, rules.lang) } };
  return undefined;
}
