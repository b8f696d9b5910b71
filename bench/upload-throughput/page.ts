/**
 * The benchmark page's script (bundled by esbuild with Uppy; the widget comes from its own
 * `<script src="/image-uploader.js">`). The test file is picked through the page's
 * `<input type="file">` (Node sets it by path), so it is a disk-backed `File` as a user's would be,
 * and times one upload per call: a raw `fetch` PUT, the widget, or Uppy with `@uppy/aws-s3`.
 * Node drives it through `window.bench`.
 */
import type { AwsBody } from '@uppy/aws-s3';
import AwsS3 from '@uppy/aws-s3';
import Uppy, { type UppyEventMap } from '@uppy/core';
import type { ImageUploader } from '../../widget/image-uploader.js';
import { COMPANION_ENDPOINT, installCompanionAdapter } from './companion-adapter.js';

type Meta = { name: string; type: string; size: number };
const rawFetch = globalThis.fetch.bind(globalThis);
let content: File;
let uploader: ImageUploader;
let uppy: Uppy<Meta, AwsBody>;
/** The file Uppy is uploading, for the Companion adapter's part MD5s. */
let uppyFile: Blob;

/**
 * The test file: the one picked in the input, so a disk-backed `File` as a user's would be (an
 * in-memory `Blob` would behave differently: Chromium copies every slice of one into its blob
 * store, which a multipart upload of a picked file never pays). Each run wraps it in a `File`
 * with its own name, which refers to the same bytes on disk.
 */
const fileNamed = (name: string): File =>
  new File([content], name, { type: 'image/jpeg', lastModified: Date.now() });

/** Ms from `since` to the first part PUT's start (cleared before each upload), if any. */
function firstPut(since: number): { firstPutMs?: number } {
  const puts = performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.includes('partNumber='))
    .map((entry) => entry.startTime);
  return puts.length ? { firstPutMs: Math.min(...puts) - since } : {};
}

/** Waits until the widget's row shows its preview; returns the ms from `since` (0 if it already did). */
async function previewDrawn(since: number): Promise<number> {
  for (const end = since + 30_000; performance.now() < end;) {
    if (uploader.shadowRoot!.querySelector('img[part="preview"]'))
      return Math.max(0, performance.now() - since);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('widget: no preview 30 s after the upload');
}

window.bench = {
  async setup({ size, signerUrl, token, partSize }) {
    const picked = document.querySelector('input')?.files?.[0];
    if (picked?.size !== size) throw new Error(`picked ${picked?.size} bytes, not ${size}`);
    content = picked;
    await customElements.whenDefined('image-uploader');
    uploader = document.createElement('image-uploader');
    uploader.endpoint = signerUrl;
    uploader.getToken = () => token;
    uploader.multiple = true;
    document.body.append(uploader);

    installCompanionAdapter(
      signerUrl,
      () => token,
      () => uppyFile,
    );
    uppy = new Uppy<Meta, AwsBody>({ autoProceed: false }).use(AwsS3<Meta, AwsBody>, {
      companionEndpoint: COMPANION_ENDPOINT,
      shouldUseMultipart: true,
      getChunkSize: () => partSize,
    });
  },

  async raw(name, { url, headers }) {
    const file = fileNamed(name);
    const started = performance.now();
    // Every signed header as the ticket says, but Content-Length: the browser sets it from the body
    // (a forbidden header name).
    const { 'content-length': _length, ...signed } = headers;
    const response = await rawFetch(url, { method: 'PUT', body: file, headers: signed });
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`raw PUT answered ${response.status}: ${await response.text()}`);
    return ms;
  },

  async widget(name) {
    const file = fileNamed(name);
    let started = 0;
    let sentMs: number | undefined;
    const key = await new Promise<string>((resolve, reject) => {
      const progress = (event: GlobalEventHandlersEventMap['upload-progress']): void => {
        if (event.detail.file === file && event.detail.loaded === event.detail.total)
          sentMs ??= performance.now() - started;
      };
      const success = (event: GlobalEventHandlersEventMap['upload-success']): void => {
        if (event.detail.file !== file) return;
        done();
        resolve(event.detail.key);
      };
      const failure = (event: GlobalEventHandlersEventMap['upload-error']): void => {
        if (event.detail.file !== file) return;
        done();
        reject(new Error(`widget: ${event.detail.code} ${event.detail.message}`));
      };
      const done = (): void => {
        uploader.removeEventListener('upload-success', success);
        uploader.removeEventListener('upload-error', failure);
        uploader.removeEventListener('upload-progress', progress);
      };
      uploader.addEventListener('upload-progress', progress);
      uploader.addEventListener('upload-success', success);
      uploader.addEventListener('upload-error', failure);
      performance.clearResourceTimings();
      started = performance.now();
      uploader.addFiles([file]);
    });
    const ms = performance.now() - started;
    const first = firstPut(started);
    // A file over 64 MiB gets its preview after the upload: let it finish before the next upload.
    const previewMs = await previewDrawn(started + ms);
    uploader.clear();
    return { ms, key, previewMs, ...first, ...(sentMs !== undefined && { sentMs }) };
  },

  async uppy(name) {
    const file = (uppyFile = fileNamed(name));
    let sentMs: number | undefined;
    const progress: UppyEventMap<Meta, AwsBody>['upload-progress'] = (_, { bytesUploaded, bytesTotal }) => {
      if (bytesUploaded === bytesTotal) sentMs ??= performance.now() - started;
    };
    uppy.on('upload-progress', progress);
    performance.clearResourceTimings();
    const started = performance.now();
    uppy.addFile({ name, type: file.type, data: file, meta: { name, type: file.type, size: file.size } });
    const result = await uppy.upload();
    const ms = performance.now() - started;
    const first = firstPut(started);
    uppy.off('upload-progress', progress);
    const uploaded = result?.successful?.[0];
    if (!uploaded || result?.failed?.length) {
      const error = result?.failed?.[0]?.error ?? 'no result';
      throw new Error(`uppy: ${String(error)}`);
    }
    uppy.clear();
    return { ms, key: uploaded.response!.body!.key, ...first, ...(sentMs !== undefined && { sentMs }) };
  },

  async md5(bytes) {
    // The element's own Worker is made from a function's text; this one imports the same chunk.
    const chunk = new URL('/worker-chunk.js', location.href).href;
    const source = `onmessage=async e=>{const{md5}=await import(${JSON.stringify(chunk)});const t=performance.now();const d=await md5(e.data);postMessage([performance.now()-t,d])}`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
      type: 'module',
    });
    try {
      // Once to load the chunk and compile the WebAssembly, then the measured run.
      for (let run = 0; ; run++) {
        const [ms, digest] = await new Promise<[number, string]>((resolve, reject) => {
          worker.onmessage = (event: MessageEvent<[number, string]>) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(content.slice(0, run ? bytes : 1024));
        });
        if (!/^[A-Za-z0-9+/]{22}==$/.test(digest)) throw new Error(`md5: ${digest}`);
        if (run) return ms;
      }
    } finally {
      worker.terminate();
    }
  },
};
