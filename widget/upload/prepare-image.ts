import type { ErrorCode } from '../../contract/error-codes.js';
import type { ImageEdit } from '../editor/image-edit.js';
import { runImageTask, type ImageTask } from './image-task.js';
import { convertHeic } from './heic-convert.js';
import { inspect } from './worker-chunk.js';

/** What happens to an image between picking and uploading; sizes in pixels, 0 means no limit. */
export interface PrepareOptions {
  /** Remove EXIF/XMP/IPTC from JPEGs (orientation kept); default true. */
  stripMetadata: boolean;
  /** Downscale images whose longer side exceeds this; default 4096, 0 never. */
  maxDimension: number;
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
  /** JPEG quality (0–1) of a HEIC the browser cannot decode, converted with libheif; default 0.9. */
  heicQuality?: number;
  /** The editor's crop, turn and mirror (editor/image-edit.ts): the image is then always re-encoded. */
  edit?: ImageEdit | undefined;
}

/** An image's size in pixels, upright (EXIF orientation applied). */
export interface ImageSize {
  width: number;
  height: number;
}

/** What `prepareFile` made: the bytes to upload and, when known, the image's size before and after. */
export interface PreparedFile {
  file: File;
  /** The picked image's size; unknown only for types that needed no decoding (`max-dimension` 0). */
  original?: ImageSize;
  /** The uploaded image's size: smaller than `original` when it was downscaled. */
  uploaded?: ImageSize;
}

/** What `prepareImage` answers: the bytes to upload (unset: the picked file as it is), or why not. */
export interface PreparedImage extends Omit<PreparedFile, 'file'> {
  file?: File;
  code?: ErrorCode;
  message?: string;
}

/** Decodes (and resizes or converts) in this thread: `prepareImage` already runs in the Worker. */
const decode = (task: ImageTask) => runImageTask(task, () => Promise.reject(new Error('no chunk call')));

const HEIC = /^image\/hei[cf]/;

/** Reads a PNG's size from its IHDR chunk (PNG §11.2.2), or `undefined`. */
async function pngSize(file: Blob): Promise<[number, number] | undefined> {
  const view = new DataView(await file.slice(0, 24).arrayBuffer());
  return view.byteLength === 24 && view.getUint32(12) === 0x49484452
    ? [view.getUint32(16), view.getUint32(20)]
    : undefined;
}

/**
 * Turns a picked file into the bytes to upload: checks pixel limits, removes JPEG metadata
 * without re-encoding, downscales oversize images and converts HEIC. Part of the Worker chunk, it
 * runs in the image Worker (or on the main thread where no Worker can start); `prepareFile`
 * (prepare.ts) calls it. Sizes come from the file header where possible, so most files are never
 * decoded. Refusals are answered, not thrown: an error crossing from the Worker would lose its code.
 * @param options - the element's `PrepareOptions`
 * @returns the new bytes (none when the picked file goes up as it is) and sizes, or a refusal's
 *   `code`: `ERR_DIMENSIONS`, `ERR_HEIC_UNSUPPORTED` or `ERR_DECODE_FAILED`
 */
export async function prepareImage(file: File, options: PrepareOptions): Promise<PreparedImage> {
  // The type the bytes are (whatever the name says), and a JPEG's size and orientation, its
  // metadata removed.
  const found = await inspect(file);
  const fileType = found.type ?? file.type;
  const heic = HEIC.test(fileType) || /\.hei[cf]$/i.test(file.name);
  const jpeg = fileType === 'image/jpeg';
  let blob: Blob = file;
  let size: [number, number] | undefined;
  if (jpeg) {
    if (options.stripMetadata && found.blob) blob = found.blob;
    const { width, height, orientation = 1 } = found;
    if (width && height) size = orientation >= 5 ? [height, width] : [width, height];
  } else if (fileType === 'image/png') size = await pngSize(file);

  const { maxDimension: max, minWidth, minHeight, maxWidth, maxHeight } = options;
  const limited = minWidth || minHeight || maxWidth || maxHeight;
  const outside = ([width, height]: [number, number]): PreparedImage | undefined =>
    width < minWidth ||
    height < minHeight ||
    (maxWidth && width > maxWidth) ||
    (maxHeight && height > maxHeight)
      ? { code: 'ERR_DIMENSIONS', message: `${width}×${height} pixels is outside the allowed size` }
      : undefined;
  if (!size && (limited || max || heic)) {
    const decoded = await decode({ blob: file });
    // A HEIC the browser cannot decode (all but Safari) goes through libheif, its own chunk.
    if (decoded.error && heic) return convertHeic(file, { ...options, max }, outside);
    if (decoded.error) return { code: 'ERR_DECODE_FAILED' };
    size = [decoded.width!, decoded.height!];
  }
  const refused = size && limited && outside(size);
  if (refused) return refused;
  const original = size && { width: size[0], height: size[1] };
  // GIFs are left alone: a canvas would keep only the first frame of an animation.
  const shrink = size && max && Math.max(...size) > max && fileType !== 'image/gif';
  const { edit } = options;
  if (!shrink && !heic && !edit)
    return {
      file:
        blob === file && fileType === file.type
          ? undefined
          : new File([blob], file.name, { type: fileType, lastModified: file.lastModified }),
      original,
      uploaded: original,
    };
  const type = heic || jpeg || fileType === 'image/avif' ? 'image/jpeg' : fileType;
  const { blob: made, width, height } = await decode({ blob: file, max, type, convert: heic, edit });
  if (!made) return { code: heic ? 'ERR_HEIC_UNSUPPORTED' : 'ERR_DECODE_FAILED' };
  const name = type === fileType ? file.name : file.name.replace(/(\.\w+)?$/, '.jpg');
  return {
    file: new File([made], name, { type: made.type || type, lastModified: file.lastModified }),
    original,
    uploaded: { width: width!, height: height! },
  };
}
