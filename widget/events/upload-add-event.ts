import type { UploadItem } from '../upload/uploader.js';

export interface UploadAddDetail {
  file: File;
  item: UploadItem;
}

/** Fired for each file that passed validation and joined the queue. */
export class UploadAddEvent extends Event {
  /** The accepted file and its queue entry. */
  readonly detail: UploadAddDetail;

  constructor(detail: UploadAddDetail) {
    super('upload-add', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-add': UploadAddEvent;
  }
}
