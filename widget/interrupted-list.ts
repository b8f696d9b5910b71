import type { TemplateResult, html as litHtml } from 'lit';
import type { Formatter, UploaderStrings } from './i18n/strings.js';
import { InterruptedUploads, type InterruptedUpload } from './interrupted-uploads.js';
import type { ResumeStore } from './upload/resume-store.js';
import type { SignerClient } from './upload/signer-client.js';
import type { UploadError } from './upload/upload-error.js';

/**
 * The list's English texts (`UploaderStrings.interrupted` and `discard`): they live here, in the
 * resume chunk, so the script does not carry them; translations carry theirs.
 */
export const enInterrupted = {
  interrupted: 'Interrupted: {name} ({size}, {percent} sent). Choose it again to resume.',
  discard: 'Discard {name}',
};

/** What the interrupted-uploads list uses of `<image-uploader>`'s upload controller. */
export interface InterruptedListHost extends Formatter {
  texts(): UploaderStrings;
  /** People's words for an error (error-text.ts). */
  word(error: UploadError): string;
  /** The live region's text. */
  announcement: string;
  requestUpdate(): void;
  toUploadError(caught: unknown): UploadError;
}

/** A button of the element's rows: label template, file name, action, glyph. */
export type RowButton = (label: string, name: string, action: () => void, glyph: string) => TemplateResult;

/**
 * The interrupted uploads as `<image-uploader>` shows and announces them. It lives in the resume
 * chunk (resume-chunk.ts) with the list itself: a page whose browser never stored a multipart
 * upload runs none of it, so the script does not carry it. The element passes in what the chunk
 * must share with it rather than import: Lit's `html` (the script-tag build bundles the chunk on
 * its own, and would carry a second Lit) and the formatter (the element's swaps in
 * i18n/intl-format.ts for other languages).
 */
export class InterruptedList extends InterruptedUploads {
  constructor(
    store: ResumeStore,
    signer: SignerClient,
    private readonly ui: InterruptedListHost,
  ) {
    super(
      store,
      signer,
      (listed) => {
        // Newly listed interrupted uploads are announced; the list itself is not a live region.
        if (listed) ui.announcement = this.list.map((entry) => this.describe(entry)).join(' ');
        ui.requestUpdate();
      },
      ui.toUploadError,
    );
  }

  /** The text listing an interrupted upload. */
  describe({ record, sent, error }: InterruptedUpload): string {
    const { name, size } = record.file;
    const { interrupted = enInterrupted.interrupted, lang } = this.ui.texts();
    const text = this.ui.format(
      interrupted,
      { name, size: this.ui.formatBytes(size, lang), percent: Math.floor((sent / record.size) * 100) },
      lang,
    );
    return error ? `${text} ${this.ui.word(error)}` : text;
  }

  /**
   * The list's items, each with its discard button; `discarded` is called once one is gone (the
   * element then moves the focus its button had to the drop zone).
   */
  render(html: typeof litHtml, button: RowButton, discarded: () => void): TemplateResult[] {
    const { discard = enInterrupted.discard } = this.ui.texts();
    return this.list.map(
      (entry) =>
        html`<li>
          ${this.describe(entry)}
          ${button(
            discard,
            entry.record.file.name,
            async () => {
              await this.discard(entry);
              discarded();
            },
            '×',
          )}
        </li>`,
    );
  }
}
