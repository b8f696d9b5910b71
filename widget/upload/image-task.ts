import { drawEdited, type ImageEdit } from '../editor/image-edit.js';
import type * as Chunk from './worker-chunk.js';

/** What the Worker chunk (worker-chunk.ts) exports, for `ImageTask.call`. */
export type WorkerChunk = typeof Chunk;

/**
 * A job for `runImageTask`: read `blob`'s size, and optionally make a preview or a downscaled copy;
 * or, with `call`, run a function of the Worker chunk on it.
 */
export interface ImageTask {
  blob: Blob;
  /** The Worker chunk's URL and the function to run on `blob` (chunk-call.ts). */
  call?: [url: string, name: keyof WorkerChunk];
  /** The call's second argument (structured-cloneable), after `blob`. */
  args?: unknown;
  /** Make a preview this many pixels wide (encoded as WebP). */
  preview?: number;
  /** Downscale so neither side exceeds this (0: never). */
  max?: number;
  /** Encode the result as this type; set to re-encode even without downscaling (HEIC). */
  type?: string;
  convert?: boolean;
  /** Crop, turn and mirror first (the editor's result); `max` and `preview` then apply to the crop. */
  edit?: ImageEdit | undefined;
}

/**
 * `width`/`height` are the size of `blob` when one was made, otherwise the decoded size (both after
 * EXIF orientation); `error` is set when decoding (or the chunk) failed.
 */
export interface ImageResult {
  width?: number;
  height?: number;
  blob?: Blob;
  /** What a `call` returned. */
  value?: unknown;
  /** What failed (decoding, or loading or running the chunk), as text: the error crosses from the Worker. */
  error?: string;
}

/**
 * Decodes and resizes with `createImageBitmap` and `OffscreenCanvas`, or runs a function of the
 * Worker chunk, which `load` imports (an ES module at a URL: same origin, or a CDN that sends CORS
 * headers). Part of the Worker chunk (worker-chunk.ts): the image Worker (image-worker.ts) imports
 * it there, or the main thread where no Worker can start. `createImageBitmap` applies EXIF
 * orientation ("from-image", HTML §8.10), so a re-encoded image is upright and carries no metadata.
 */
export async function runImageTask(
  task: ImageTask,
  load: (url: string) => Promise<WorkerChunk>,
): Promise<ImageResult> {
  try {
    if (task.call) {
      const run = (await load(task.call[0]))[task.call[1]] as (blob: Blob, args: unknown) => unknown;
      return { value: await run(task.blob, task.args) };
    }
    const { edit, preview } = task;
    if (preview && !edit) {
      const bitmap = await createImageBitmap(task.blob, { resizeWidth: preview, resizeQuality: 'medium' });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      bitmap.close();
      return { blob: await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 }) };
    }
    const bitmap = await createImageBitmap(task.blob);
    const { width, height } = bitmap;
    // What is kept: the edit's crop, or the whole image.
    const [keptWidth, keptHeight] = edit ? [edit.width, edit.height] : [width, height];
    const scale = preview
      ? preview / keptWidth
      : task.max
        ? Math.min(1, task.max / Math.max(keptWidth, keptHeight))
        : 1;
    if (!preview && (!task.type || (scale === 1 && !task.convert && !edit))) {
      bitmap.close();
      return { width, height };
    }
    const canvas = new OffscreenCanvas(
      Math.max(1, Math.round(keptWidth * scale)),
      Math.max(1, Math.round(keptHeight * scale)),
    );
    const context = canvas.getContext('2d')!;
    context.imageSmoothingQuality = 'high';
    if (edit) drawEdited(context, bitmap, [width, height], edit, scale);
    else context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await canvas.convertToBlob(
      preview ? { type: 'image/webp', quality: 0.8 } : { type: task.type, quality: 0.9 },
    );
    return preview ? { blob } : { width: canvas.width, height: canvas.height, blob };
  } catch (error) {
    return { error: String(error) };
  }
}
