/**
 * The jank benchmark's page script (bundled by esbuild with Uppy and FilePond; the widget comes
 * from its own `<script src="/image-uploader.js">`). Node picks the photos in the page's
 * `<input type="file" multiple>` (disk-backed `File`s, as a user's are) and calls `window.jank.run`
 * once per page load: the uploader is created, given every file at once, and the page's long
 * tasks (Long Tasks API) are collected until every upload settled and the main thread went quiet.
 *
 * Uppy and FilePond upload each file with one presigned PUT from the same signer as the widget:
 * Uppy through `@uppy/aws-s3`'s `signRequest`, FilePond through its `server.process` function.
 */
import AwsS3, { type AwsBody } from '@uppy/aws-s3';
import Uppy from '@uppy/core';
import Dashboard from '@uppy/dashboard';
import * as FilePond from 'filepond';
import FilePondPluginImagePreview from 'filepond-plugin-image-preview';
import type { CreateUploadsResponse, SinglePutTicket } from '../../contract/api.js';
import type { ImageUploader } from '../../widget/image-uploader.js';
import type { JankRun, JankSetup, LongTask, UploaderName } from './page-api.js';

/** The main thread counts as quiet after this long without a long task. */
const QUIET_MS = 1000;
/** Waiting for quiet stops this long after the uploads settled. */
const QUIET_CAP_MS = 15_000;

// From the page's start, so none is missed; each run keeps those after its files were added.
const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
});

type Settle = (ok: boolean, keyOrError: string) => void;

/** A single-PUT ticket from the signer for `file` (what Uppy and FilePond upload with). */
async function ticketFor({ signerUrl, token }: JankSetup, file: File): Promise<SinglePutTicket> {
  const response = await fetch(`${signerUrl}/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ name: file.name, type: file.type, size: file.size }] }),
  });
  if (!response.ok) throw new Error(`signer answered ${response.status}: ${await response.text()}`);
  const slot = ((await response.json()) as CreateUploadsResponse).uploads[0]!;
  if (!('url' in slot)) throw new Error(`expected a single-PUT ticket, got ${JSON.stringify(slot)}`);
  return slot;
}

/** The signed headers a page may set (Content-Length is the browser's: a forbidden header name). */
const settable = (headers: Record<string, string>): Record<string, string> => {
  const { 'content-length': _length, ...rest } = headers;
  return rest;
};

/** `<image-uploader>` as a page embeds it, previews on (its default). */
function startWidget(setup: JankSetup, files: File[], settle: Settle): void {
  const uploader = document.createElement('image-uploader') as ImageUploader;
  uploader.endpoint = setup.signerUrl;
  uploader.getToken = () => setup.token;
  uploader.multiple = true;
  document.body.append(uploader);
  uploader.addEventListener('upload-success', (event) => settle(true, event.detail.key));
  uploader.addEventListener('upload-error', (event) =>
    settle(false, `${event.detail.code} ${event.detail.message}`),
  );
  uploader.addFiles(files);
}

/** Uppy with its Dashboard inline (thumbnails on, its default) and `@uppy/aws-s3`, uploading at once. */
function startUppy(setup: JankSetup, files: File[], settle: Settle): void {
  const target = document.body.appendChild(document.createElement('div'));
  const byId = new Map<string, File>();
  const uppy = new Uppy<Record<string, never>, AwsBody>({ autoProceed: true })
    .use(Dashboard, { inline: true, target, height: 600 })
    .use(AwsS3<Record<string, never>, AwsBody>, {
      shouldUseMultipart: false,
      // The object key Uppy asks to sign is the file's id, so the signer gets its name and size.
      generateObjectKey: (file) => file.id,
      async signRequest(request) {
        if (request.method !== 'PUT' || 'uploadId' in request)
          throw new Error(`unexpected ${request.method}`);
        const { url, key, headers } = await ticketFor(setup, byId.get(request.key)!);
        return { url, key, headers: settable(headers) };
      },
    });
  uppy.on('upload-success', (file) => settle(true, (file?.response?.body?.key as string | undefined) ?? ''));
  uppy.on('upload-error', (_file, error) => settle(false, String(error)));
  uppy.addFiles(files.map((file) => ({ name: file.name, type: file.type, data: file })));
  for (const file of uppy.getFiles()) byId.set(file.id, file.data as File);
}

/** FilePond with its image preview plugin; `server.process` PUTs each file with a signer ticket. */
function startFilePond(setup: JankSetup, files: File[], settle: Settle): void {
  FilePond.registerPlugin(FilePondPluginImagePreview);
  const input = document.body.appendChild(document.createElement('input'));
  input.type = 'file';
  const pond = FilePond.create(input, {
    allowMultiple: true,
    server: {
      process(_field, file, _metadata, load, error, progress, abort) {
        const request = new XMLHttpRequest();
        void ticketFor(setup, file as File).then(
          ({ url, key, headers }) => {
            request.open('PUT', url);
            for (const [name, value] of Object.entries(settable(headers)))
              request.setRequestHeader(name, value);
            request.upload.onprogress = (event) =>
              progress(event.lengthComputable, event.loaded, event.total);
            request.onload = () =>
              request.status < 300 ? load(key) : error(`S3 answered ${request.status}`);
            request.onerror = () => error('network error');
            request.send(file);
          },
          (failure: unknown) => error(String(failure)),
        );
        return { abort: () => (request.abort(), abort()) };
      },
    },
  });
  pond.on('processfile', (failure, file) =>
    settle(!failure, failure ? `${failure.main} ${failure.sub}` : String(file.serverId)),
  );
  void pond.addFiles(files);
}

const START: Record<UploaderName, (setup: JankSetup, files: File[], settle: Settle) => void> = {
  widget: startWidget,
  uppy: startUppy,
  filepond: startFilePond,
};

window.jank = {
  async run(who, setup) {
    const files = [...(document.querySelector<HTMLInputElement>('#picked')?.files ?? [])];
    if (who === 'widget') await customElements.whenDefined('image-uploader');
    const result: JankRun = {
      wallMs: 0,
      windowMs: 0,
      longTasks: [],
      succeeded: 0,
      failed: 0,
      errors: [],
      keys: [],
    };
    const started = performance.now();
    await new Promise<void>((resolve) => {
      START[who](setup, files, (ok, keyOrError) => {
        if (ok) {
          result.succeeded++;
          result.keys.push(keyOrError);
        } else if (result.failed++ < 3) result.errors.push(keyOrError);
        if (result.succeeded + result.failed === files.length) resolve();
      });
    });
    result.wallMs = performance.now() - started;
    // Previews may still be drawn after the last upload: wait until the main thread is quiet.
    const settled = performance.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const last = longTasks.at(-1);
      const lastEnd = last ? last.startTime + last.duration : 0;
      if (performance.now() - Math.max(lastEnd, settled) >= QUIET_MS) break;
      if (performance.now() - settled >= QUIET_CAP_MS) break;
    }
    const ended = performance.now();
    result.windowMs = ended - started;
    result.longTasks = longTasks
      // Also the task that added the files: it began as Node's call arrived, just before `started`.
      .filter((task) => task.startTime + task.duration > started && task.startTime < ended)
      .map((task): LongTask => ({ start: task.startTime - started, duration: task.duration }));
    return result;
  },
};
