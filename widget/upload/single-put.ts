import type { SinglePutTicket } from '../../contract/api.js';
import { putBlob } from './put-blob.js';
import { withRetry } from './retry.js';
import { MAX_RESIGNS, type TransferContext } from './transfer.js';
import type { UploadError } from './upload-error.js';

/**
 * Uploads a small file with one presigned PUT. A 403 means the URL expired (or the clock is off),
 * a 400 BadDigest that the bytes S3 received are not those hashed: a fresh ticket is asked for
 * (after reading and hashing the file again, for BadDigest), at most `MAX_RESIGNS` times.
 * @param renew gets a new ticket for the same file; `rehash`: hash the file again first
 */
export async function uploadSingle(
  context: TransferContext,
  ticket: SinglePutTicket,
  renew: (rehash: boolean) => Promise<SinglePutTicket>,
): Promise<SinglePutTicket> {
  for (let resigns = 0; ; resigns++) {
    let tries = 0;
    try {
      await withRetry(
        () =>
          putBlob(ticket.url, ticket.headers, context.blob, context.signal, context.onProgress).catch(
            (error: UploadError) => {
              // The ticket signs `If-None-Match: *` (one object, once): a 412 on a retry means an
              // earlier try stored the file and only its answer was lost.
              if (!(tries++ && error.status === 412)) throw error;
            },
          ),
        context.retry,
        context.signal,
      );
      return ticket;
    } catch (error) {
      const { status, s3Code } = error as UploadError;
      if ((status !== 403 && s3Code !== 'BadDigest') || resigns >= MAX_RESIGNS) throw error;
      ticket = await renew(status !== 403);
    }
  }
}
