// The arithmetic of multipart parts, on its own so the resume chunk (widget/resume-chunk.ts) can
// use it without the upload engine.

/** Bytes in part `n` (1-based) of `size` bytes sent in parts of `partSize`: the last may be short. */
export const partBytes = (n: number, partSize: number, size: number): number =>
  Math.min(partSize, size - (n - 1) * partSize);

/** Part `n` (1-based) of `blob` sent in parts of `partSize`, as a slice (never the whole file). */
export const partSlice = (blob: Blob, n: number, partSize: number): Blob =>
  blob.slice((n - 1) * partSize, n * partSize);
