export { ImageUploader, DEFAULT_ACCEPT } from './image-uploader.js';
export * from './events/index.js';
export type { UploaderStrings } from './i18n/strings.js';
export { translations, registerTranslation } from './i18n/translations.js';
export { en } from './i18n/en.js';
export type { UploadItem, UploadStatus } from './upload/uploader.js';
export type { RetryOptions } from './upload/retry.js';
export type { TokenGetter } from './upload/signer-request.js';
export type { ImageUploaderEventMap, ImageUploaderProperty } from './element-types.js';
