export type {
  ErrorBody,
  ErrorCode,
  QuotaFigures,
  RejectionCode,
  SignerErrorCode,
  WidgetErrorCode,
} from './error-codes.js';
export type {
  CompleteUploadRequest,
  CompleteUploadResponse,
  CreateUploadsRequest,
  CreateUploadsResponse,
  FileDescriptor,
  ImageStatus,
  ImageSummary,
  ListImagesResponse,
  ListPartsResponse,
  MultipartTicket,
  SignedPart,
  SignPartsRequest,
  SignPartsResponse,
  SinglePutTicket,
  ThumbnailLink,
  UploadedPart,
  UploadSlot,
  UploadTicket,
  UpdateImageRequest,
  UsageResponse,
} from './api.js';
export { isMultipart, isRefusal } from './api.js';
export type {
  ReadyManifest,
  RejectedManifest,
  SourceFormat,
  ThumbnailFormat,
  ThumbnailManifest,
  ThumbnailOutput,
} from './thumbnail-manifest.js';
export {
  EXTENSION_BY_TYPE,
  TYPE_BY_EXTENSION,
  ORIGINALS_PREFIX,
  THUMBNAILS_PREFIX,
  PUBLIC_PREFIX,
  makeImageId,
  parseImageId,
  originalKey,
  parseOriginalKey,
  ownerOriginalsPrefix,
  thumbnailsPrefix,
  thumbnailKey,
  manifestKey,
  publicPrefix,
  publicThumbnailKey,
  publicOriginalKey,
  parsePublicKey,
} from './object-keys.js';
export type { PublicCopy, PublicCopySource } from './public-copies.js';
export { publicCopies } from './public-copies.js';
export type { Visibility } from './visibility.js';
export { VISIBILITIES, isVisibility } from './visibility.js';
export type { AppMetadata, UploadMetadata } from './upload-metadata.js';
export {
  APP_METADATA_KEY,
  APP_METADATA_MAX_BYTES,
  METADATA_HEADER_PREFIX,
  S3_USER_METADATA_MAX_BYTES,
  isAppMetadata,
  metadataHeaders,
  readUploadMetadata,
  s3Metadata,
  s3MetadataBytes,
} from './upload-metadata.js';
// Types only: image-events.ts builds its schemas with valibot at load, which this entry leaves out.
export type {
  ImageDeletedEvent,
  ImageEvent,
  ImageEventType,
  ImageIdentity,
  ImageReadyEvent,
  ImageRejectedEvent,
  PublishImageEvent,
} from './image-events.js';
export { FILE_NAME_MAX_BYTES, cleanFileName } from './file-name.js';
