/**
 * What the editor made of an image: turn the upright picture (EXIF orientation applied) `rotate`
 * degrees clockwise, mirror it left to right when `flip`, then keep the rectangle `x`, `y`,
 * `width`, `height` (pixels of the turned and mirrored picture). The Worker applies it when it
 * prepares the file (upload/image-task.ts), so the upload is encoded like any re-encoded image.
 */
export interface ImageEdit {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Clockwise quarter turns, in degrees. */
  rotate: 0 | 90 | 180 | 270;
  /** Mirrored left to right, after the turn. */
  flip: boolean;
}

/**
 * Draws the part of `image` (its upright `width` × `height`) that `edit` keeps onto `context`, at
 * `scale` (1: one pixel per source pixel), from its origin.
 */
export function drawEdited(
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  image: CanvasImageSource,
  [width, height]: [number, number],
  edit: ImageEdit,
  scale: number,
): void {
  const turned = edit.rotate % 180 ? [height, width] : [width, height];
  context.scale(scale, scale);
  context.translate(turned[0]! / 2 - edit.x, turned[1]! / 2 - edit.y);
  if (edit.flip) context.scale(-1, 1);
  // Canvas y points down: a positive angle turns clockwise.
  context.rotate((edit.rotate * Math.PI) / 180);
  context.drawImage(image, -width / 2, -height / 2);
}
