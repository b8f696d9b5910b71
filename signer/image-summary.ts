/**
 * Builds the `ImageSummary` the API returns from what S3 holds: the original (if still there) and
 * the thumbnailer's manifest (if written yet).
 */
import type { ImageSummary, ThumbnailLink } from '../contract/api.js';
import { TYPE_BY_EXTENSION, parseImageId } from '../contract/object-keys.js';
import type { ThumbnailManifest } from '../contract/thumbnail-manifest.js';
import { imageIdTime } from './image-id.js';
import type { Presign } from './storage/presigner.js';
import type { StoredObject } from './storage/s3-operations.js';

export interface SummaryInput {
  id: string;
  key: string;
  original?: StoredObject;
  manifest?: ThumbnailManifest;
}

/** Presigns the original and every thumbnail, and reports the processing status. */
export async function toImageSummary(
  { id, key, original, manifest }: SummaryInput,
  presign: Presign,
  ttlSeconds: number,
  nowMs: number,
): Promise<ImageSummary> {
  const get = async (objectKey: string) =>
    (await presign({ method: 'GET', key: objectKey, expiresInSeconds: ttlSeconds })).url;
  const ext = parseImageId(id)?.ext ?? '';
  const summary: ImageSummary = {
    id,
    key,
    size: original?.size ?? manifest?.sourceSize ?? 0,
    type: TYPE_BY_EXTENSION[ext] ?? 'application/octet-stream',
    createdAt: (imageIdTime(id) ?? original?.lastModified ?? new Date(0)).toISOString(),
    status: manifest?.status ?? 'processing',
    visibility: manifest?.visibility ?? original?.metadata?.visibility ?? 'private',
    thumbnails: [],
  };
  // The manifest keeps the name once the original is gone (rejected); until then HEAD has it.
  const name = manifest?.name ?? original?.metadata?.name;
  if (name) summary.name = name;
  if (manifest?.status === 'rejected') return { ...summary, reason: manifest.reason };
  if (original) {
    summary.original = { url: await get(key), expiresAt: new Date(nowMs + ttlSeconds * 1000).toISOString() };
  }
  if (manifest?.status === 'ready') {
    summary.width = manifest.width;
    summary.height = manifest.height;
    summary.placeholder = manifest.thumbhash;
    summary.thumbnails = await Promise.all(
      manifest.outputs.map(async (output): Promise<ThumbnailLink> => ({
        url: await get(output.key),
        width: output.width,
        height: output.height,
        format: output.format,
      })),
    );
  }
  return summary;
}

/** Parses a manifest's text; a missing or unreadable manifest means "still processing". */
export function parseManifest(text: string | undefined): ThumbnailManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as ThumbnailManifest;
    return value.status === 'ready' || value.status === 'rejected' ? value : undefined;
  } catch {
    return undefined;
  }
}
