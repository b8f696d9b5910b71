import type { ImageEdit } from './image-edit.js';

/** `1`, `16/9`, `4/3`, `1.5` → width / height; `free`, empty or anything else → none. */
export function parseAspectRatio(text: string | null | undefined): number | undefined {
  const match = /^\s*(\d*\.?\d+)\s*(?:\/\s*(\d*\.?\d+)\s*)?$/.exec(text ?? '');
  const ratio = match ? Number(match[1]) / Number(match[2] ?? 1) : NaN;
  return ratio > 0 && Number.isFinite(ratio) ? ratio : undefined;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/**
 * The editor's state: a crop box over an upright `width` × `height` image that may be turned and
 * mirrored, in pixels of the turned and mirrored image (what `edit` holds), kept inside it and, with
 * a `ratio`, of that shape. Plain arithmetic, no DOM: the dialog (crop-dialog.ts) draws it.
 */
export class Crop {
  edit!: ImageEdit;

  constructor(
    readonly width: number,
    readonly height: number,
    /** Width / height of the box; unset: free. */
    readonly ratio?: number,
  ) {
    this.reset();
  }

  /** The turned image's width and height. */
  get space(): [number, number] {
    return this.edit.rotate % 180 ? [this.height, this.width] : [this.width, this.height];
  }

  /** The smallest side the box may have: 1 % of the image's shorter side, at least 1 pixel. */
  get min(): number {
    return Math.max(1, Math.round(Math.min(this.width, this.height) / 100));
  }

  /** Back to no turn, no mirror and the largest centred box (the whole image when free). */
  reset(): void {
    this.edit = { x: 0, y: 0, width: this.width, height: this.height, rotate: 0, flip: false };
    this.#fit();
  }

  /** Moves the box by `dx`, `dy` pixels, staying inside the image. */
  move(dx: number, dy: number): void {
    const [width, height] = this.space;
    const edit = this.edit;
    edit.x = Math.round(clamp(edit.x + dx, 0, width - edit.width));
    edit.y = Math.round(clamp(edit.y + dy, 0, height - edit.height));
  }

  /**
   * Spans the box from the fixed corner `x`, `y` towards `sx`, `sy` (+1 right/down, −1 left/up),
   * `width` × `height` large, as far as the image allows. With a ratio, `drive` says which side
   * decides the other: `width`, `height`, or `both` (the larger of the two, for a dragged corner).
   */
  span(x: number, y: number, sx: number, sy: number, width: number, height: number, drive = 'both'): void {
    const [spaceWidth, spaceHeight] = this.space;
    const room = [sx > 0 ? spaceWidth - x : x, sy > 0 ? spaceHeight - y : y] as const;
    const { ratio, min } = this;
    if (ratio) {
      width =
        drive === 'height' ? height * ratio : drive === 'width' ? width : Math.max(width, height * ratio);
      width = clamp(width, min * Math.max(1, ratio), Math.min(room[0], room[1] * ratio));
      height = width / ratio;
    } else {
      width = clamp(width, min, room[0]);
      height = clamp(height, min, room[1]);
    }
    width = Math.round(width);
    height = Math.round(height);
    Object.assign(this.edit, {
      x: Math.round(sx > 0 ? x : x - width),
      y: Math.round(sy > 0 ? y : y - height),
      width,
      height,
    });
  }

  /** Grows (or, negative, shrinks) the box by `dw` or `dh` pixels, its top left corner fixed. */
  resize(dw: number, dh: number): void {
    const { x, y, width, height } = this.edit;
    this.span(x, y, 1, 1, width + dw, height + dh, dw ? 'width' : 'height');
  }

  /** Turns the image a quarter clockwise (`1`) or anticlockwise (`-1`), and the box with it. */
  rotate(direction: 1 | -1): void {
    const edit = this.edit;
    const [width, height] = this.space;
    const { x, y } = edit;
    [edit.width, edit.height] = [edit.height, edit.width];
    if (direction > 0) [edit.x, edit.y] = [height - y - edit.width, x];
    else [edit.x, edit.y] = [y, width - x - edit.height];
    // The turn applies before the mirror: a mirrored image turns the other way round.
    edit.rotate = ((edit.rotate + (edit.flip ? -direction : direction) * 90 + 360) %
      360) as ImageEdit['rotate'];
    if (this.ratio && this.ratio !== 1) this.#fit();
  }

  /** Mirrors the image left to right, and the box with it. */
  flip(): void {
    const edit = this.edit;
    edit.x = this.space[0] - edit.x - edit.width;
    edit.flip = !edit.flip;
  }

  /** Gives the box the ratio's shape around its centre, as large as it was where it fits. */
  #fit(): void {
    const { ratio, edit } = this;
    if (!ratio) return;
    const [width, height] = this.space;
    const boxWidth = Math.min(width, height * ratio, Math.max(edit.width, edit.height * ratio));
    const boxHeight = boxWidth / ratio;
    const cx = edit.x + edit.width / 2;
    const cy = edit.y + edit.height / 2;
    Object.assign(edit, {
      width: Math.round(boxWidth),
      height: Math.round(boxHeight),
      x: Math.round(clamp(cx - boxWidth / 2, 0, width - boxWidth)),
      y: Math.round(clamp(cy - boxHeight / 2, 0, height - boxHeight)),
    });
  }
}
