import type { ErrorCode, QuotaFigures } from '../../contract/error-codes.js';
import type { NetworkReason } from './network-reason.js';
import { prepareFile, type ImageSize, type PrepareOptions, type PreparedFile } from './prepare.js';
import type { ResumeStore } from './resume-store.js';
import type { RetryOptions } from './retry.js';
import type { AppMetadata, SignerClient, Visibility } from './signer-client.js';
import { requestTickets } from './ticket-batch.js';
import { abandon, readyTicket, uploadFile, type FileState } from './upload-file.js';
import { abortError, toUploadError, type UploadError } from './upload-error.js';

export type UploadStatus = 'queued' | 'preparing' | 'uploading' | 'paused' | 'done' | 'error' | 'canceled';

/** One file in the queue; the engine mutates it and reports every change through `onEvent`. */
export interface UploadItem {
  readonly file: File;
  status: UploadStatus;
  /** Bytes sent; never decreases. */
  loaded: number;
  /** Bytes to send (after preparation; the file's size until then). */
  total: number;
  /** True once the signer chose a multipart upload (which can pause). */
  multipart: boolean;
  /** What the file asks the signer for: the element's `visibility` when it was added. */
  readonly visibility?: Visibility | undefined;
  /**
   * What the file asks the signer to bind into its upload: the element's `metadata` when it was
   * added, with what an `upload-add` listener set merged over it. Read once the file is prepared
   * (its ticket may be asked for before it starts); changing it later has no effect.
   */
  metadata?: AppMetadata | undefined;
  id?: string;
  key?: string;
  /** The picked image's size, once prepared (when known). */
  original?: ImageSize;
  /** The uploaded image's size: smaller than `original` when it was downscaled (`max-dimension`). */
  uploaded?: ImageSize;
  /**
   * `reason`: for `ERR_NETWORK` from the signer, whether CORS refused the page or nothing answered;
   * `unit`, `used` and `limit`: the signer's figures with `ERR_QUOTA_EXCEEDED`.
   */
  error?: { code: ErrorCode; message: string; reason?: NetworkReason | undefined } & Partial<QuotaFigures>;
}

export type QueueEvent = 'start' | 'progress' | 'success' | 'error' | 'complete';

/** Read on every use, so a host element can pass live getters. */
export interface UploaderOptions {
  /** The one client every file's signer requests go through (it reads its settings live too). */
  readonly signer: SignerClient;
  /** Files uploading at once. */
  readonly concurrency: number;
  /** Parts of one multipart upload in flight at once. */
  readonly partConcurrency: number;
  readonly retry: RetryOptions;
  readonly prepare: PrepareOptions;
  readonly store?: ResumeStore | null | undefined;
  onEvent(type: QueueEvent, item?: UploadItem): void;
}

interface Internal extends FileState {
  controller?: AbortController;
  prepared?: Promise<PreparedFile> | undefined;
  started?: boolean;
}

const ACTIVE: readonly UploadStatus[] = ['preparing', 'uploading'];
/**
 * Byte progress is reported at most this often (ms), for all files together, and always when a
 * file's bytes are all sent: each report re-renders the element's rows, and the browser fires an
 * upload's `progress` every 50 ms, so 3 files at once re-rendered every row 60 times a second
 * (bench/jank.ts). A file's `loaded` is always current; only the reports are fewer.
 */
export const PROGRESS_MS = 100;
const SETTLED: readonly UploadStatus[] = ['done', 'error', 'canceled'];

/** The upload queue, without any UI: what `<image-uploader>` drives. */
export interface Uploader {
  readonly items: readonly UploadItem[];
  /**
   * Queues `file`; `visibility` is asked of the signer for it (unset: the signer's default), and
   * `item.metadata` as it is when its upload starts (set it before the next microtask).
   */
  add(file: File, visibility?: Visibility): UploadItem;
  cancel(item: UploadItem): void;
  pause(item: UploadItem): void;
  resume(item: UploadItem): void;
  /** Queues a failed item again, keeping the parts it already stored. */
  retry(item: UploadItem): void;
  remove(item: UploadItem): void;
}

/**
 * Creates the upload queue: files run `concurrency` at a time through preparation, a ticket from
 * the signer (or a stored multipart upload to resume), and the transfer. The next `2 × concurrency`
 * queued files are prepared ahead, and their tickets asked for with that of a file starting (one
 * request for several files; see `requestTickets`), since they start as soon as slots free up.
 */
