import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { UploadAddEvent, type UploadAddDetail } from './events/upload-add-event.js';
import { UploadCompleteEvent } from './events/upload-complete-event.js';
import { UploadErrorEvent } from './events/upload-error-event.js';
import { UploadProgressEvent } from './events/upload-progress-event.js';
import { UploadStartEvent } from './events/upload-start-event.js';
import { UploadSuccessEvent } from './events/upload-success-event.js';
import { errorText } from './error-text.js';
import { format, formatBytes, type UploaderStrings } from './i18n/strings.js';
import type { InterruptedList } from './interrupted-list.js';
import { createLazyResumeStore, type LazyResumeStore } from './lazy-resume-store.js';
import { imageTask, releaseWorker } from './upload/image-worker.js';
import { edits } from './upload/prepare.js';
import { DEFAULT_RETRY, type RetryOptions } from './upload/retry.js';
import {
  createSignerClient,
  type AppMetadata,
  type SignerClient,
  type Visibility,
} from './upload/signer-client.js';
import type { TokenGetter } from './upload/signer-request.js';
import {
  createUploader,
  type QueueEvent,
  type UploadItem,
  type UploadStatus,
  type Uploader,
} from './upload/uploader.js';
import { toUploadError } from './upload/upload-error.js';
import { validateFile } from './upload/validate.js';

/** The element's settings the controller reads, live, on every use. */
export interface UploadHost extends ReactiveControllerHost, EventTarget {
  readonly endpoint: string;
  readonly getToken?: TokenGetter | undefined;
  readonly accept: string;
  readonly multiple: boolean;
  readonly maxSize: number;
  readonly maxFiles: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly maxWidth: number;
  readonly maxHeight: number;
  readonly maxDimension: number;
  readonly keepMetadata: boolean;
  readonly heicQuality?: number | undefined;
  readonly concurrency: number;
  readonly partConcurrency: number;
  readonly retry: RetryOptions;
  readonly visibility?: Visibility | undefined;
  readonly metadata?: AppMetadata | null | undefined;
  /** What removing the element does to its unfinished uploads: `continue` (default) or `cancel`. */
  readonly onDisconnect?: string | undefined;
  readonly isConnected: boolean;
}

/**
 * Files larger than this get their preview once their upload settles or pauses, not while it runs:
 * a preview reads the whole file into the Worker, which for a 200 MB file took ~0.5 s of CPU (and
 * its size in memory) while the upload needed both (see bench/upload-throughput.ts). 64 MiB is
 * beyond camera JPEGs and the signer's default size limit, so photos keep their preview at once.
 */
export const DEFERRED_PREVIEW_BYTES = 64 * 1024 * 1024;
/** While an upload is in these states, its deferred preview waits. */
const RUNNING: readonly UploadStatus[] = ['queued', 'preparing', 'uploading'];

/**
 * Failures that the same file, sent again, meets again: the file (its type, size, pixels or bytes),
 * the page's settings or the account must change first, so no retry button is shown. Anything
 * else (network, token, rate, storage or server trouble) may pass on another try. Matched by
 * unique prefix, to keep the script small: `ERR_TYPE_NOT_ALLOWED`, `ERR_FILE_TOO_LARGE`,
 * `ERR_FILE_EMPTY`, `ERR_TOO_MANY_FILES`, `ERR_VISIBILITY_NOT_ALLOWED`, `ERR_METADATA_INVALID`,
 * `ERR_QUOTA_EXCEEDED`, `ERR_BAD_REQUEST`, `ERR_BODY_TOO_LARGE`, `ERR_DIMENSIONS`,
 * `ERR_HEIC_UNSUPPORTED`, `ERR_DECODE_FAILED`, `ERR_ETAG_UNREADABLE` (the bucket's CORS hides the
 * ETag: the operator must fix it).
 */
const FINAL = /^ERR_(TYPE|FILE|TOO_MANY_F|VIS|MET|QUO|BAD|BODY|DIM|HEIC|DEC|ETAG)/;

/** An uploaded file as the form state keeps it for Back and autofill: key, id, name, type, size. */
export type RestoredFile = [key: string, id: string, name: string, type: string, size: number];

