import type { UploadItem } from '../upload/uploader.js';
import { UploaderEvent } from './uploader-event.js';

/** The file and its queue entry (`item.total` is the size to send). */
export interface UploadStartDetail {
  file: File;
  item: UploadItem;
}

/** Fired when a file's first byte is about to be sent (after validation and preparation). */
export class UploadStartEvent extends UploaderEvent<'upload-start', UploadStartDetail> {
  constructor(detail: UploadStartDetail) {
    super('upload-start', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-start': UploadStartEvent;
  }
}
