/**
 * The jank benchmark's page script (bundled by esbuild with Uppy and FilePond; the widget comes
 * from its own `<script src="/image-uploader.js">`). Node picks the photos in the page's
 * `<input type="file" multiple>` (disk-backed `File`s, as a user's are) and calls `window.jank.run`
 * once per page load: the uploader is created, given every file at once, and the page's long
 * tasks (Long Tasks API) are collected until every upload settled and the main thread went quiet.
 *
 * Each page loads only the uploader it measures (the others are imported on demand, from chunks):
 * FilePond, for one, starts a requestAnimationFrame loop as soon as it is imported, which would
 * otherwise run on every page.
 *
 * Uppy and FilePond upload each file with one presigned PUT from the same signer as the widget:
 * Uppy through `@uppy/aws-s3`'s `signRequest`, FilePond through its `server.process` function.
 */
import type { AwsBody } from '@uppy/aws-s3';
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
type AddFiles = (files: File[]) => void;

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

/** `<image-uploader>` as a page embeds it (its script-tag build), previews on (its default). */
async function createWidget(setup: JankSetup, settle: Settle): Promise<AddFiles> {
  const script = document.head.appendChild(document.createElement('script'));
  script.src = '/image-uploader.js';
  await new Promise((resolve, reject) => ((script.onload = resolve), (script.onerror = reject)));
  await customElements.whenDefined('image-uploader');
  const uploader = document.createElement('image-uploader') as ImageUploader;
  uploader.endpoint = setup.signerUrl;
  uploader.getToken = () => setup.token;
  uploader.multiple = true;
  document.body.append(uploader);
  uploader.addEventListener('upload-success', (event) => settle(true, event.detail.key));
  uploader.addEventListener('upload-error', (event) =>
    settle(false, `${event.detail.code} ${event.detail.message}`),
  );
  return (files) => uploader.addFiles(files);
}

/** Uppy with its Dashboard inline (thumbnails on, its default) and `@uppy/aws-s3`, uploading at once. */
async function createUppy(setup: JankSetup, settle: Settle): Promise<AddFiles> {
  const [{ default: Uppy }, { default: Dashboard }, { default: AwsS3 }] = await Promise.all([
    import('@uppy/core'),
    import('@uppy/dashboard'),
    import('@uppy/aws-s3'),
  ]);
  const target = document.body.appendChild(document.createElement('div'));
  const uppy = new Uppy<Record<string, never>, AwsBody>({ autoProceed: true })
    .use(Dashboard, { inline: true, target, height: 600 })
    .use(AwsS3<Record<string, never>, AwsBody>, {
      shouldUseMultipart: false,
      // The object key Uppy asks to sign is the file's id, so the signer gets its name and size.
      generateObjectKey: (file) => file.id,
      async signRequest(request) {
        if (request.method !== 'PUT' || 'uploadId' in request)
          throw new Error(`unexpected ${request.method}`);
        const { url, key, headers } = await ticketFor(setup, uppy.getFile(request.key).data as File);
        return { url, key, headers: settable(headers) };
      },
    });
  uppy.on('upload-success', (file) => settle(true, (file?.response?.body?.key as string | undefined) ?? ''));
  uppy.on('upload-error', (_file, error) => settle(false, String(error)));
  return (files) => uppy.addFiles(files.map((file) => ({ name: file.name, type: file.type, data: file })));
}

/** FilePond with its image preview plugin; `server.process` PUTs each file with a signer ticket. */
async function createFilePond(setup: JankSetup, settle: Settle): Promise<AddFiles> {
  const [filepond, { default: FilePondPluginImagePreview }] = await Promise.all([
    import('filepond'),
    import('filepond-plugin-image-preview'),
  ]);
  // FilePond's package entry is a UMD build: imported on demand, its API is the namespace's default.
  const FilePond =
    'create' in filepond ? filepond : (filepond as unknown as { default: typeof filepond }).default;
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
  return (files) => void pond.addFiles(files);
}

/** Loads an uploader's code and puts it in the page, ready for files (outside the measured window). */
const CREATE: Record<UploaderName, (setup: JankSetup, settle: Settle) => Promise<AddFiles>> = {
  widget: createWidget,
  uppy: createUppy,
  filepond: createFilePond,
};

window.jank = {
  async run(who, setup) {
    const files = [...(document.querySelector<HTMLInputElement>('#picked')?.files ?? [])];
    const result: JankRun = {
      wallMs: 0,
      windowMs: 0,
      longTasks: [],
      succeeded: 0,
      failed: 0,
      errors: [],
      keys: [],
    };
    let settled!: () => void;
    const allSettled = new Promise<void>((resolve) => (settled = resolve));
    const add = await CREATE[who](setup, (ok, keyOrError) => {
      if (ok) {
        result.succeeded++;
        result.keys.push(keyOrError);
      } else if (result.failed++ < 3) result.errors.push(keyOrError);
      if (result.succeeded + result.failed === files.length) settled();
    });
    // Loading the code and the first layout are behind us: the measured window starts with a task
    // of its own, as a drop or a pick would.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    add(files);
    await allSettled;
    result.wallMs = performance.now() - started;
    // Previews may still be drawn after the last upload: wait until the main thread is quiet.
    const settledAt = performance.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const last = longTasks.at(-1);
      const lastEnd = last ? last.startTime + last.duration : 0;
      if (performance.now() - Math.max(lastEnd, settledAt) >= QUIET_MS) break;
      if (performance.now() - settledAt >= QUIET_CAP_MS) break;
    }
    const ended = performance.now();
    result.windowMs = ended - started;
    result.longTasks = longTasks
      // Also the task that added the files, which began just before `started`.
      .filter((task) => task.startTime + task.duration > started && task.startTime < ended)
      .map((task): LongTask => ({ start: task.startTime - started, duration: task.duration }));
    return result;
  },
};