/** Not refused, failed or canceled. */
export const kept = (item: UploadItem): boolean => item.status !== 'error' && item.status !== 'canceled';
/** Kept and not yet uploaded. */
export const busy = (item: UploadItem): boolean => kept(item) && item.status !== 'done';

/**
 * Connects `<image-uploader>` to the upload engine: keeps the rows (refusals included) and their
 * previews, turns engine callbacks into the element's events, words statuses, and lists the
 * uploads an earlier page left unfinished. Registered with its host: out of the page, the
 * previews' object URLs are freed (and made again when it is back) and the Worker is let go once
 * idle; the uploads go on, or with `on-disconnect="cancel"` are canceled unless the element is back
 * within the same synchronous run (moved, not removed).
 */
export class UploadController implements ReactiveController {
  /** Every file, in the order added; finished ones cleared from the list are still here. */
  rows: UploadItem[] = [];
  /** Finished rows cleared from the list: their keys stay the element's value. */
  readonly #cleared = new WeakSet<UploadItem>();
  /** Object URLs of the rows' previews, while the host is in the page. */
  readonly previews = new Map<UploadItem, string>();
  /** Overall progress of the current batch, 0–1; never decreases within a batch. */
  overall = 0;
  /** The live region's text. */
  announcement = '';
  readonly #announced = new WeakMap<UploadItem, string>();
  /** Files whose preview waits until their upload is no longer running. */
  readonly #deferred = new Set<UploadItem>();
  /** The upload queue; the element calls it directly to cancel, pause, resume and retry. */
  readonly engine: Uploader;
  /**
   * Uploads an earlier page left unfinished, offered for resuming; made (in the resume chunk) once
   * an endpoint is set, if the browser has the resume store's database.
   */
  interrupted?: InterruptedList | undefined;
  readonly #store: LazyResumeStore;
  readonly #signer: SignerClient;
  #chunk?: ReturnType<LazyResumeStore['chunk']>;

