import type { UploadController } from '../upload-controller.js';
import type { UploadItem } from '../upload/uploader.js';
import { parseAspectRatio } from './crop.js';
import { openCropDialog } from './crop-dialog.js';
import { enEditor } from './editor-strings.js';
import type { ImageEdit } from './image-edit.js';

/**
 * The editor, a chunk of its own (`editor-chunk.js` beside the script-tag build; a lazy chunk of
 * the ES build): `<image-uploader editor>` loads it the first time it gets a file, an element
 * without `editor` never. Hand-written rather than cropperjs 2: cropperjs 2.2.0 (its `cropper-*`
 * elements, bundled and minified) measured 42,187 B min, 12,040 B min+gzip on its own, already past
 * the chunk's 12 KB budget before a dialog, the keys, the strings and the Worker's transform; this
 * chunk, all of that, is 8.8 KB min, 3.7 KB min+gzip (widget/README.md, "Editor").
 */

/** What the editor reads of `<image-uploader>`. */
export interface EditorHost {
  readonly cropAspectRatio?: string | undefined;
  readonly renderRoot: ParentNode;
}

/** What the editor uses of the element's upload controller (upload-controller.ts). */
export type EditorUploads = Pick<
  UploadController,
  | 'add'
  | 'rows'
  | 'engine'
  | 'edits'
  | 'preview'
  | 'previews'
  | 'queued'
  | 'texts'
  | 'format'
  | 'requestUpdate'
>;

/** Each element's editing so far: files and queued items are edited one after another. */
const turns = new WeakMap<EditorHost, Promise<unknown>>();

/** Editable in a canvas: not GIF (its animation would be lost) nor SVG. */
const EDITABLE = /^image\/(?!gif|svg)/;

/** Opens the dialog for `file`, in the element's language. */
function open(host: EditorHost, uploads: EditorUploads, file: File): Promise<ImageEdit | null | undefined> {
  const texts = uploads.texts();
  return openCropDialog({
    root: host.renderRoot,
    file,
    ratio: parseAspectRatio(host.cropAspectRatio),
    edit: uploads.edits.get(file),
    texts: { ...enEditor, ...texts.editor },
    format: (template, values) => uploads.format(template, values, texts.lang),
  });
}

/**
 * Edits each of `files` before queuing it; canceling leaves it out. A file the browser cannot show
 * (HEIC outside Safari, a broken image) or that is no image is queued as it is: the Worker
 * converts it, or validation refuses it.
 */
async function editFiles(host: EditorHost, uploads: EditorUploads, files: File[]): Promise<boolean> {
  let edited = false;
  for (const file of files) {
    const edit = EDITABLE.test(file.type) ? await open(host, uploads, file) : null;
    if (edit === undefined) continue;
    if (edit) uploads.edits.set(file, edit);
    edited ||= !!edit;
    uploads.add([file]);
  }
  return edited;
}

/**
 * Edits a queued file again. While the dialog is open the file is out of the upload queue (its
 * row stays, as a copy), so it cannot start; it goes back at the end of the queue when the dialog
 * closes, edited or (canceled) as it was.
 */
async function editQueued(host: EditorHost, uploads: EditorUploads, item: UploadItem): Promise<boolean> {
  if (item.status !== 'queued' || !uploads.queued(item)) return false;
  const { file } = item;
  const held: UploadItem = { ...item };
  const swap = (from: UploadItem, to: UploadItem) => {
    uploads.rows[uploads.rows.indexOf(from)] = to;
    const preview = uploads.previews.get(from);
    uploads.previews.delete(from);
    if (preview) uploads.previews.set(to, preview);
  };
  swap(item, held);
  uploads.engine.remove(item);
  const edit = await open(host, uploads, file);
  // Taken out of the list meanwhile (`clear()`): nothing to put back.
  if (!uploads.rows.includes(held)) return false;
  const next = uploads.engine.add(file, item.visibility);
  next.metadata = item.metadata;
  swap(held, next);
  if (edit) {
    uploads.edits.set(file, edit);
    URL.revokeObjectURL(uploads.previews.get(next) ?? '');
    uploads.previews.delete(next);
    uploads.preview(next);
  }
  uploads.requestUpdate();
  return !!edit;
}

/**
 * Opens the editor for `what`: files before they are queued, or a queued item. Calls for one
 * element wait for each other, so a queue of images opens one after another.
 * @returns whether anything was edited (not canceled)
 */
export function edit(host: EditorHost, uploads: EditorUploads, what: File[] | UploadItem): Promise<boolean> {
  const turn = (turns.get(host) ?? Promise.resolve()).then(() =>
    Array.isArray(what) ? editFiles(host, uploads, what) : editQueued(host, uploads, what),
  );
  turns.set(
    host,
    turn.catch(() => false),
  );
  return turn;
}
