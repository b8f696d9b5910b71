import type { ImageResult, ImageTask, WorkerChunk } from './image-task.js';
import { WORKER_CHUNK } from './chunk-call.js';

/** At most this many images decode at once, so 100 files added together cannot exhaust memory. */
const PARALLEL = 2;

/** Imports the Worker chunk (or, for a `call`, the chunk it names) on the main thread, where no Worker could start. */
const load = (url: string): Promise<WorkerChunk> => import(/* @vite-ignore */ url);

let worker: Worker | null | undefined;
let running = 0;
const queue: (() => void)[] = [];
const waiting = new Map<number, [ImageTask, (result: ImageResult) => void]>();
let next = 0;
/** Set by `releaseWorker`: end the Worker as soon as it has nothing to do. */
let release = false;

/** Ends the Worker if a release was asked for and no task waits for it; the next task starts a new one. */
function releaseIfIdle(): void {
  if (!release || !worker || waiting.size) return;
  worker.terminate();
  worker = undefined;
  release = false;
}

/** Runs `task` with the Worker chunk's `runImageTask` on this thread. */
const here = async (task: ImageTask): Promise<ImageResult> => {
  try {
    return await (await load(WORKER_CHUNK)).runImageTask(task, load);
  } catch (error) {
    return { error: String(error) };
  }
};

function startWorker(): Worker | null {
  if (typeof OffscreenCanvas === 'undefined' || typeof Worker === 'undefined') return null;
  try {
    // A module worker made from this text, so the script-tag build stays one file (a Worker from
    // a CDN's URL would be cross-origin); it imports the Worker chunk, which does the work
    // (`runImageTask`, image-task.ts), from the URL each message names.
    const source =
      'onmessage=async({data:[i,t,u]})=>{let r;try{r=await(await import(u)).runImageTask(t,c=>import(c))}catch(e){r={error:String(e)}}postMessage([i,r])}';
    const created = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
      type: 'module',
    });
    created.onmessage = ({ data }: MessageEvent<[number, ImageResult]>) => {
      waiting.get(data[0])?.[1](data[1]);
      waiting.delete(data[0]);
      releaseIfIdle();
    };
    // A Content-Security-Policy without `worker-src blob:` refuses the worker: fall back to the
    // main thread (still asynchronous decoding; only the small canvas draw runs there).
    created.onerror = () => {
      worker = null;
      for (const [task, resolve] of waiting.values()) void here(task).then(resolve);
      waiting.clear();
    };
    return created;
  } catch {
    return null;
  }
}

/** Runs `task` in the Worker (or on the main thread without one), without waiting for a slot. */
export function dispatch(task: ImageTask): Promise<ImageResult> {
  if (worker === undefined) worker = startWorker();
  if (!worker) return here(task);
  const id = ++next;
  return new Promise((resolve) => {
    waiting.set(id, [task, resolve]);
    worker!.postMessage([id, task, WORKER_CHUNK]);
  });
}

/**
 * Lets the Worker (its thread, and the memory of the decoders and hashers it holds) go once it
 * has nothing to do: now when idle, else after its last task. `<image-uploader>` asks when it
 * leaves the page; the next task starts a new Worker.
 */
export function releaseWorker(): void {
  release = true;
  releaseIfIdle();
}

/**
 * Runs an image job off the main thread (a Worker with OffscreenCanvas where available),
 * at most `PARALLEL` at a time.
 */
export async function imageTask(task: ImageTask): Promise<ImageResult> {
  // A finishing job hands its slot straight to the next waiter, so `running` never overshoots.
  if (running < PARALLEL) running++;
  else await new Promise<void>((resolve) => queue.push(resolve));
  try {
    return await dispatch(task);
  } finally {
    const wake = queue.shift();
    if (wake) wake();
    else running--;
  }
}
