import { Crop } from './crop.js';
import type { EditorStrings } from './editor-strings.js';
import { editorStyles } from './editor.styles.js';
import type { ImageEdit } from './image-edit.js';

/** What `openCropDialog` shows, and how it words it. */
export interface CropDialogOptions {
  /** Where the dialog goes: the element's shadow root. */
  root: ParentNode;
  file: File;
  /** Width / height of the crop box; unset: free. */
  ratio?: number | undefined;
  /** Start from this edit (a queued file edited again) instead of the whole image. */
  edit?: ImageEdit | undefined;
  texts: EditorStrings;
  /** Fills the texts' `{placeholders}` (the element's formatter, i18n/strings.ts). */
  format(template: string, values: Record<string, string | number>): string;
}

/** One sheet for every dialog: a constructed sheet, which a strict CSP allows (no `<style>`). */
let sheet: CSSStyleSheet | undefined;

/** Makes an element with properties and children. */
function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * Opens the crop-and-rotate dialog for `file`, a modal `<dialog>` labelled with the file's name:
 * the image, a crop box (focusable; arrows move it, Shift+arrows resize it, dragged with a mouse,
 * pen or finger, resized by its corner handles), and buttons to rotate either way, flip, reset,
 * cancel and apply. R rotates clockwise (Shift+R anticlockwise), F flips, Enter applies, Escape
 * cancels. The image is shown by the browser (EXIF orientation applied, as the Worker does).
 * @returns the edit; `undefined` when canceled; `null` when the browser cannot show the image
 */
