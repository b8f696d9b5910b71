import type { UploadItem } from '../upload/uploader.js';
import { UploaderEvent } from './uploader-event.js';

/** Bytes sent for this file and for every file in the current batch; none of them ever decreases. */
export interface UploadProgressDetail {
  file: File;
  item: UploadItem;
  loaded: number;
  total: number;
  /** Progress of the whole batch, 0 to 1. */
  overall: number;
}

/** Fired as bytes are sent, and when a file pauses or resumes. */
export class UploadProgressEvent extends UploaderEvent<'upload-progress', UploadProgressDetail> {
  constructor(detail: UploadProgressDetail) {
    super('upload-progress', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-progress': UploadProgressEvent;
  }
}
