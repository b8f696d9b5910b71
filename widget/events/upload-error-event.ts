import type { ErrorCode } from '../../contract/error-codes.js';

export interface UploadErrorDetail {
  code: ErrorCode;
  message: string;
  file: File;
}

/** Fired when a file is refused by validation or fails to upload (`ERR_ABORTED` when canceled). */
export class UploadErrorEvent extends Event {
  /** A stable `code` from contract/error-codes.ts, a message for people, and the file. */
  readonly detail: UploadErrorDetail;

  constructor(detail: UploadErrorDetail) {
    super('upload-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-error': UploadErrorEvent;
  }
}
