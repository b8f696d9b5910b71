/**
 * What the public wall may show of an image: only what its public URLs already give away. No
 * owner, issuer, subject, page metadata or file name (a device's file name can say more than the
 * picture: the public URLs carry no owner or name on purpose, and neither does the wall).
 */
import type { ImageEvent, ImageReadyEvent } from '../../contract/image-events.js';
import type { StoredImage } from './image-store.js';

/** One image on the wall (`GET /api/wall`, and the `image` events of `GET /api/wall/events`). */
export interface WallImage {
  id: string;
  /** Of the original, after EXIF orientation: the aspect ratio to reserve. */
  width: number;
  height: number;
  /** ThumbHash placeholder, base64. */
  thumbhash: string;
  /** For `<source type="image/webp" srcset>` and `<img srcset>`. */
  srcset: { webp: string; jpeg: string };
  /** A JPEG for `<img src>`: the 720 px copy, else the widest below it, else the smallest. */
  src: string;
  /** When it became ready (ISO 8601): the wall's order, newest first. */
  publishedAt: string;
}

/** The `image.ready` events the wall shows: public images whose public URLs are known. */
export function isOnWall(event: ImageEvent): event is ImageReadyEvent & {
  data: { public: NonNullable<ImageReadyEvent['data']['public']> };
} {
  return event.type === 'image.ready' && event.data.visibility === 'public' && !!event.data.public;
}

/** Whether the wall may have shown the image an `image.deleted` event removes. */
export function wasOnWall(event: ImageEvent): boolean {
  return event.type === 'image.deleted' && event.data.visibility === 'public';
}

/** The wall's view of a stored image, or `undefined` when it is not on the wall. */
export function wallImage({ event }: StoredImage): WallImage | undefined {
  if (!isOnWall(event)) return undefined;
  const { data } = event;
  const jpegs = data.public.urls.filter((u) => u.format === 'jpeg').sort((a, b) => a.width - b.width);
  const src = jpegs.filter((u) => u.width <= 720).at(-1) ?? jpegs[0] ?? data.public.urls[0]!;
  return {
    id: data.id,
    width: data.original.width,
    height: data.original.height,
    thumbhash: data.thumbhash,
    srcset: data.public.srcset,
    src: src.url,
    publishedAt: event.timestamp,
  };
}

/** What orders the wall. */
export type WallOrder = Pick<WallImage, 'publishedAt' | 'id'>;

/** Newest first; ties by id, so pages never overlap. */
export function compareWall(a: WallOrder, b: WallOrder): number {
  return b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id);
}
