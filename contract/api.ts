/**
 * Request and response types of the signer's HTTP API, version 1.
 * The widget and the demo import these; the signer implements them.
 */
import type { ErrorBody, RejectionCode } from './error-codes.js';
import type { ThumbnailFormat } from './thumbnail-manifest.js';

/** What the browser knows about a file before upload. */
export interface FileDescriptor {
  /** The file's name as the user picked it; only used for display, never for the key. */
  name: string;
  /** MIME type, e.g. `image/jpeg`; must be on the signer's allow-list. */
  type: string;
  /** Size in bytes; the presigned PUT signs it as `Content-Length`. */
  size: number;
}

/** `POST /v1/uploads` body. */
export interface CreateUploadsRequest {
  files: FileDescriptor[];
}

interface TicketBase {
  /** Opaque image id, used in every `:id` route. */
  id: string;
  /** The S3 key the object will have, made by the server. */
  key: string;
  /** ISO 8601 time after which the URLs in this ticket are refused by S3. */
  expiresAt: string;
}

/** A single presigned PUT: send exactly `headers` and the file as the body. */
export interface SinglePutTicket extends TicketBase {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
}

/** A multipart upload already created; sign parts with `POST /v1/uploads/:id/parts`. */
export interface MultipartTicket extends TicketBase {
  multipart: {
    uploadId: string;
    /** Bytes per part; every part but the last is exactly this size. */
    partSize: number;
    partCount: number;
  };
}

export type UploadTicket = SinglePutTicket | MultipartTicket;

/** One entry of `CreateUploadsResponse.uploads`: a ticket, or why this file was refused. */
export type UploadSlot = UploadTicket | ErrorBody;

/** `POST /v1/uploads` response: one slot per requested file, in order. */
export interface CreateUploadsResponse {
  uploads: UploadSlot[];
}

/** `POST /v1/uploads/:id/parts` body. */
export interface SignPartsRequest {
  uploadId: string;
  /** 1-based part numbers, at most 100 per request. */
  partNumbers: number[];
}

/** A presigned URL for one part; send exactly `headers` and the part's bytes. */
export interface SignedPart {
  partNumber: number;
  url: string;
  headers: Record<string, string>;
}

/** `POST /v1/uploads/:id/parts` response. */
export interface SignPartsResponse {
  expiresAt: string;
  parts: SignedPart[];
}

/** A part S3 already holds. */
export interface UploadedPart {
  partNumber: number;
  etag: string;
  size: number;
}

/** `GET /v1/uploads/:id/parts?uploadId=` response. */
export interface ListPartsResponse {
  parts: UploadedPart[];
}

/** `POST /v1/uploads/:id/complete` body. */
export interface CompleteUploadRequest {
  uploadId: string;
  parts: { partNumber: number; etag: string }[];
}

/** `POST /v1/uploads/:id/complete` response. */
export interface CompleteUploadResponse {
  id: string;
  key: string;
}

export type ImageStatus = 'processing' | 'ready' | 'rejected';

/** A presigned GET for one thumbnail. */
export interface ThumbnailLink {
  url: string;
  width: number;
  height: number;
  format: ThumbnailFormat;
}

/** One of the caller's images, as `GET /v1/images` and `GET /v1/images/:id` return it. */
export interface ImageSummary {
  id: string;
  key: string;
  /** Size of the original in bytes. */
  size: number;
  /** MIME type of the original, from its key's extension. */
  type: string;
  createdAt: string;
  status: ImageStatus;
  /** Present when `status` is `rejected`. */
  reason?: { code: RejectionCode; message: string };
  /** Presigned GET for the original (absent once rejected: the thumbnailer removes it). */
  original?: { url: string; expiresAt: string };
  /** Width and height of the original after EXIF orientation, once known. */
  width?: number;
  height?: number;
  thumbnails: ThumbnailLink[];
  /** ThumbHash placeholder, base64, once the thumbnailer has run. */
  placeholder?: string;
}

/** `GET /v1/images?cursor=&limit=` response. */
export interface ListImagesResponse {
  images: ImageSummary[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** Type guard: is this upload slot a refusal? */
export function isRefusal(slot: UploadSlot): slot is ErrorBody {
  return 'error' in slot;
}

/** Type guard: is this ticket a multipart upload? */
export function isMultipart(ticket: UploadTicket): ticket is MultipartTicket {
  return 'multipart' in ticket;
}