export async function openCropDialog(options: CropDialogOptions): Promise<ImageEdit | null | undefined> {
  const { texts, format } = options;
  const url = URL.createObjectURL(options.file);
  const image = make('img', { alt: '', src: url, draggable: false });
  try {
    await image.decode();
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
  const crop = new Crop(image.naturalWidth, image.naturalHeight, options.ratio);
  if (options.edit) crop.edit = { ...options.edit };

  const button = (text: string, action: () => void, className = '') =>
    make('button', { type: 'button', className, onclick: action }, text);
  const corners = ['nw', 'ne', 'sw', 'se'].map((corner) => {
    const handle = make('span', { className: 'handle' });
    handle.dataset.corner = corner;
    return handle;
  });
  const box = make('div', { className: 'box', tabIndex: 0, role: 'slider' }, ...corners);
  box.setAttribute('aria-label', texts.crop);
  box.setAttribute('aria-describedby', 'keys');
  box.setAttribute('aria-valuemin', '0');
  box.setAttribute('aria-valuemax', '100');
  const stage = make('div', { className: 'stage' }, image, box);
  const status = make('div', { className: 'sr-only', role: 'status' });
  status.setAttribute('aria-live', 'polite');
  const announce = (text: string) => {
    // Emptied first, so the same text said twice is announced twice.
    status.textContent = '';
    requestAnimationFrame(() => (status.textContent = text));
  };

  /** Pixels of the stage per pixel of the (turned) image. */
  let scale = 1;
  const draw = () => {
    const [width, height] = crop.space;
    const edit = crop.edit;
    scale = Math.min((innerWidth - 64) / width, (innerHeight - 200) / height, 720 / width, 540 / height);
    const px = (value: number) => `${value * scale}px`;
    Object.assign(stage.style, { width: px(width), height: px(height) });
    Object.assign(image.style, {
      width: px(crop.width),
      height: px(crop.height),
      left: px((width - crop.width) / 2),
      top: px((height - crop.height) / 2),
      transform: `${edit.flip ? 'scaleX(-1) ' : ''}rotate(${edit.rotate}deg)`,
    });
    Object.assign(box.style, {
      left: px(edit.x),
      top: px(edit.y),
      width: px(edit.width),
      height: px(edit.height),
    });
    box.setAttribute('aria-valuenow', `${Math.round(((edit.width * edit.height) / (width * height)) * 100)}`);
    box.setAttribute(
      'aria-valuetext',
      format(texts.area, { x: edit.x, y: edit.y, width: edit.width, height: edit.height }),
    );
  };
  const rotate = (direction: 1 | -1) => {
    crop.rotate(direction);
    draw();
    announce(format(texts.rotated, { degrees: crop.edit.rotate }));
  };
  const flip = () => {
    crop.flip();
    draw();
    announce(texts.flipped);
  };

  // Drag the box to move it, a corner handle to resize it (the opposite corner stays).
  let drag: ((event: PointerEvent) => void) | undefined;
  box.onpointerdown = (event) => {
    if (event.button) return;
    event.preventDefault();
    box.focus();
    box.setPointerCapture(event.pointerId);
    const { x, y, width, height } = crop.edit;
    const corner = (event.target as HTMLElement).dataset.corner;
    if (corner) {
      const sx = corner.includes('e') ? 1 : -1;
      const sy = corner.includes('s') ? 1 : -1;
      const fixedX = sx > 0 ? x : x + width;
      const fixedY = sy > 0 ? y : y + height;
      drag = (move) => {
        const stageBox = stage.getBoundingClientRect();
        const pointerX = (move.clientX - stageBox.left) / scale;
        const pointerY = (move.clientY - stageBox.top) / scale;
        crop.span(fixedX, fixedY, sx, sy, (pointerX - fixedX) * sx, (pointerY - fixedY) * sy);
      };
    } else
      drag = (move) => {
        Object.assign(crop.edit, { x, y });
        crop.move((move.clientX - event.clientX) / scale, (move.clientY - event.clientY) / scale);
      };
  };
  box.onpointermove = (event) => {
    if (!drag) return;
    drag(event);
    draw();
  };
  box.onpointerup = box.onpointercancel = () => (drag = undefined);
  box.onkeydown = (event) => {
    const arrow = ARROWS[event.key];
    if (!arrow) return;
    event.preventDefault();
    const step = crop.min;
    if (event.shiftKey) crop.resize(arrow[0] * step, arrow[1] * step);
    else crop.move(arrow[0] * step, arrow[1] * step);
    draw();
  };

  const dialog = make(
    'dialog',
    {},
    stage,
    make('p', { id: 'keys' }, texts.keys),
    make(
      'div',
      { className: 'tools' },
      button(texts.rotateLeft, () => rotate(-1)),
      button(texts.rotateRight, () => rotate(1)),
      button(texts.flip, flip),
      button(texts.reset, () => {
        crop.reset();
        draw();
      }),
      button(texts.cancel, () => close(undefined)),
      button(texts.apply, () => close({ ...crop.edit }), 'apply'),
    ),
    status,
  );
  dialog.setAttribute('part', 'editor');
  dialog.setAttribute('aria-label', format(texts.title, { name: options.file.name }));

  const host = make('div');
  // The page styles the dialog as `image-uploader::part(editor)`.
  host.setAttribute('exportparts', 'editor');
  const shadow = host.attachShadow({ mode: 'open' });
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(editorStyles);
  shadow.adoptedStyleSheets = [sheet];
  shadow.append(dialog);
  options.root.append(host);

  let close!: (edit: ImageEdit | undefined) => void;
  const closed = new Promise<ImageEdit | undefined>((resolve) => {
    close = (edit) => {
      dialog.close();
      host.remove();
      URL.revokeObjectURL(url);
      resolve(edit);
    };
  });
  dialog.oncancel = (event) => {
    // Escape: the dialog closes through `close`, which also frees the image.
    event.preventDefault();
    close(undefined);
  };
  dialog.onkeydown = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const onButton = (event.target as HTMLElement).localName === 'button';
    if (event.key === 'Enter' && !onButton) {
      event.preventDefault();
      close({ ...crop.edit });
    } else if (event.key.toLowerCase() === 'r') rotate(event.shiftKey ? -1 : 1);
    else if (event.key.toLowerCase() === 'f') flip();
  };
  draw();
  dialog.showModal();
  box.focus();
  return closed;
}
