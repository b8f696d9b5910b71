import type { SinglePutTicket } from '../../contract/api.js';
import { putBlob } from './put-blob.js';
import { withRetry } from './retry.js';
import { MAX_RESIGNS, type TransferContext } from './transfer.js';
import type { UploadError } from './upload-error.js';

/**
 * Uploads a small file with one presigned PUT. A 403 means the URL expired (or the clock is off):
 * a fresh ticket is asked for, at most `MAX_RESIGNS` times.
 * @param renew gets a new ticket for the same file
 */
export async function uploadSingle(
  context: TransferContext,
  ticket: SinglePutTicket,
  renew: () => Promise<SinglePutTicket>,
): Promise<SinglePutTicket> {
  for (let resigns = 0; ; resigns++) {
    try {
      await withRetry(
        () => putBlob(ticket.url, ticket.headers, context.blob, context.signal, context.onProgress),
        context.retry,
        context.signal,
      );
      return ticket;
    } catch (error) {
      if ((error as UploadError).status !== 403 || resigns >= MAX_RESIGNS) throw error;
      ticket = await renew();
    }
  }
}
