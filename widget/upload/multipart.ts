import type { CompleteUploadResponse, MultipartTicket, SignedPart } from '../../contract/api.js';
import { md5 } from './md5.js';
import { partBytes, partSlice } from './parts.js';
import { putBlob } from './put-blob.js';
import { withRetry } from './retry.js';
import { MAX_RESIGNS, type TransferContext } from './transfer.js';
import { UploadError, abortError } from './upload-error.js';

/** Parts signed per request; the signer accepts at most 100. */
const SIGN_BATCH = 100;

/** Shown when S3 hides `ETag` from the page: the bucket's CORS rule lacks it. */
export const ETAG_HELP =
  'S3 stored the part, but CORS hides its ETag, so the upload cannot complete: add "ExposeHeaders": ' +
  '["ETag"] (XML: <ExposeHeader>ETag</ExposeHeader>) to the bucket CORS rule.';

/** A multipart upload in progress: its ticket and the ETag of every part already stored. */
export interface MultipartState {
  ticket: MultipartTicket;
  done: Map<number, string>;
}

/**
 * Uploads the parts of `state.ticket` not yet in `state.done`, `concurrency` at a time, each read
 * as a `Blob` slice (never the whole file), then completes the upload. Each part's MD5 is computed
 * in the Worker while the parts before it upload, and signed with it (S3 refuses other bytes:
 * 400 BadDigest, and then the part is read, hashed and signed again). Parts are signed in batches
 * of those already hashed, and re-signed when S3 answers 403 or the URLs near expiry. `state.done`
 * is updated as parts land, so a paused or failed call can be resumed by calling again with the
 * same state.
 * @param onPart called after each stored part (the queue persists it for resume after reload)
 * @throws `UploadError`; `ERR_ETAG_UNREADABLE` when CORS hides `ETag` (see `ETAG_HELP`)
 */
export async function uploadMultipart(
  context: TransferContext,
  state: MultipartState,
  concurrency: number,
  onPart: () => void,
): Promise<CompleteUploadResponse> {
  const { signer, blob } = context;
  // Aborted on cancel, pause, or the first failed part (so no PUT keeps running after an error).
  const local = new AbortController();
  const signal = local.signal;
  const stop = (): void => local.abort();
  context.signal.addEventListener('abort', stop, { once: true });
  if (context.signal.aborted) stop();
  let failure: unknown;
  const { id, multipart } = state.ticket;
  const { uploadId, partSize, partCount } = multipart;
  const pending: number[] = [];
  for (let n = 1; n <= partCount; n++) if (!state.done.has(n)) pending.push(n);
  const urls = new Map<number, SignedPart & { expires: number }>();
  const inFlight = new Map<number, number>();
  let signing: Promise<void> | undefined;
  // Each part's MD5, asked in part order (the Worker hashes in that order); `hashed` once known.
  const hashes = new Map<number, Promise<string>>();
  const hashed = new Map<number, string>();
  const slice = (n: number): Blob => partSlice(blob, n, partSize);
  const hash = (n: number): Promise<string> => {
    let digest = hashes.get(n);
    if (!digest) hashes.set(n, (digest = md5(slice(n)).then((value) => (hashed.set(n, value), value))));
    return digest;
  };

  const report = (): void => {
    let loaded = 0;
    for (const n of state.done.keys()) loaded += size(n);
    for (const bytes of inFlight.values()) loaded += bytes;
    context.onProgress(loaded);
  };
  const size = (n: number): number => partBytes(n, partSize, blob.size);

  const sign = async (first: number): Promise<void> => {
    await hash(first);
    // With it, every other waiting part already hashed and not yet signed.
    const numbers = [first, ...pending.filter((n) => n !== first && hashed.has(n) && !urls.has(n))].slice(
      0,
      SIGN_BATCH,
    );
    const parts = numbers.map((partNumber) => ({ partNumber, md5: hashed.get(partNumber)! }));
    const response = await signer.signParts(id, uploadId, blob.size, parts, signal);
    // Re-sign 30 s before expiry, but trust a fresh URL for a minute whatever the clock says
    // (a skewed client clock would otherwise re-sign forever; a real expiry still shows as a 403).
    const expires = Math.max(Date.parse(response.expiresAt) - 30_000, Date.now() + 60_000);
    for (const part of response.parts) urls.set(part.partNumber, { ...part, expires });
  };
  const urlFor = async (n: number): Promise<SignedPart> => {
    for (;;) {
      const part = urls.get(n);
      if (part && part.expires > Date.now()) return part;
      // One signing request at a time; the others wait for it and look again.
      if (signing) await signing;
      else await (signing = sign(n).finally(() => (signing = undefined)));
    }
  };

  const sendPart = async (n: number): Promise<void> => {
    for (let resigns = 0; ; resigns++) {
      const part = await urlFor(n);
      // While this part uploads, the Worker hashes the next ones and the next part's URL is signed
      // (with every part hashed by then), so a slot moves on without waiting for the signer.
      lookAhead();
      if (pending[0]) void urlFor(pending[0]).catch(() => 0);
      try {
        const etag = await withRetry(
          () =>
            putBlob(
              part.url,
              part.headers,
              slice(n),
              signal,
              (loaded) => (inFlight.set(n, loaded), report()),
            ),
          context.retry,
          signal,
        );
        if (!etag) throw new UploadError('ERR_ETAG_UNREADABLE', ETAG_HELP);
        state.done.set(n, etag);
        onPart();
        return;
      } catch (error) {
        const { status, s3Code } = error as UploadError;
        const badDigest = s3Code === 'BadDigest';
        if ((status !== 403 && !badDigest) || resigns >= MAX_RESIGNS) throw error;
        urls.delete(n);
        // The bytes that arrived were not those hashed: read and hash them again.
        if (badDigest) hashes.delete(n);
      } finally {
        inFlight.delete(n);
        report();
      }
    }
  };

  // The first parts are hashed before any is signed, so each upload slot's first part is ready a
  // hash after the previous one's rather than after a hash, a signing request and a PUT start.
  const lookAhead = (): void => {
    for (const next of pending.slice(0, concurrency)) void hash(next).catch(() => undefined);
  };
  lookAhead();
  const worker = async (): Promise<void> => {
    try {
      for (let n = pending.shift(); n !== undefined && !signal.aborted; n = pending.shift())
        await sendPart(n);
    } catch (error) {
      failure ??= error;
      stop();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  context.signal.removeEventListener('abort', stop);
  if (context.signal.aborted) throw abortError();
  if (failure) throw failure;

  const parts = [...state.done].sort(([a], [b]) => a - b).map(([partNumber, etag]) => ({ partNumber, etag }));
  return signer.complete(id, uploadId, parts, signal);
}
