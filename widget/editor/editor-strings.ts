/**
 * The editor's texts (`UploaderStrings.editor`). English lives here, in the editor chunk, so the
 * script does not carry it; translations carry theirs (widget/i18n/<tag>.ts).
 */
export interface EditorStrings {
  /** The dialog's label; `{name}` the file name. */
  title: string;
  /** The crop box's label. */
  crop: string;
  /** The crop box's position and size, in pixels of the result: `{width}`, `{height}`, `{x}`, `{y}`. */
  area: string;
  /** How to use the crop box from the keyboard (its description). */
  keys: string;
  rotateLeft: string;
  rotateRight: string;
  flip: string;
  reset: string;
  /** Confirms the edit. */
  apply: string;
  /** Closes the editor; the image is not added (or stays as it was). */
  cancel: string;
  /** Announced after a turn: `{degrees}` clockwise from the original (0, 90, 180 or 270). */
  rotated: string;
  /** Announced after mirroring. */
  flipped: string;
}

/** English. */
export const enEditor: EditorStrings = {
  title: 'Edit {name}',
  crop: 'Crop area',
  area: '{width} by {height} pixels, {x} from the left, {y} from the top',
  keys: 'Arrow keys move the crop area, Shift with arrow keys resizes it, R rotates, Enter applies, Escape cancels.',
  rotateLeft: 'Rotate left',
  rotateRight: 'Rotate right',
  flip: 'Flip',
  reset: 'Reset',
  apply: 'Apply',
  cancel: 'Cancel',
  rotated: 'Rotated {degrees} degrees',
  flipped: 'Flipped',
};
