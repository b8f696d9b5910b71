import type { UploadItem } from '../upload/uploader.js';

export interface UploadProgressDetail {
  file: File;
  item: UploadItem;
  loaded: number;
  total: number;
  /** Progress of the whole batch, 0 to 1. */
  overall: number;
}

/** Fired as bytes are sent, and when a file pauses or resumes. */
export class UploadProgressEvent extends Event {
  /** Bytes sent for this file and for every file in the current batch; none of them ever decreases. */
  readonly detail: UploadProgressDetail;

  constructor(detail: UploadProgressDetail) {
    super('upload-progress', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-progress': UploadProgressEvent;
  }
}
