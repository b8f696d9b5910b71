import type { RetryOptions } from './retry.js';
import type { SignerClient } from './signer-client.js';

/** What one file's transfer needs from the queue. */
export interface TransferContext {
  signer: SignerClient;
  retry: RetryOptions;
  /** Fires on cancel and on pause. */
  signal: AbortSignal;
  /** The bytes to upload (the file after EXIF removal or downscaling). */
  blob: Blob;
  /** Bytes of this file sent so far; may dip when a request is retried (the queue smooths it). */
  onProgress(loaded: number): void;
}

/** How many times one URL is re-signed after S3 answers 403 (expired) before giving up. */
export const MAX_RESIGNS = 2;
