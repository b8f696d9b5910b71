/**
 * Browser-side helpers for the widget tests: the local stack behind the fault proxy (see
 * test-server.ts), real image files made with canvas, and small waiting utilities.
 */
import type { FaultRule, LogEntry } from './fault-proxy.js';
import { afterEach, beforeEach } from './mocha.js';
import type { StackInfo } from './test-server.js';
import type { ImageUploader } from '../image-uploader.js';
import type { UploadDescriptor } from '../upload/signer-client.js';
import '../image-uploader.js';

const json = async <T>(path: string, init?: RequestInit): Promise<T> =>
  (await fetch(`/__stack/${path}`, init)).json() as Promise<T>;

export const stackInfo = (): Promise<StackInfo> => json('config');
export const token = async (user = 'alice'): Promise<string> =>
  (await json<{ token: string }>(`token?user=${user}`)).token;
export const setFaults = (rules: FaultRule[]): Promise<unknown> =>
  json('faults', { method: 'POST', body: JSON.stringify(rules) });
export const requestLog = (): Promise<LogEntry[]> => json('log');
export const clearLog = (): Promise<unknown> => json('log', { method: 'DELETE' });

/** The files each `POST /v1/uploads` asked for, as the signer received them, in order. */
export const askedFiles = async (): Promise<UploadDescriptor[][]> =>
  (await requestLog())
    .filter((entry) => entry.target === 'signer' && entry.method === 'POST' && entry.url === '/v1/uploads')
    .map((entry) => (JSON.parse(entry.body!) as { files: UploadDescriptor[] }).files);

/**
 * Registers, in the calling `describe`, hooks that give every test a clean proxy (no faults, an
 * empty request log) and an empty page afterwards.
 */
export function withCleanStack(): void {
  beforeEach(async () => {
    await setFaults([]);
    await clearLog();
  });
  afterEach(async () => {
    document.body.replaceChildren();
    await setFaults([]);
  });
}