  constructor(
    private readonly host: UploadHost,
    /** The element's texts, in its language. */
    readonly texts: () => UploaderStrings,
  ) {
    // One signer client per element. It reads the element's `endpoint`, `getToken` and `retry`
    // when it sends, so a page may set them after the element is created, or change them.
    const signer = (this.#signer = createSignerClient(host));
    const store = (this.#store = createLazyResumeStore());
    this.engine = createUploader({
      signer,
      get concurrency() {
        return Math.max(1, host.concurrency);
      },
      get partConcurrency() {
        return Math.max(1, host.partConcurrency);
      },
      get retry() {
        return { ...DEFAULT_RETRY, ...host.retry };
      },
      get prepare() {
        const { keepMetadata, heicQuality, maxDimension, minWidth, minHeight, maxWidth, maxHeight } = host;
        return {
          stripMetadata: !keepMetadata,
          heicQuality,
          maxDimension,
          minWidth,
          minHeight,
          maxWidth,
          maxHeight,
        };
      },
      store,
      onEvent: (type, item) => this.#onEngine(type, item),
    });
    host.addController(this);
  }

  /** The rows in the list: every file but the finished ones cleared from it. */
  get shown(): UploadItem[] {
    return this.rows.filter((row) => !this.#cleared.has(row));
  }

  hostUpdated(): void {
    // Once an endpoint is set (or changed): which uploads to it did an earlier page leave unfinished?
    if (this.host.endpoint) void this.#listInterrupted();
  }

  async #listInterrupted(): Promise<void> {
    const chunk = await (this.#chunk ??= this.#store.chunk());
    // The list words and renders itself (interrupted-list.ts) with what this controller passes.
    this.interrupted ??= chunk && new chunk.InterruptedList(this.#store, this.#signer, this);
    await this.interrupted?.load(this.host.endpoint, () => this.rows.map((row) => row.file));
  }

  // For the interrupted-uploads list (interrupted-list.ts), which lives in the resume chunk. Getters:
  // strings.ts swaps its formatter once i18n/intl-format.ts has loaded.
  get format(): typeof format {
    return format;
  }
  get formatBytes(): typeof formatBytes {
    return formatBytes;
  }
  readonly toUploadError = toUploadError;
  /** The editor's results by file (upload/prepare.ts), for the editor chunk. */
  readonly edits = edits;
  requestUpdate(): void {
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // Back in the page (moved by a framework, say): make again the previews freed below.
    for (const row of this.previews.keys()) this.preview(row);
  }

  hostDisconnected(): void {
    for (const url of this.previews.values()) URL.revokeObjectURL(url);
    releaseWorker();
    // A move (`append` elsewhere, a framework reordering a list) disconnects and connects again in
    // the same synchronous run: only an element still out of the page a microtask later cancels.
    if (this.host.onDisconnect === 'cancel')
      queueMicrotask(() => {
        if (!this.host.isConnected) for (const row of this.rows) this.engine.cancel(row);
      });
  }

  /** Is this row in the engine's queue (not a refusal)? */
  queued(item: UploadItem): boolean {
    return this.engine.items.includes(item);
  }

  /** Did this row's upload fail in a way another try may get past (see `FINAL`)? */
  retryable(item: UploadItem): boolean {
    return item.status === 'error' && this.queued(item) && !FINAL.test(item.error!.code);
  }

  /**
   * Validates and queues files; refusals become rows with their error. A slice of 10 ms now and
   * the rest in later tasks, each slice's rows drawn before the next: a
   * picked file's first `size` is a synchronous call to the browser process (100 photos: 25 ms in
   * Chromium 156), and drawing 100 new rows as many again, so one task for them all was the page's
   * only long task (bench/jank.ts: 57–85 ms).
   */
  add(files: Iterable<File>): void {
    const { host } = this;
    if (!this.rows.some(busy)) this.overall = 0;
    const { lang, errors } = this.texts();
    const rules = {
      accept: host.accept,
      maxSize: host.maxSize,
      maxFiles: host.multiple ? host.maxFiles : 1,
      lang,
    };
    const waiting = [...files];
    const slice = (): void => {
      // With the rows it draws, a slice stays far under the 50 ms of a long task.
      const end = performance.now() + 10;
      for (let file; performance.now() < end && (file = waiting.shift());) {
        const refusal = validateFile(file, rules, this.rows.filter(kept).length);
        if (refusal) {
          const message = format(errors[refusal.code] ?? refusal.code, refusal.params, lang);
          const error = { code: refusal.code, message };
          this.rows.push({ file, status: 'error', loaded: 0, total: file.size, multipart: false, error });
          host.dispatchEvent(new UploadErrorEvent({ ...error, file }));
          continue;
        }
        this.interrupted?.take(file);
        // A removed attribute is `null`, which the signer would refuse: unset is left out.
        const item = this.engine.add(file, host.visibility || undefined);
        this.rows.push(item);
        const detail: UploadAddDetail = { file, item };
        host.dispatchEvent(new UploadAddEvent(detail));
        // A listener's metadata for this file goes over the element's; a removed attribute is `null`.
        const { metadata } = host;
        item.metadata = detail.metadata ? { ...metadata, ...detail.metadata } : metadata || undefined;
        if (file.size > DEFERRED_PREVIEW_BYTES) this.#deferred.add(item);
        else this.preview(item);
      }
      host.requestUpdate();
      // Removed meanwhile with on-disconnect="cancel": the files not yet added are dropped too.
      if (waiting.length) setTimeout(() => (host.isConnected || host.onDisconnect != 'cancel') && slice());
    };
    slice();
  }

  /** Adds finished rows for files uploaded on an earlier visit of the page (form state restore). */
  restore(files: readonly RestoredFile[]): void {
    for (const [key, id, name, type, size] of files) {
      if (typeof key !== 'string') continue;
      const file = new File([], name, { type });
      this.rows.push({ file, status: 'done', loaded: size, total: size, multipart: false, key, id });
    }
    this.host.requestUpdate();
  }

  /** Decodes a 160 px thumbnail (edited, when it was) in the Worker and shows it, unless the row is gone by then. */
  preview(item: UploadItem): void {
    void imageTask({ blob: item.file, preview: 160, edit: edits.get(item.file) }).then(({ blob }) => {
      if (blob && this.rows.includes(item)) this.previews.set(item, URL.createObjectURL(blob));
      this.host.requestUpdate();
    });
  }

  /** Takes the finished rows out of the list; their keys stay the value. */
  clearFinished(): void {
    for (const row of this.rows.filter((row) => row.status === 'done')) {
      this.#cleared.add(row);
      this.#forgetPreview(row);
    }
    this.host.requestUpdate();
  }

  #forgetPreview(item: UploadItem): void {
    this.#deferred.delete(item);
    URL.revokeObjectURL(this.previews.get(item) ?? '');
    this.previews.delete(item);
  }

  /** Removes a row, canceling its upload first when unfinished. */
  remove(item: UploadItem): void {
    if (this.queued(item)) this.engine.remove(item);
    this.rows = this.rows.filter((row) => row !== item);
    this.#forgetPreview(item);
    this.#changed();
  }

  /** The text shown next to a file: its status, progress or error; a downscaled image says so. */
  status(item: UploadItem): string {
    const texts = this.texts();
    const percent = item.total ? Math.floor((item.loaded / item.total) * 100) : 0;
    if (item.status === 'error') return this.#message(item)!;
    const status = format(texts.status[item.status], { percent }, texts.lang);
    const { original, uploaded } = item;
    return item.status === 'done' && uploaded && original!.width !== uploaded.width
      ? `${status} · ${format(texts.resized, { ...uploaded }, texts.lang)}`
      : status;
  }

  #message(item: UploadItem): string | undefined {
    const error = item.error;
    // Refusals were worded (with their values) when they happened; engine errors are worded now.
    return error && this.queued(item) ? this.word(error) : error?.message;
  }

  /** People's words for an engine error (see `errorText`). */
  word(error: NonNullable<UploadItem['error']>): string {
    return errorText(this.texts(), error, this.host.endpoint);
  }

  #changed(): void {
    this.host.requestUpdate();
    this.host.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #onEngine(type: QueueEvent, item?: UploadItem): void {
    const { host } = this;
    host.requestUpdate();
    if (!item) {
      const done = this.rows.filter((row) => row.status === 'done');
      const failed = this.rows.filter((row) => row.error && this.queued(row));
      const succeeded = done.map(({ file, id, key }) => ({ file, id: id!, key: key! }));
      host.dispatchEvent(
        new UploadCompleteEvent({
          succeeded,
          failed: failed.map(({ file, error }) => ({ file, code: error!.code })),
        }),
      );
      return;
    }
    // A file taken out of the list: held by the editor (editor-chunk.ts), or removed.
    if (!this.rows.includes(item)) return;
    const { file } = item;
    if (this.#deferred.has(item) && !RUNNING.includes(item.status)) {
      this.#deferred.delete(item);
      this.preview(item);
    }
    this.#announce(item);
    if (type === 'start') host.dispatchEvent(new UploadStartEvent({ file, item }));
    if (type === 'progress') {
      const rows = this.shown.filter(kept);
      const total = rows.reduce((sum, row) => sum + row.total, 0);
      this.overall = Math.max(this.overall, total && rows.reduce((sum, row) => sum + row.loaded, 0) / total);
      host.dispatchEvent(
        new UploadProgressEvent({
          file,
          item,
          loaded: item.loaded,
          total: item.total,
          overall: this.overall,
        }),
      );
    }
    if (type === 'success') {
      const { id, key, original, uploaded } = item;
      host.dispatchEvent(new UploadSuccessEvent({ file, id: id!, key: key!, original, uploaded }));
      this.#changed();
    }
    if (type === 'error')
      host.dispatchEvent(
        new UploadErrorEvent({ code: item.error!.code, message: this.#message(item)!, file }),
      );
  }

  /** Announces status changes, and progress by quarters, through the live region. */
  #announce(item: UploadItem): void {
    const quarter = item.total ? Math.floor((item.loaded / item.total) * 4) * 25 : 0;
    const texts = this.texts();
    const status =
      item.status === 'uploading'
        ? format(texts.status.uploading, { percent: quarter }, texts.lang)
        : this.status(item);
    if (this.#announced.get(item) === status) return;
    this.#announced.set(item, status);
    this.announcement = format(texts.announce, { name: item.file.name, status });
  }
}
