/**
 * What the benchmark page (page.ts) offers Node through `window.bench`. Apart from page.ts, which
 * imports the competitors, so that the root typecheck needs only the project's own packages.
 */
export interface PageSetup {
  /** Bytes of the test file (already picked in the page's `<input type="file">`). */
  size: number;
  signerUrl: string;
  token: string;
  /** Uppy's chunk size: the signer's part size, so both send the same parts. */
  partSize: number;
}

export interface Timed {
  ms: number;
  key: string;
  /** When progress first reached the file's size (before the multipart upload was completed). */
  sentMs?: number;
  /** Widget and Uppy: when the first part's PUT started (Resource Timing). */
  firstPutMs?: number;
  /** Widget: when its preview was drawn, counted from `upload-success` (0: it already was). */
  previewMs?: number;
}

export interface BenchPage {
  setup(options: PageSetup): Promise<void>;
  raw(name: string, ticket: { url: string; headers: Record<string, string> }): Promise<number>;
  widget(name: string): Promise<Timed>;
  uppy(name: string): Promise<Timed>;
  /**
   * Hashes the test file's first `bytes` with the widget's Worker chunk (hash-wasm's MD5) in a
   * module Worker, as the element does; resolves with the milliseconds from posting to the digest.
   */
  md5(bytes: number): Promise<number>;
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}
