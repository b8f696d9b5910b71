import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { loadEditorChunk } from './editor/load-editor-chunk.js';
import type { UploaderStrings } from './i18n/strings.js';
import { format } from './i18n/strings.js';
import { stringsFor } from './i18n/translations.js';
import { styles } from './image-uploader.styles.js';
import { UploadController, busy, kept, type RestoredFile } from './upload-controller.js';
import { DEFAULT_RETRY, type RetryOptions } from './upload/retry.js';
import type { AppMetadata, Visibility } from './upload/signer-client.js';
import type { TokenGetter } from './upload/signer-request.js';
import type { UploadItem } from './upload/uploader.js';

/** The types the signer accepts by default, plus HEIC, which is converted to JPEG where possible. */
export const DEFAULT_ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif,image/heic,image/heif';

/**
 * @summary Uploads images from the browser straight to S3 with presigned URLs from the signer.
 *
 * @slot label - The drop zone's label; default "Choose images".
 * @slot hint - Text under the label; default "or drop or paste them here".
 *
 * @event {UploadAddEvent} upload-add - A file passed validation and joined the queue; a listener may set `detail.metadata` for it.
 * @event {UploadStartEvent} upload-start - A file starts uploading.
 * @event {UploadProgressEvent} upload-progress - Bytes were sent; a file paused or resumed.
 * @event {UploadSuccessEvent} upload-success - A file is stored; `detail` has its `key` and `id`.
 * @event {UploadErrorEvent} upload-error - A file was refused or failed; `detail` has `code`, `message`, `file`.
 * @event {UploadCompleteEvent} upload-complete - Every queued file has settled.
 * @event change - The value (the uploaded keys) changed.
 *
 * @csspart base - The wrapper around everything.
 * @csspart drop-zone - The button that opens the file picker and takes drops.
 * @csspart label - The drop zone's label.
 * @csspart hint - The text under the label.
 * @csspart interrupted - The list of uploads an earlier page left unfinished (choose the file again to resume).
 * @csspart list - The list of files.
 * @csspart item - One file; also carries its status as a part: `queued`, `preparing`, `uploading`, `paused`, `done`, `error`, `canceled`. A `done` row is compact.
 * @csspart preview - A file's thumbnail.
 * @csspart name - A file's name.
 * @csspart progress - A file's progress bar.
 * @csspart status - A file's status or error text.
 * @csspart button - The edit, pause, resume, retry, cancel, remove and discard buttons.
 * @csspart editor - The editor's dialog (crop, rotate, flip), with `editor`.
 * @csspart clear - The "Clear finished" button.
 * @csspart total - The overall progress bar.
 *
 * @cssproperty --image-uploader-accent - Progress and focus colour.
 * @cssproperty --image-uploader-background - Drop zone background.
 * @cssproperty --image-uploader-foreground - Text colour.
 * @cssproperty --image-uploader-border - Border colour.
 * @cssproperty --image-uploader-danger - Error colour.
 * @cssproperty --image-uploader-radius - Corner radius.
 */
export class ImageUploader extends LitElement {
  static override styles = styles;
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  // Declared here rather than with `@property()` decorators: Lit makes the same accessors, and the
  // bundles carry no decorator helpers (1.9 KB min, 0.5 KB gzip). The fields below hold the defaults.
  static override properties: PropertyDeclarations = {
    endpoint: {},
    accept: {},
    multiple: { type: Boolean },
    capture: {},
    maxSize: { attribute: 'max-size', type: Number },
    maxFiles: { attribute: 'max-files', type: Number },
    minWidth: { attribute: 'min-width', type: Number },
    minHeight: { attribute: 'min-height', type: Number },
    maxWidth: { attribute: 'max-width', type: Number },
    maxHeight: { attribute: 'max-height', type: Number },
    maxDimension: { attribute: 'max-dimension', type: Number },
    heicQuality: { attribute: 'heic-quality', type: Number },
    keepMetadata: { attribute: 'keep-metadata', type: Boolean },
    concurrency: { type: Number },
    partConcurrency: { attribute: 'part-concurrency', type: Number },
    visibility: { reflect: true },
    // The attribute holds JSON (Lit's converter for `Object`: text that is not JSON reads as `null`).
    metadata: { type: Object },
    name: {},
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    getToken: { attribute: false },
    strings: { attribute: false },
    retry: { attribute: false },
    onDisconnect: { attribute: 'on-disconnect' },
    editor: { type: Boolean },
    cropAspectRatio: { attribute: 'crop-aspect-ratio' },
    // `attribute: false` is what `state` implies; spelled out for the manifest analyzer.
    dragging: { state: true, attribute: false },
  };

