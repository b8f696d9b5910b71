import { isMultipart, type SinglePutTicket, type UploadTicket } from '../../contract/api.js';
import { fingerprint } from './fingerprint.js';
import { etagMd5, md5 } from './md5.js';
import { uploadMultipart, type MultipartState } from './multipart.js';
import { partBytes, partSlice } from './parts.js';
import type { ResumeRecord, ResumeStore } from './resume-store.js';
import type { RetryOptions } from './retry.js';
import type { AppMetadata, SignerClient, UploadDescriptor, Visibility } from './signer-client.js';
import { uploadSingle } from './single-put.js';
import { MATE_BYTES, type TicketMate } from './ticket-batch.js';
import { abortError } from './upload-error.js';

/**
 * A file to upload and what it asks the signer to bind into its upload (both signed, so a stored
 * upload resumes only for the same `visibility` and `metadata`).
 */
export interface FileRequest {
  readonly file: File;
  /** Unset: the signer's default. */
  readonly visibility?: Visibility | undefined;
  /** The page's context for this file; unset: none. */
  readonly metadata?: AppMetadata | undefined;
}

/**
 * Files up to this size send their MD5 with `POST /v1/uploads`, for a single PUT; larger ones are
 * sent in parts under any sane `MULTIPART_THRESHOLD_BYTES` (the signer's default is 16 MiB), and
 * each part carries its own.
 */
export const WHOLE_FILE_MD5_BYTES = 64 * 1024 * 1024;

/**
 * What one file's upload keeps between runs (pause, retry), so nothing stored is sent twice; as a
 * `TicketMate`, its ticket readied while it waits (`readyTicket`) and what another file got for it.
 */
export interface FileState extends TicketMate {
  ticket?: SinglePutTicket | undefined;
  parts?: MultipartState;
  fingerprint?: string;
}

export interface UploadFileOptions {
  /** The element's one signer client. */
  signer: SignerClient;
  /** For the PUTs to S3 (the signer client has its own). */
  retry: RetryOptions;
  partConcurrency: number;
  store?: ResumeStore | null | undefined;
  signal: AbortSignal;
  /** Bytes sent so far (may dip on a retry; the queue smooths it). */
  onProgress(loaded: number): void;
  /** Called once the signer chose multipart (the upload can now pause). */
  onMultipart(): void;
  /** Asks for this file's ticket (with those of files queued behind it: `requestTickets`). */
  tickets(descriptor: UploadDescriptor, signal: AbortSignal): Promise<UploadTicket>;
}

const describe = ({ visibility, metadata }: FileRequest, { name, type, size }: File): UploadDescriptor => ({
  name,
  type,
  size,
  visibility,
  metadata,
});

const hash = (blob: Blob): Promise<string> | undefined =>
  blob.size <= WHOLE_FILE_MD5_BYTES ? md5(blob) : undefined;

/**
 * Readies a queued file's ticket request in `state.asks` (with its MD5) when it is under
 * `MATE_BYTES`, so another file can ask for its ticket along with its own.
 */
export async function readyTicket(request: FileRequest, blob: File, state: FileState): Promise<void> {
  if (blob.size >= MATE_BYTES) return;
  const descriptor = describe(request, blob);
  descriptor.md5 = await md5(blob);
  state.asks ??= descriptor;
}

/**
 * Rebuilds a stored multipart upload's state from the parts S3 holds (asked of the signer); parts
 * of the wrong size, or whose ETag (a part's MD5, hex) differs from the MD5 of the local bytes,
 * are left out, so they are sent again.
 * @throws `UploadError` when the signer no longer has the upload (completed, aborted or expired).
 */