export function createUploader(options: UploaderOptions): Uploader {
  const items: UploadItem[] = [];
  const internals = new WeakMap<UploadItem, Internal>();
  let reported = true;
  const emit = options.onEvent;
  /** When byte progress was last reported (`Date.now()`), for any file. */
  let shown = 0;

  // Once per file (again after a failure): preparation, and the ticket request readied from it.
  const prepare = (item: UploadItem, state: Internal): Promise<PreparedFile> =>
    (state.prepared ??= prepareFile(item.file, options.prepare)
      .then(async (prepared) => (await readyTicket(item, prepared.file, state), prepared))
      .catch((error: unknown) => {
        delete state.prepared;
        throw error;
      }));

  const pump = (): void => {
    let free = options.concurrency - items.filter((i) => ACTIVE.includes(i.status)).length;
    // Prepared ahead: the files that start as the next slots free up, twice over, since small
    // photos upload faster than the next ones are prepared (so their tickets can come together).
    let ahead = 2 * options.concurrency;
    for (const item of items) {
      if (item.status !== 'queued') continue;
      if (free-- > 0) void run(item);
      // run() meets the same failure and reports it.
      else if (ahead-- > 0) prepare(item, internals.get(item)!).catch(() => 0);
    }
    if (!reported && items.every((i) => SETTLED.includes(i.status))) {
      reported = true;
      emit('complete');
    }
  };

  const fail = (item: UploadItem, error: UploadError): void => {
    item.status = error.code === 'ERR_ABORTED' ? 'canceled' : 'error';
    item.error = error;
    emit('error', item);
  };

  // The queued files readied behind this one, in queue order.
  // The queued files readied for a ticket, in queue order (as many as are prepared ahead).
  const mates = (): Internal[] =>
    items.filter((i) => i.status === 'queued' && internals.get(i)!.asks).map((i) => internals.get(i)!);

  async function run(item: UploadItem): Promise<void> {
    const state = internals.get(item)!;
    const controller = (state.controller = new AbortController());
    item.status = 'preparing';
    try {
      const { file, original, uploaded } = await prepare(item, state);
      if (controller.signal.aborted) throw abortError();
      Object.assign(item, { total: file.size, original, uploaded });
      item.status = 'uploading';
      if (!state.started) emit('start', item);
      state.started = true;
      const { id, key } = await uploadFile(item, file, state, {
        ...options,
        signal: controller.signal,
        onProgress(loaded) {
          if (loaded <= item.loaded) return;
          item.loaded = Math.min(loaded, item.total);
          // Skipped reports lose nothing: the next one shows every file's `loaded` as it is then.
          if (item.loaded < item.total && Date.now() - shown < PROGRESS_MS) return;
          shown = Date.now();
          emit('progress', item);
        },
        onMultipart() {
          item.multipart = true;
          emit('progress', item);
        },
        tickets: (descriptor, signal) => requestTickets(options.signer, descriptor, mates(), signal),
      });
      Object.assign(item, { id, key, loaded: item.total, status: 'done' });
      emit('success', item);
    } catch (error) {
      // After pause or cancel, whoever aborted has already set the status and reported it.
      if (!controller.signal.aborted) fail(item, toUploadError(error));
    }
    pump();
  }

  return {
    items,
    add(file, visibility) {
      const item: UploadItem = {
        file,
        status: 'queued',
        loaded: 0,
        total: file.size,
        multipart: false,
        visibility,
      };
      internals.set(item, {});
      items.push(item);
      reported = false;
      queueMicrotask(pump);
      return item;
    },
    cancel(item) {
      if (SETTLED.includes(item.status)) return;
      const state = internals.get(item)!;
      state.controller?.abort();
      fail(item, abortError());
      abandon(state, options);
      pump();
    },
    pause(item) {
      if (item.status !== 'uploading' || !item.multipart) return;
      item.status = 'paused';
      internals.get(item)!.controller?.abort();
      emit('progress', item);
    },
    resume(item) {
      if (item.status !== 'paused') return;
      item.status = 'queued';
      emit('progress', item);
      pump();
    },
    retry(item) {
      if (item.status !== 'error') return;
      item.status = 'queued';
      delete item.error;
      reported = false;
      pump();
    },
    remove(item) {
      this.cancel(item);
      items.splice(items.indexOf(item), 1);
      pump();
    },
  };
}
