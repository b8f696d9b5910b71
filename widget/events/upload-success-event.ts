export interface UploadSuccessDetail {
  file: File;
  id: string;
  key: string;
}

/** Fired when a file is stored in the bucket. */
export class UploadSuccessEvent extends Event {
  /** The stored object's `key` and the image `id` for the signer's `/v1/images/:id`. */
  readonly detail: UploadSuccessDetail;

  constructor(detail: UploadSuccessDetail) {
    super('upload-success', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'upload-success': UploadSuccessEvent;
  }
}
