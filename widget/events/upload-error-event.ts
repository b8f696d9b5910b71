import type { ErrorCode } from '../../contract/error-codes.js';
import { UploaderEvent } from './uploader-event.js';

/** A stable `code` from contract/error-codes.ts, a message for people, and the file. */
export interface UploadErrorDetail {
  code: ErrorCode;
  message: string;
  file: File;
}

/** Fired when a file is refused by validation or fails to upload (`ERR_ABORTED` when canceled). */
export class UploadErrorEvent extends UploaderEvent<'upload-error', UploadErrorDetail> {
  constructor(detail: UploadErrorDetail) {
    super('upload-error', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-error': UploadErrorEvent;
  }
}
