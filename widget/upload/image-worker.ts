import { runImageTask, type ImageResult, type ImageTask, type WorkerChunk } from './image-task.js';

/** At most this many images decode at once, so 100 files added together cannot exhaust memory. */
const PARALLEL = 2;

/** Imports the Worker chunk on the main thread, where no Worker could start. */
const load = (url: string): Promise<WorkerChunk> => import(/* @vite-ignore */ url);

let worker: Worker | null | undefined;
let running = 0;
const queue: (() => void)[] = [];
const waiting = new Map<number, [ImageTask, (result: ImageResult) => void]>();
let next = 0;

function startWorker(): Worker | null {
  if (typeof OffscreenCanvas === 'undefined' || typeof Worker === 'undefined') return null;
  try {
    // The worker is built from the function's own source so the script-tag build stays one file; a
    // module worker, so it can `import()` the Worker chunk (chunk-call.ts).
    const source = `const run=${runImageTask};onmessage=async e=>postMessage([e.data[0],await run(e.data[1],u=>import(u))])`;
    const created = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
      type: 'module',
    });
    created.onmessage = ({ data }: MessageEvent<[number, ImageResult]>) => {
      waiting.get(data[0])?.[1](data[1]);
      waiting.delete(data[0]);
    };
    // A Content-Security-Policy without `worker-src blob:` refuses the worker: fall back to the
    // main thread (still asynchronous decoding; only the small canvas draw runs there).
    created.onerror = () => {
      worker = null;
      for (const [task, resolve] of waiting.values()) void runImageTask(task, load).then(resolve);
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
  if (!worker) return runImageTask(task, load);
  const id = ++next;
  return new Promise((resolve) => {
    waiting.set(id, [task, resolve]);
    worker!.postMessage([id, task]);
  });
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
