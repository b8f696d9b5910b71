import { isRefusal, type SinglePutTicket, type UploadSlot, type UploadTicket } from '../../contract/api.js';
import type { SignerClient, UploadDescriptor } from './signer-client.js';
import { UploadError, refusalError } from './upload-error.js';

/**
 * Files under this size ask for their tickets along with others' (see `requestTickets`): the
 * signer's `MULTIPART_THRESHOLD_BYTES` is never below it (S3's smallest part), so they always get
 * a single PUT, with no multipart upload to resume or abort. Larger files take long enough to send
 * that one request each costs nothing.
 */
export const MATE_BYTES = 5 * 1024 * 1024;

/** A queued file whose ticket may be asked for in another file's request. */
export interface TicketMate {
  /** What the file asks for, MD5 included: set once it is prepared, taken by a request. */
  asks?: UploadDescriptor | undefined;
  /**
   * That request's answer for the file: its ticket, or its refusal (rejects); `undefined` when the
   * request failed, and the file asks alone. An early ticket that expired before the file started
   * is renewed as any other (S3 answers 403: see `uploadSingle`).
   */
  early?: Promise<SinglePutTicket | undefined> | undefined;
}

/**
 * One slot of `POST /v1/uploads` as a ticket.
 * @throws `UploadError`: the file's refusal, with its code (and quota figures)
 */
export function ticketOf(slot: UploadSlot | undefined): UploadTicket {
  if (!slot) throw new UploadError('ERR_INTERNAL', 'The signer returned no ticket');
  if (isRefusal(slot)) throw refusalError(slot.error);
  return slot;
}

/**
 * Asks for the ticket of `descriptor`, and of `mates` (files queued behind it, about to start) in
 * the same `POST /v1/uploads`, so dropping many photos costs one request per few files, not one
 * each. A mate's refusal fails only that file. When the whole request is refused (an
 * `UPLOAD_MAX_FILES` below the batch, a quota that only some of the files fit), this file asks
 * again alone, and each mate in a request of its own when it starts, so each gets its own answer; network errors, 429 and 5xx are retried as one
 * request (by the signer client).
 * @throws `UploadError`: this file's refusal, or the request's
 */
export async function requestTickets(
  signer: SignerClient,
  descriptor: UploadDescriptor,
  mates: TicketMate[],
  signal: AbortSignal,
): Promise<UploadTicket> {
  const answer = signer.createUploads([descriptor, ...mates.map((mate) => mate.asks!)], signal);
  mates.forEach((mate, i) => {
    delete mate.asks;
    // Handled here too, so a refusal nobody waits for (the file was canceled) is no unhandled rejection.
    (mate.early = answer.then(
      ({ uploads }) => ticketOf(uploads[i + 1]) as SinglePutTicket,
      () => undefined,
    )).catch(() => 0);
  });
  return ticketOf(
    (
      await answer.catch((error: UploadError) => {
        // Only a refusal of the whole request has a status and is final: then this file asks alone.
        if (!mates.length || !error.status || error.retryable) throw error;
        return signer.createUploads([descriptor], signal);
      })
    ).uploads[0],
  );
}
