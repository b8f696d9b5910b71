/**
 * The base of every event `<image-uploader>` fires: a typed `detail`, and `bubbles` and `composed`
 * so listeners outside the element's shadow root (or on the document) hear it. Each event is a
 * small subclass that fixes the name and the detail type, so `instanceof` and the
 * `GlobalEventHandlersEventMap` entries stay exact.
 * @example
 * class UploadAddEvent extends UploaderEvent<'upload-add', UploadAddDetail> {
 *   constructor(detail: UploadAddDetail) {
 *     super('upload-add', detail);
 *   }
 * }
 */
export class UploaderEvent<Name extends string, Detail> extends Event {
  declare readonly type: Name;
  /** What happened; see each event for its shape. */
  readonly detail: Detail;

  constructor(type: Name, detail: Detail) {
    super(type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