  /** The signer's base URL. */
  endpoint = '';
  /** Accepted types, as for `<input accept>`. */
  accept = DEFAULT_ACCEPT;
  multiple = false;
  /** On phones, open the camera: `environment` (back) or `user` (front). */
  capture?: string;
  /** Largest file in bytes; 0 leaves it to the signer. */
  maxSize = 0;
  /** Most files kept at once; 0 is unlimited (1 without `multiple`). */
  maxFiles = 0;
  minWidth = 0;
  minHeight = 0;
  maxWidth = 0;
  maxHeight = 0;
  /** Downscale images whose longer side exceeds this many pixels; 0 never. */
  maxDimension = 4096;
  /** Upload JPEGs with their EXIF (GPS included) instead of removing it. */
  keepMetadata = false;
  /** JPEG quality, 0–1, of a HEIC converted where the browser cannot decode it (default 0.9). */
  heicQuality?: number;
  /** Files uploading at once. */
  concurrency = 3;
  /** Parts of one large file uploading at once. */
  partConcurrency = 4;
  /**
   * Who may see the uploaded images: `public` (anyone with the URL, through the CDN) or `private`
   * (the owner, through signed URLs); unset leaves it to the signer's default. Each file keeps the
   * value it was added with. The signer refuses one it does not allow: `ERR_VISIBILITY_NOT_ALLOWED`.
   * @type {'public' | 'private' | undefined}
   */
  visibility?: Visibility;
  /**
   * The page's own context for each upload, e.g. `{ listing_id: '42' }`: string values, keys of 1
   * to 40 of `a-z 0-9 _ -`, at most 2 KiB as JSON. The signer binds it, with the user's identity,
   * into the upload, and the image's events and webhooks carry it to the site's server. Each file
   * keeps the value it was added with; an `upload-add` listener can set `detail.metadata` to merge
   * a file's own over it. The `metadata` attribute takes it as JSON (text that is not JSON reads as
   * `null`: none). The signer refuses metadata that breaks the rules, per file:
   * `ERR_METADATA_INVALID`, not retried.
   * @type {Record<string, string> | null | undefined}
   */
  metadata?: AppMetadata | null;
  /** Form field name; each uploaded key becomes one entry. */
  name = '';
  required = false;
  disabled = false;
  /** Returns the bearer token; called before every signer request. */
  getToken?: TokenGetter;
  /** Texts; by default chosen by `lang` (see i18n/translations.ts), English otherwise. */
  strings?: UploaderStrings;
  retry: RetryOptions = DEFAULT_RETRY;
  /**
   * What removing the element from the page does to its unfinished uploads. `continue` (the
   * default) lets them finish: frameworks take elements out and put them back (a keyed list
   * reordered, a component moved), a route change should not lose a photo that is half sent, and
   * the keys still reach `value` and the events. `cancel` stops them (and aborts their multipart
   * uploads at the signer) when the element is still out of the page once the code that took it
   * out has run (a microtask later), so a move does not. Either way, previews' object URLs are
   * freed and the Worker let go once idle; put back, the element shows its rows again.
   * @type {'continue' | 'cancel'}
   */
  onDisconnect: 'continue' | 'cancel' = 'continue';
  /**
   * Open the editor (crop, rotate, flip) for each image before it is queued, one after another;
   * canceling it leaves the image out. Queued images get an Edit button (see `edit()`). The editor
   * is a chunk of its own (`editor-chunk.js`), loaded the first time it opens.
   */
  editor = false;
  /**
   * The editor's crop shape, width/height: `1`, `16/9`, `4/3` (any `w/h` or number), or `free`
   * (the default, as is anything else).
   * @type {'free' | '1' | '16/9' | '4/3' | string | undefined}
   */
  cropAspectRatio?: string;

