/**
 * Request and response types of the signer's HTTP API, version 1, derived from the schemas in
 * `api-schemas.ts` (field descriptions live there). The widget and the demo import these; the
 * signer implements them. Type-only imports: nothing of valibot reaches a browser bundle.
 */
import type { InferOutput } from 'valibot';
import type * as S from './api-schemas.js';
import type { ErrorBody, SignerErrorCode } from './error-codes.js';

/**
 * What the browser knows about a file before upload: `name` (display only), `type`, `size`, and
 * optionally its `md5` (base64, signed into a single PUT), `visibility` and the page's `metadata`
 * (`AppMetadata`).
 */
export type FileDescriptor = InferOutput<typeof S.FileDescriptorSchema>;

/** `POST /v1/uploads` body. */
export type CreateUploadsRequest = InferOutput<typeof S.CreateUploadsRequestSchema>;

/** A single presigned PUT: send exactly `headers` and the file as the body. */
export type SinglePutTicket = InferOutput<typeof S.SinglePutTicketSchema>;

/** A multipart upload already created; sign parts with `POST /v1/uploads/:id/parts`. */
export type MultipartTicket = InferOutput<typeof S.MultipartTicketSchema>;

export type UploadTicket = SinglePutTicket | MultipartTicket;

/** One entry of `CreateUploadsResponse.uploads`: a ticket, or why this file was refused. */
export type UploadSlot = CreateUploadsResponse['uploads'][number];

/** `POST /v1/uploads` response: one slot per requested file, in order. */
export type CreateUploadsResponse = InferOutput<typeof S.CreateUploadsResponseSchema>;

/**
 * `POST /v1/uploads/:id/parts` body: the upload id, the file's size again, and at most 100 parts to
 * sign, each a 1-based part number and its MD5 (base64).
 */
export type SignPartsRequest = InferOutput<typeof S.SignPartsRequestSchema>;

/** A presigned URL for one part; send exactly `headers` and the part's bytes. */
export type SignedPart = InferOutput<typeof S.SignedPartSchema>;

/** `POST /v1/uploads/:id/parts` response. */
export type SignPartsResponse = InferOutput<typeof S.SignPartsResponseSchema>;

/** A part S3 already holds. */
export type UploadedPart = InferOutput<typeof S.UploadedPartSchema>;

/** `GET /v1/uploads/:id/parts?uploadId=` response. */
export type ListPartsResponse = InferOutput<typeof S.ListPartsResponseSchema>;

/** `POST /v1/uploads/:id/complete` body: exactly the parts S3 lists, with their ETags. */
export type CompleteUploadRequest = InferOutput<typeof S.CompleteUploadRequestSchema>;

/** `POST /v1/uploads/:id/complete` response. */
export type CompleteUploadResponse = InferOutput<typeof S.CompleteUploadResponseSchema>;

/** `processing` until the thumbnailer has written the image's manifest, then `ready` or `rejected`. */
export type ImageStatus = InferOutput<typeof S.ImageStatusSchema>;

/** `public` or `private`: who may see an image (contract/visibility.ts). */
export type { Visibility } from './visibility.js';

/** The page's context for one upload, e.g. `{ listing_id: '42' }` (contract/upload-metadata.ts). */
export type { AppMetadata } from './upload-metadata.js';

/** One thumbnail: its public or signed URL, size and format. */
export type ThumbnailLink = InferOutput<typeof S.ThumbnailLinkSchema>;

/** One of the caller's images, as `GET /v1/images` and `GET /v1/images/:id` return it. */
export type ImageSummary = InferOutput<typeof S.ImageSummarySchema>;

/** `PATCH /v1/images/:id` body: `{ visibility }`. The response is the updated `ImageSummary`. */
export type UpdateImageRequest = InferOutput<typeof S.UpdateImageRequestSchema>;

/** `GET /v1/images?cursor=&limit=` response; `nextCursor` is absent on the last page. */
export type ListImagesResponse = InferOutput<typeof S.ListImagesResponseSchema>;

/** `GET /healthz` response. */
export type HealthResponse = InferOutput<typeof S.HealthResponseSchema>;

/** `GET /v1/usage` response: bytes and images stored, reserved, and the caller's limits. */
export type UsageResponse = InferOutput<typeof S.UsageResponseSchema>;

/** Type guard: is this upload slot a refusal? */
export function isRefusal(slot: UploadSlot): slot is ErrorBody<SignerErrorCode> {
  return 'error' in slot;
}

/** Type guard: is this ticket a multipart upload? */
export function isMultipart(ticket: UploadTicket): ticket is MultipartTicket {
  return 'multipart' in ticket;
}
