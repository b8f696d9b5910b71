import type { AppMetadata } from '../upload/signer-client.js';
import type { UploadItem } from '../upload/uploader.js';
import { UploaderEvent } from './uploader-event.js';

/** The accepted file and its queue entry; a listener may give the file its own `metadata`. */
export interface UploadAddDetail {
  file: File;
  item: UploadItem;
  /**
   * Set by a listener, during the event: this file's own metadata, merged over the element's
   * `metadata` (its keys win) and bound by the signer into the upload. The result is
   * `item.metadata`. Unset: the element's `metadata` alone.
   * @example
   * uploader.addEventListener('upload-add', (event) => {
   *   event.detail.metadata = { caption: captionFor(event.detail.file) };
   * });
   */
  metadata?: AppMetadata | undefined;
}

/**
 * Fired for each file that passed validation and joined the queue, before it asks the signer for
 * its upload: the moment to set `detail.metadata` for that file.
 */
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