  private dragging = false;
  #formDisabled = false;
  readonly #internals = this.attachInternals();
  readonly #uploads = new UploadController(this, () => this.#strings);

  constructor() {
    super();
    this.addEventListener('paste', (event) => this.#take(event, event.clipboardData));
  }

  /** The keys of the uploaded files, in the order they were added. */
  get value(): string[] {
    return this.#uploads.rows.flatMap((item) => (item.status === 'done' ? [item.key!] : []));
  }

  /** Every file in the list, refused ones included (not those cleared with `clearFinished()`). */
  get items(): readonly UploadItem[] {
    return this.#uploads.shown;
  }

  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Validates and queues files, as picking, dropping or pasting them does. */
  addFiles(files: Iterable<File>): void {
    if (this.disabled || this.#formDisabled) return;
    if (this.editor) void this.edit([...files]);
    else this.#uploads.add(files);
  }

  /**
   * Opens the editor (crop, rotate, flip) for a queued file (one that has not started uploading),
   * which waits out of the queue until the editor closes; or for files before they are queued, one
   * after another, as adding them with `editor` does (canceling leaves a file out). Resolves `true`
   * when something was edited, `false` when canceled (a queued file stays as it was) or when the
   * file is no longer queued.
   * @example uploader.edit(uploader.items.find((item) => item.status === 'queued')!)
   */
  edit(what: UploadItem | File[]): Promise<boolean> {
    return loadEditorChunk().then(
      (chunk) => chunk.edit(this, this.#uploads, what),
      // Without the chunk (offline, a host that does not serve it), files go up as they are.
      () => (Array.isArray(what) && this.#uploads.add(what), false),
    );
  }

  /** Cancels one file, or every unfinished one. */
  cancel(item?: UploadItem): void {
    for (const row of item ? [item] : this.#uploads.rows) this.#uploads.engine.cancel(row);
  }

  /** Pauses a multipart upload; parts already stored are kept. */
  pause(item: UploadItem): void {
    this.#uploads.engine.pause(item);
  }

  resume(item: UploadItem): void {
    this.#uploads.engine.resume(item);
  }

  /** Removes a file from the list (canceling it first when unfinished). */
  removeFile(item: UploadItem): void {
    this.#uploads.remove(item);
  }

  /** Takes the uploaded files out of the list; their keys stay the value. */
  clearFinished(): void {
    this.#uploads.clearFinished();
  }

  /** Removes every file. */
  clear(): void {
    for (const item of [...this.#uploads.rows]) this.#uploads.remove(item);
  }

  formResetCallback(): void {
    this.clear();
    // At once: a restored value (below) must be gone from the form before `reset()` returns.
    this.#internals.setFormValue(null);
  }

  /**
   * Shows again the files a form had when the page is restored from history (Back, a reload of a
   * tab) or autofilled: the browser hands back the state `updated()` saved, each uploaded file's
   * key, id, name, type and size (HTML § 4.13.7.1, "restore"). The files are not read again; their
   * rows are finished ones, without previews. Ignored once the element has files of its own.
   */
  formStateRestoreCallback(state: unknown): void {
    if (typeof state !== 'string' || this.#uploads.rows.length) return;
    try {
      this.#uploads.restore(JSON.parse(state) as RestoredFile[]);
    } catch {
      // Not a state this element saved (autofill from another control, say): nothing to restore.
    }
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  get #strings(): UploaderStrings {
    return (
      this.strings ??
      stringsFor(this.closest('[lang]')?.getAttribute('lang') ?? '', () => this.requestUpdate())
    );
  }

  #take(event: Event, data: DataTransfer | null): void {
    const files = [...(data?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    this.addFiles(files);
  }

  #pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.addFiles([...(input.files ?? [])]);
    input.value = '';
  }

  #drag(event: DragEvent, over: boolean): void {
    event.preventDefault();
    this.dragging = over && !this.disabled && !this.#formDisabled;
  }

  override updated(): void {
    const done = this.#uploads.rows.filter((row) => row.status === 'done');
    const keys = done.map((row) => row.key!);
    const form = new FormData();
    for (const key of keys) form.append(this.name, key);
    const state: RestoredFile[] = done.map(({ key, id, file, total }) => [
      key!,
      id!,
      file.name,
      file.type,
      total,
    ]);
    this.#internals.setFormValue(this.name && keys.length ? form : null, JSON.stringify(state));
    const s = this.#strings;
    const anchor = this.renderRoot.querySelector('button') ?? undefined;
    if (this.#uploads.rows.some(busy)) this.#internals.setValidity({ customError: true }, s.busy, anchor);
    else if (this.required && !keys.length)
      this.#internals.setValidity({ valueMissing: true }, s.required, anchor);
    else this.#internals.setValidity({});
  }

  override render(): TemplateResult {
    const s = this.#strings;
    const disabled = this.disabled || this.#formDisabled;
    const rows = this.#uploads.shown;
    const interrupted = this.#uploads.interrupted;
    const button = (label: string, name: string, action: () => void, glyph: string): TemplateResult =>
      html`<button part="button" type="button" aria-label=${format(label, { name })} @click=${action}>
        ${glyph}
      </button>`;
    // A button that removes or hides itself hands the focus to the drop zone, not to the page.
    const focusDropZone = (): void => this.renderRoot.querySelector('button')!.focus();
    return html`<div
      part="base"
      class=${this.dragging ? 'dragging' : ''}
      @dragover=${(e: DragEvent) => this.#drag(e, true)}
      @dragleave=${(e: DragEvent) => this.#drag(e, false)}
      @drop=${(e: DragEvent) => (this.#drag(e, false), disabled || this.#take(e, e.dataTransfer))}
    >
      <button
        part="drop-zone"
        type="button"
        ?disabled=${disabled}
        aria-describedby="hint"
        @click=${() => this.renderRoot.querySelector('input')!.click()}
      >
        <span part="label"><slot name="label">${s.choose}</slot></span>
        <span part="hint" id="hint"><slot name="hint">${s.hint}</slot></span>
      </button>
      <input
        type="file"
        hidden
        tabindex="-1"
        accept=${this.accept}
        ?multiple=${this.multiple}
        capture=${this.capture ?? nothing}
        @change=${this.#pick}
      />
      <ul part="interrupted" ?hidden=${!interrupted?.list.length}>
        ${interrupted?.render(html, button, async () => {
          await this.updateComplete;
          if (!this.shadowRoot!.activeElement) focusDropZone();
        })}
      </ul>
      <ul part="list" aria-label=${s.files} ?hidden=${!rows.length}>
        ${rows.map((item) => {
          const preview = this.#uploads.previews.get(item);
          const active = busy(item);
          const name = item.file.name;
          const act = (action: (item: UploadItem) => void) => () => action.call(this, item);
          return html`<li part="item ${item.status}">
            ${preview ? html`<img part="preview" alt="" src=${preview} />` : html`<span part="preview"></span>`}
            <span part="name">${name}</span>
            <progress
              part="progress"
              max=${item.total || 1}
              .value=${item.loaded}
              aria-label=${name}
            ></progress>
            <span part="status">${this.#uploads.status(item)}</span>
            ${this.editor && item.status === 'queued' ? button(s.edit, name, act(this.edit), '✎') : nothing}
            ${item.multipart && item.status === 'uploading' ? button(s.pause, name, act(this.pause), '❚❚') : nothing}
            ${item.status === 'paused' ? button(s.resume, name, act(this.resume), '▶') : nothing}
            ${this.#uploads.retryable(item) ? button(s.retry, name, act(this.#uploads.engine.retry), '↻') : nothing}
            ${active ? button(s.cancel, name, act(this.cancel), '×') : button(s.remove, name, act(this.removeFile), '×')}
          </li>`;
        })}
      </ul>
      <button
        part="clear"
        type="button"
        ?hidden=${!rows.some((row) => row.status === 'done')}
        @click=${() => (this.clearFinished(), focusDropZone())}
      >
        ${s.clearFinished}
      </button>
      <progress
        part="total"
        ?hidden=${!rows.some(kept)}
        max="1"
        .value=${this.#uploads.overall}
        aria-label=${s.total}
      ></progress>
      <div class="sr-only" role="status" aria-live="polite">${this.#uploads.announcement}</div>
    </div>`;
  }
}

customElements.define('image-uploader', ImageUploader);

declare global {
  interface HTMLElementTagNameMap {
    'image-uploader': ImageUploader;
  }
}
