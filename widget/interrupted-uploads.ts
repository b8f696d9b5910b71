import { partBytes } from './upload/parts.js';
import type { ResumeRecord, ResumeStore } from './upload/resume-store.js';
import type { SignerClient } from './upload/signer-client.js';
import type { UploadError } from './upload/upload-error.js';

/** A multipart upload an earlier page left unfinished, as `<image-uploader>` lists it. */
export interface InterruptedUpload {
  readonly record: ResumeRecord;
  /** Bytes S3 held of `record.size` when the earlier page last saved its progress. */
  readonly sent: number;
  /** Why discarding it failed, if it did. */
  error?: UploadError;
}

/** Is `file` the one the record was made for (the resume fingerprint then decides for sure)? */
const sameFile = (file: File, { file: known }: ResumeRecord): boolean =>
  file.name === known.name && file.size === known.size && file.lastModified === known.lastModified;

/**
 * The interrupted uploads of one element: read from the resume store once per signer endpoint,
 * forgotten when their file is chosen again (the upload engine then resumes it), or discarded:
 * aborted through the signer, so S3 keeps none of their parts, and their record deleted.
 */
export class InterruptedUploads {
  /** What is listed now. */
  list: readonly InterruptedUpload[] = [];
  #endpoint = '';

  constructor(
    private readonly store: ResumeStore,
    private readonly signer: SignerClient,
    /** Called after every change; `listed` after the list was read anew. */
    private readonly changed: (listed?: boolean) => void,
    /**
     * upload-error.ts's `toUploadError`, passed in: this class is loaded in a chunk of its own
     * (resume-chunk.ts), whose copy of `UploadError` would not know the signer's errors.
     */
    private readonly toUploadError: (caught: unknown) => UploadError,
  ) {}

  /**
   * Lists the records of `endpoint`, unless they were already read for it, leaving out uploads of
   * files this page already has (`running`, asked only when the records are read).
   */
  async load(endpoint: string, running: () => readonly File[]): Promise<void> {
    if (!endpoint || endpoint === this.#endpoint) return;
    this.#endpoint = endpoint;
    const files = running();
    const records = await this.store.list();
    if (endpoint !== this.#endpoint) return; // the endpoint changed while the store was read
    this.list = records
      .filter(
        (record) =>
          record.endpoint === endpoint && record.file && !files.some((file) => sameFile(file, record)),
      )
      .map((record) => {
        const { partSize, size, parts } = record;
        return {
          record,
          sent: parts.reduce((sum, part) => sum + partBytes(part.partNumber, partSize, size), 0),
        };
      });
    this.changed(true);
  }

  /** Stops listing the upload of `file`, chosen again. */
  take(file: File): void {
    this.list = this.list.filter((entry) => !sameFile(file, entry.record));
  }

  /**
   * Aborts the upload through the signer and deletes its record; one the signer no longer knows
   * (404: completed, aborted or expired) is deleted too. Any other failure keeps it listed, with
   * its `error`.
   */
  async discard(entry: InterruptedUpload): Promise<void> {
    const { id, uploadId, fingerprint } = entry.record;
    try {
      await this.signer.abort(id, uploadId);
    } catch (caught) {
      const error = this.toUploadError(caught);
      if (error.status !== 404) {
        entry.error = error;
        this.changed();
        return;
      }
    }
    await this.store.delete(fingerprint);
    this.list = this.list.filter((listed) => listed !== entry);
    this.changed();
  }
}
