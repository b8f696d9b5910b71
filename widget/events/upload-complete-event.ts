import type { ErrorCode } from '../../contract/error-codes.js';

export interface UploadCompleteDetail {
  succeeded: { file: File; id: string; key: string }[];
  failed: { file: File; code: ErrorCode }[];
}

/** Fired when every queued file has finished, failed or been canceled. */
export class UploadCompleteEvent extends Event {
  /** What succeeded and what failed in the batch that just settled. */
  readonly detail: UploadCompleteDetail;

  constructor(detail: UploadCompleteDetail) {
    super('upload-complete', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-complete': UploadCompleteEvent;
  }
}
