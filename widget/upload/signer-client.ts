import type {
  CompleteUploadResponse,
  CreateUploadsResponse,
  FileDescriptor,
  ListPartsResponse,
  SignPartsRequest,
  SignPartsResponse,
  Visibility,
} from '../../contract/api.js';
import type { AppMetadata } from '../../contract/upload-metadata.js';
import { createSignerRequest, type SignerRequestOptions } from './signer-request.js';

export type { AppMetadata, Visibility };

/**
 * A file as `POST /v1/uploads` describes it; `visibility` left out leaves it to the signer, which
 * refuses one its `UPLOAD_VISIBILITIES` does not allow, per file, with `ERR_VISIBILITY_NOT_ALLOWED`.
 * `metadata` is the page's context the signer binds into the upload; one that breaks the rules of
 * contract/upload-metadata.ts (`AppMetadata`) is refused with `400 ERR_METADATA_INVALID`.
 */
export type UploadDescriptor = Omit<FileDescriptor, 'visibility' | 'metadata'> & {
  visibility?: Visibility | undefined;
  metadata?: AppMetadata | undefined;
};

/** A part to sign: its number and its MD5, base64 (signed as `content-md5`). */
export type PartToSign = Required<SignPartsRequest['parts'][number]>;

/** The signer's upload routes, each retried on network errors, 429 and 5xx. */
export interface SignerClient {
  /** The signer's base URL as set now (part of a file's resume fingerprint). */
  readonly endpoint: string;
  createUploads(files: UploadDescriptor[], signal?: AbortSignal): Promise<CreateUploadsResponse>;
  /** `size` is the file's, as in `createUploads`: the signer signs each part's length from it. */
  signParts(
    id: string,
    uploadId: string,
    size: number,
    parts: PartToSign[],
    signal?: AbortSignal,
  ): Promise<SignPartsResponse>;
  listParts(id: string, uploadId: string, signal?: AbortSignal): Promise<ListPartsResponse>;
  complete(
    id: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
    signal?: AbortSignal,
  ): Promise<CompleteUploadResponse>;
  /** Aborts a multipart upload; tried twice at most, since nobody waits for it (after a cancel). */
  abort(id: string, uploadId: string): Promise<unknown>;
}

/**
 * Creates a client for the signer's `/v1/uploads` routes over {@link createSignerRequest}: `getToken`
 * is called before every request, and once more after a 401 `ERR_TOKEN_EXPIRED`, so refreshed
 * tokens are picked up. `<image-uploader>` makes one per element.
 */
export function createSignerClient(options: SignerRequestOptions): SignerClient {
  const call = createSignerRequest(options);
  const upload = (id: string): string => `/v1/uploads/${encodeURIComponent(id)}`;
  const query = (uploadId: string): string => `?uploadId=${encodeURIComponent(uploadId)}`;
  return {
    get endpoint() {
      return options.endpoint;
    },
    createUploads: (files, signal) => call('POST', '/v1/uploads', { files }, signal),
    signParts: (id, uploadId, size, parts, signal) =>
      call('POST', `${upload(id)}/parts`, { uploadId, size, parts }, signal),
    listParts: (id, uploadId, signal) =>
      call('GET', `${upload(id)}/parts${query(uploadId)}`, undefined, signal),
    complete: (id, uploadId, parts, signal) =>
      call('POST', `${upload(id)}/complete`, { uploadId, parts }, signal),
    abort: (id, uploadId) =>
      call('DELETE', upload(id) + query(uploadId), undefined, undefined, { ...options.retry, retries: 1 }),
  };
}
