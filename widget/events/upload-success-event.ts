import { UploaderEvent } from './uploader-event.js';

/** The stored object's `key` and the image `id` for the signer's `/v1/images/:id`. */
export interface UploadSuccessDetail {
  file: File;
  id: string;
  key: string;
}

/** Fired when a file is stored in the bucket. */
export class UploadSuccessEvent extends UploaderEvent<'upload-success', UploadSuccessDetail> {
  constructor(detail: UploadSuccessDetail) {
    super('upload-success', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-success': UploadSuccessEvent;
  }
}
