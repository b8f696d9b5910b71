import type { UploadItem } from '../upload/uploader.js';

export interface UploadStartDetail {
  file: File;
  item: UploadItem;
}

/** Fired when a file's first byte is about to be sent (after validation and preparation). */
export class UploadStartEvent extends Event {
  /** The file and its queue entry (`item.total` is the size to send). */
  readonly detail: UploadStartDetail;

  constructor(detail: UploadStartDetail) {
    super('upload-start', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-start': UploadStartEvent;
  }
}