/** Reads an object straight from the local S3 (s3rver serves anonymous GETs). */
export async function readObject(key: string): Promise<Uint8Array<ArrayBuffer>> {
  const { s3, bucket } = await stackInfo();
  const response = await fetch(`${s3}/${bucket}/${key}`);
  if (!response.ok) throw new Error(`GET ${key}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A stored object's user metadata (names without `x-amz-meta-`), for `readUploadMetadata`. */
export async function objectMetadata(key: string): Promise<Record<string, string>> {
  const response = await fetch(`/__stack/object-metadata?key=${encodeURIComponent(key)}`);
  if (!response.ok) throw new Error(`HEAD ${key}: ${response.status}`);
  return response.json() as Promise<Record<string, string>>;
}

/** A real JPEG of the given size (a gradient, so it compresses like a photo a little). */
export async function makeJpeg(width = 64, height = 48, name = 'photo.jpg'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#c33');
  gradient.addColorStop(1, '#33c');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return new File([blob], name, { type: 'image/jpeg', lastModified: 1_700_000_000_000 });
}

/**
 * A valid JPEG of about `size` bytes: a small image padded with comment (COM) segments, each
 * filled with bytes that depend on `seed`, so different files differ and decoders ignore them.
 */
export async function bigJpeg(size: number, name = 'big.jpg', seed = 1): Promise<File> {
  const image = new Uint8Array(await (await makeJpeg(32, 32)).arrayBuffer());
  const segment = 65535;
  const count = Math.ceil((size - image.length) / (segment + 2));
  const parts: BlobPart[] = [image.subarray(0, 2)];
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(segment + 2);
    bytes.set([0xff, 0xfe, 0xff, 0xff]);
    for (let j = 4; j < bytes.length; j += 997) bytes[j] = (i * 31 + j + seed) & 0x7f;
    parts.push(bytes);
  }
  parts.push(image.subarray(2));
  return new File(parts, name, { type: 'image/jpeg', lastModified: 1_700_000_000_000 + seed });
}

/** Adds an `<image-uploader>` wired to the stack behind the proxy, with fast retries. */
export async function mount(
  attributes: Record<string, string | boolean> = {},
  parent: HTMLElement = document.body,
): Promise<ImageUploader> {
  const { endpoint } = await stackInfo();
  const bearer = await token();
  const element = parent.ownerDocument.createElement('image-uploader');
  element.endpoint = endpoint;
  element.getToken = () => bearer;
  element.retry = { retries: 4, baseDelay: 20, maxDelay: 2000 };
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  parent.append(element);
  await element.updateComplete;
  return element;
}

/** Resolves with the next `type` event from `target` that satisfies `accept`. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
  accept: (event: GlobalEventHandlersEventMap[K]) => boolean = () => true,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    const listener = (event: Event): void => {
      if (!accept(event as GlobalEventHandlersEventMap[K])) return;
      target.removeEventListener(type, listener);
      resolve(event as GlobalEventHandlersEventMap[K]);
    };
    target.addEventListener(type, listener);
  });
}

/** Collects every `type` event from `target` until the returned array is read. */
export function record<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): GlobalEventHandlersEventMap[K][] {
  const events: GlobalEventHandlersEventMap[K][] = [];
  target.addEventListener(type, (event) => events.push(event as GlobalEventHandlersEventMap[K]));
  return events;
}

/** Polls `condition` every 10 ms until it holds; fails after `timeout` ms. */
export async function waitFor(condition: () => unknown, timeout = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The proxy's log entries for part PUTs, with their part numbers. */
export async function partPuts(): Promise<
  { partNumber: number; start: number; end: number; status: number }[]
> {
  return (await requestLog())
    .filter((entry) => entry.target === 's3' && entry.method === 'PUT' && entry.url.includes('partNumber='))
    .map((entry) => ({
      partNumber: Number(/partNumber=(\d+)/.exec(entry.url)![1]),
      start: entry.start,
      end: entry.end ?? Infinity,
      status: entry.status,
    }));
}

/** How many times each part number was PUT. */
export function countParts(puts: { partNumber: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { partNumber } of puts) counts[partNumber] = (counts[partNumber] ?? 0) + 1;
  return counts;
}

/** SHA-256 of some bytes, hex. */
export async function sha256(data: Blob | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** Resolves with the next `upload-success`; rejects on the next `upload-error` (with its code). */
export function succeeds(element: HTMLElement): Promise<GlobalEventHandlersEventMap['upload-success']> {
  return new Promise((resolve, reject) => {
    element.addEventListener('upload-success', resolve, { once: true });
    element.addEventListener(
      'upload-error',
      ({ detail }) => reject(new Error(`${detail.code}: ${detail.message}`)),
      { once: true },
    );
  });
}

/** Opens the bare test page in an iframe: a new document with its own element registry and memory. */
export async function openFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./frame.html', import.meta.url).href;
  document.body.append(frame);
  await waitFor(() => frame.contentDocument?.body?.dataset.ready, 10_000, 'the frame to load');
  return frame;
}

/**
 * Starts uploading `file` (12.5 MiB: three 5 MiB parts) on a page of its own (an iframe), holds
 * part 2 back once part 1 landed, and takes the page away mid-upload, as a reload would; the proxy
 * is left without faults and with an empty log.
 * @param setup prepares that page's element before the file is added (its metadata, say)
 * @returns the signer's upload `id` and S3's `uploadId`
 */
export async function interruptUpload(
  file: File,
  setup: (element: ImageUploader) => void = () => {},
): Promise<{ id: string; uploadId: string }> {
  await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=2', fault: { delay: 10_000 } }]);
  const first = await openFrame();
  const element = await mount({ 'part-concurrency': '1' }, first.contentDocument!.body);
  setup(element);
  element.addFiles([file]);
  await waitFor(async () => (await partPuts()).some((put) => put.partNumber === 2), 10_000, 'part 2 started');
  const log = await requestLog();
  const put = log.find((entry) => entry.url.includes('partNumber=2'))!;
  const uploadId = new URL(put.url, 'http://x').searchParams.get('uploadId')!;
  const id = /\/v1\/uploads\/([^/]+)\/parts/.exec(log.find((e) => e.url.endsWith('/parts'))!.url)![1]!;
  first.remove();
  await setFaults([]);
  await clearLog();
  return { id, uploadId };
}
