import type { ErrorCode } from '../../contract/error-codes.js';
import { UploaderEvent } from './uploader-event.js';

/** What succeeded and what failed in the batch that just settled. */
export interface UploadCompleteDetail {
  succeeded: { file: File; id: string; key: string }[];
  failed: { file: File; code: ErrorCode }[];
}

/** Fired when every queued file has finished, failed or been canceled. */
export class UploadCompleteEvent extends UploaderEvent<'upload-complete', UploadCompleteDetail> {
  constructor(detail: UploadCompleteDetail) {
    super('upload-complete', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-complete': UploadCompleteEvent;
  }
}
