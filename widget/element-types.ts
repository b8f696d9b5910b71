/**
 * What a host framework's types need to know about `<image-uploader>`: the properties a template
 * may set and the events it fires. `react.ts` and `vue.ts` build their JSX and template types from
 * these, and a host with its own custom-element typing can use them the same way.
 */
import type {
  UploadAddEvent,
  UploadCompleteEvent,
  UploadErrorEvent,
  UploadProgressEvent,
  UploadStartEvent,
  UploadSuccessEvent,
} from './events/index.js';
import type { ImageUploader } from './image-uploader.js';

/** The properties a template sets on `<image-uploader>` (as properties, so functions and objects work). */
export type ImageUploaderProperty = Extract<
  keyof ImageUploader,
  | 'endpoint'
  | 'getToken'
  | 'accept'
  | 'multiple'
  | 'capture'
  | 'maxSize'
  | 'maxFiles'
  | 'minWidth'
  | 'minHeight'
  | 'maxWidth'
  | 'maxHeight'
  | 'maxDimension'
  | 'keepMetadata'
  | 'concurrency'
  | 'partConcurrency'
  | 'name'
  | 'required'
  | 'disabled'
  | 'strings'
  | 'retry'
  | 'visibility'
  | 'metadata'
  | 'onDisconnect'
  | 'editor'
  | 'cropAspectRatio'
>;

/** Every event `<image-uploader>` fires, by name, with its class (so `event.detail` is typed). */
export interface ImageUploaderEventMap {
  'upload-add': UploadAddEvent;
  'upload-start': UploadStartEvent;
  'upload-progress': UploadProgressEvent;
  'upload-success': UploadSuccessEvent;
  'upload-error': UploadErrorEvent;
  'upload-complete': UploadCompleteEvent;
  /** Native; the value (the uploaded keys) changed. */
  change: Event;
}
