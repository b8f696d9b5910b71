export { UploadAddEvent, type UploadAddDetail } from './upload-add-event.js';
export { UploadStartEvent, type UploadStartDetail } from './upload-start-event.js';
export { UploadProgressEvent, type UploadProgressDetail } from './upload-progress-event.js';
export { UploadSuccessEvent, type UploadSuccessDetail } from './upload-success-event.js';
export { UploadErrorEvent, type UploadErrorDetail } from './upload-error-event.js';
export { UploadCompleteEvent, type UploadCompleteDetail } from './upload-complete-event.js';
