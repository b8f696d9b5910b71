/**
 * One page of a caller's image ids, newest first.
 *
 * An image shows up under `uploads/{owner}/{id}/` (its original, until a rejection removes it)
 * and under `thumbnails/{owner}/{id}/` (once the thumbnailer ran). Both listings come back in
 * key order, which is newest-first for our ids, and are merged; the cursor is the last id.
 */
import { ORIGINALS_PREFIX, THUMBNAILS_PREFIX, parseImageId } from '../../contract/object-keys.js';
import type { S3Operations } from '../storage/s3-operations.js';

export interface ImageIdPage {
  ids: string[];
  nextCursor?: string;
}

/** Lists up to `limit` ids after `cursor`. */
export async function listImageIds(
  s3: S3Operations,
  owner: string,
  limit: number,
  cursor?: string,
): Promise<ImageIdPage> {
  const idsUnder = async (root: string) => {
    const prefix = `${root}${owner}/`;
    // Every key of an image is `{prefix}{id}/{name}` with names below `~`: start after all of them.
    const startAfter = cursor === undefined ? undefined : `${prefix}${cursor}/~`;
    const { folders, truncated } = await s3.listFolders(prefix, limit, startAfter);
    const ids = folders.map((folder) => folder.slice(prefix.length, -1)).filter((id) => parseImageId(id));
    return { ids, truncated };
  };
  const lists = await Promise.all([idsUnder(ORIGINALS_PREFIX), idsUnder(THUMBNAILS_PREFIX)]);
  // A truncated list only vouches for ids up to its last one; ids past that may be missing.
  const bounds = lists.filter((l) => l.truncated && l.ids.length > 0).map((l) => l.ids.at(-1)!);
  const bound = bounds.sort()[0];
  const merged = [...new Set(lists.flatMap((l) => l.ids))]
    .sort()
    .filter((id) => bound === undefined || id <= bound);
  const ids = merged.slice(0, limit);
  const more = merged.length > limit || lists.some((l) => l.truncated);
  return { ids, ...(more && ids.length > 0 && { nextCursor: ids.at(-1)! }) };
}
