import type { ErrorCode } from '../../contract/error-codes.js';
import type { UploadStatus } from '../upload/uploader.js';

/**
 * Every text `<image-uploader>` shows or announces. `{name}`-style placeholders are filled in:
 * `{name}` the file name, `{percent}`, `{max}`, `{type}`; error texts may use the same; the others
 * name theirs.
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
  /** Label of the button that takes finished files out of the list (their keys stay the value). */
  clearFinished: string;
  /** Added to a finished file's status when it was downscaled: `{width}`, `{height}` uploaded. */
  resized: string;
  /** An upload an earlier page left unfinished: `{name}`, `{size}` of the file, `{percent}` sent. */
  interrupted: string;
  /** Label of the button that discards an interrupted upload; `{name}`. */
  discard: string;
  /** The signer answers, but not to this page (CORS): `{endpoint}`, `{origin}` of the page. */
  cors: string;
  /** Nothing answers at the signer's address: `{endpoint}`, `{origin}`. */
  unreachable: string;
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
