import type { UploadItem } from '../upload/uploader.js';
import { UploaderEvent } from './uploader-event.js';

/** The accepted file and its queue entry. */
export interface UploadAddDetail {
  file: File;
  item: UploadItem;
}

/** Fired for each file that passed validation and joined the queue. */
export class UploadAddEvent extends UploaderEvent<'upload-add', UploadAddDetail> {
  constructor(detail: UploadAddDetail) {
    super('upload-add', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-add': UploadAddEvent;
  }
}
