import type { ImageSize } from '../upload/prepare.js';
import { UploaderEvent } from './uploader-event.js';

/**
 * The stored object's `key` and the image `id` for the signer's `/v1/images/:id`; the image's
 * size as picked and as uploaded (smaller when `max-dimension` downscaled it), when known.
 */
export interface UploadSuccessDetail {
  file: File;
  id: string;
  key: string;
  original?: ImageSize | undefined;
  uploaded?: ImageSize | undefined;
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
