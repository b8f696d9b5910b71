/**
 * The benchmark page's script (bundled by esbuild with Uppy; the widget comes from its own
 * `<script src="/image-uploader.js">`). It builds the test file in the page, so no large body
 * crosses the DevTools protocol, and times one upload per call: a raw `fetch` PUT, the widget,
 * or Uppy with `@uppy/aws-s3`. Node drives it through `window.bench`.
 */
import type { AwsBody } from '@uppy/aws-s3';
import AwsS3 from '@uppy/aws-s3';
import Uppy, { type UppyEventMap } from '@uppy/core';
import type { ImageUploader } from '../../widget/image-uploader.js';
import { COMPANION_ENDPOINT, installCompanionAdapter } from './companion-adapter.js';

export interface PageSetup {
  /** A real small JPEG; the file is this followed by filler bytes. */
  seedUrl: string;
  /** Bytes of the test file. */
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
}

export interface BenchPage {
  setup(options: PageSetup): Promise<void>;
  raw(name: string, ticket: { url: string; headers: Record<string, string> }): Promise<number>;
  widget(name: string): Promise<Timed>;
  uppy(name: string): Promise<Timed>;
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}

type Meta = { name: string; type: string; size: number };
const rawFetch = globalThis.fetch.bind(globalThis);
let content: Blob;
let uploader: ImageUploader;
let uppy: Uppy<Meta, AwsBody>;

/** The test file: one Blob built once; each run wraps it in a File with its own name (no copy). */
const fileNamed = (name: string): File =>
  new File([content], name, { type: 'image/jpeg', lastModified: Date.now() });

/** 1 MiB of xorshift noise, repeated after the JPEG to reach `size` bytes. */
async function buildContent(seedUrl: string, size: number): Promise<Blob> {
  const seed = await (await rawFetch(seedUrl)).blob();
  const noise = new Uint32Array(1 << 18);
  let x = 2463534242;
  for (let i = 0; i < noise.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = x >>> 0;
  }
  const filler = new Uint8Array(noise.buffer);
  const parts: BlobPart[] = [seed];
  for (let left = size - seed.size; left > 0; left -= filler.length)
    parts.push(filler.subarray(0, Math.min(left, filler.length)));
  return new Blob(parts, { type: 'image/jpeg' });
}

window.bench = {
  async setup({ seedUrl, size, signerUrl, token, partSize }) {
    content = await buildContent(seedUrl, size);
    if (content.size !== size) throw new Error(`built ${content.size} bytes, not ${size}`);
    await customElements.whenDefined('image-uploader');
    uploader = document.createElement('image-uploader');
    uploader.endpoint = signerUrl;
    uploader.getToken = () => token;
    uploader.multiple = true;
    document.body.append(uploader);

    installCompanionAdapter(signerUrl, () => token);
    uppy = new Uppy<Meta, AwsBody>({ autoProceed: false }).use(AwsS3<Meta, AwsBody>, {
      companionEndpoint: COMPANION_ENDPOINT,
      shouldUseMultipart: true,
      getChunkSize: () => partSize,
    });
  },

  async raw(name, { url, headers }) {
    const file = fileNamed(name);
    const started = performance.now();
    // Content-Length is signed too; the browser sets it from the body (a forbidden header name).
    const response = await rawFetch(url, {
      method: 'PUT',
      body: file,
      headers: { 'content-type': headers['content-type']! },
    });
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
      started = performance.now();
      uploader.addFiles([file]);
    });
    const ms = performance.now() - started;
    uploader.clear();
    return { ms, key, ...(sentMs !== undefined && { sentMs }) };
  },

  async uppy(name) {
    const file = fileNamed(name);
    let sentMs: number | undefined;
    const progress: UppyEventMap<Meta, AwsBody>['upload-progress'] = (_, { bytesUploaded, bytesTotal }) => {
      if (bytesUploaded === bytesTotal) sentMs ??= performance.now() - started;
    };
    uppy.on('upload-progress', progress);
    const started = performance.now();
    uppy.addFile({ name, type: file.type, data: file, meta: { name, type: file.type, size: file.size } });
    const result = await uppy.upload();
    const ms = performance.now() - started;
    uppy.off('upload-progress', progress);
    const uploaded = result?.successful?.[0];
    if (!uploaded || result?.failed?.length) {
      const error = result?.failed?.[0]?.error ?? 'no result';
      throw new Error(`uppy: ${String(error)}`);
    }
    uppy.clear();
    return { ms, key: uploaded.response!.body!.key, ...(sentMs !== undefined && { sentMs }) };
  },
};