async function resumed(
  record: ResumeRecord,
  blob: Blob,
  signer: SignerClient,
  signal: AbortSignal,
): Promise<MultipartState> {
  const { parts } = await signer.listParts(record.id, record.uploadId, signal);
  const { id, key, uploadId, partSize, partCount } = record;
  const done = new Map<number, string>();
  // A part of another size or other bytes (a different file with the same fingerprint, a part
  // changed on the way) is sent again.
  for (const { partNumber: n, size, etag } of parts) {
    if (
      size === partBytes(n, partSize, blob.size) &&
      etagMd5(etag) === (await md5(partSlice(blob, n, partSize)))
    )
      done.set(n, etag);
  }
  return { ticket: { id, key, expiresAt: '', multipart: { uploadId, partSize, partCount } }, done };
}

/**
 * Uploads `blob` (the prepared bytes of `request.file`): continues a multipart upload kept in `state` or
 * in the resume store (asking the signer which parts S3 holds), or gets a ticket, then sends it
 * with one PUT or in parts. Multipart progress is saved to the store as parts land.
 * @throws `UploadError`
 */
export async function uploadFile(
  request: FileRequest,
  blob: File,
  state: FileState,
  options: UploadFileOptions,
): Promise<{ id: string; key: string }> {
  const { signer, store, signal } = options;
  const file = request.file;
  const context = { ...options, blob };
  const descriptor = describe(request, blob);
  // A ticket asked for along with another file's (a refusal fails this file, once: not on retry).
  const early = state.early;
  delete state.early;
  state.ticket ??= await early;
  // What a stored upload must have asked for to be resumed; the MD5 is the parts' business then.
  const asked = JSON.stringify(descriptor);
  const print = (state.fingerprint ??= await fingerprint(file, signer.endpoint));
  const save = ({ ticket, done }: MultipartState): Promise<void> | undefined =>
    store?.put({
      fingerprint: print,
      endpoint: signer.endpoint,
      file: { name: file.name, size: file.size, lastModified: file.lastModified },
      id: ticket.id,
      key: ticket.key,
      ...ticket.multipart,
      size: blob.size,
      request: asked,
      parts: [...done].map(([partNumber, etag]) => ({ partNumber, etag })),
      createdAt: Date.now(),
    });

  if (!state.parts && !state.ticket) {
    const record = await store?.get(print);
    // The size, the visibility and the metadata are signed into the upload: a file asking for
    // anything else (another size after downscaling, a page that now binds it to another record)
    // starts afresh rather than finish an upload that is not what it asks for.
    if (record?.request === asked) {
      try {
        state.parts = await resumed(record, blob, signer, signal);
      } catch {
        if (signal.aborted) throw abortError();
        await store?.delete(print); // gone (completed, aborted or expired): start afresh
      }
    }
  }
  if (!state.parts && !state.ticket) {
    // The MD5 readied while the file was queued, if it was.
    descriptor.md5 = state.asks?.md5 ?? (await hash(blob));
    delete state.asks;
    const ticket = await options.tickets(descriptor, signal);
    if (isMultipart(ticket)) await save((state.parts = { ticket, done: new Map() }));
    else state.ticket = ticket;
  }
  const parts = state.parts;
  if (parts) {
    options.onMultipart();
    const result = await uploadMultipart(context, parts, options.partConcurrency, () => void save(parts));
    await store?.delete(print);
    return result;
  }
  const renew = async (rehash: boolean): Promise<SinglePutTicket> => {
    if (rehash || !descriptor.md5) descriptor.md5 = await hash(blob);
    return options.tickets(descriptor, signal) as Promise<SinglePutTicket>;
  };
  return uploadSingle(context, state.ticket!, renew);
}

/** Forgets a canceled file's multipart upload: aborts it on the signer and drops its record. */
export function abandon(state: FileState, options: Pick<UploadFileOptions, 'signer' | 'store'>): void {
  const { signer, store } = options;
  delete state.asks; // a ticket asked for it early, if any, just expires
  const parts = state.parts;
  if (!parts) return;
  void signer.abort(parts.ticket.id, parts.ticket.multipart.uploadId).catch(() => undefined);
  if (state.fingerprint) void store?.delete(state.fingerprint);
}
