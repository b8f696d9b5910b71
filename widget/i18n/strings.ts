import type { ErrorCode } from '../../contract/error-codes.js';
import type { UploadStatus } from '../upload/uploader.js';

/**
 * Every text `<image-uploader>` shows or announces. `{name}`-style placeholders are filled in:
 * `{name}` the file name, `{percent}`, `{max}`, `{type}`; error texts may use the same.
 */
export interface UploaderStrings {
  /** The drop zone button's label. */
  choose: string;
  /** Shown under it. */
  hint: string;
  files: string;
  total: string;
  cancel: string;
  remove: string;
  pause: string;
  resume: string;
  retry: string;
  status: Record<UploadStatus, string>;
  /** Announced through the live region; `{name}`, `{percent}`. */
  announce: string;
  /** Validity message when `required` and nothing is uploaded. */
  required: string;
  /** Validity message while uploads are running. */
  busy: string;
  /** People-facing text per error code; codes without one show the engine's English message. */
  errors: Partial<Record<ErrorCode, string>>;
}

/** Fills `{placeholders}` from `values`, leaving unknown ones as they are. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
}
