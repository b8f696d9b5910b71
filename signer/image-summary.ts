/**
 * Builds the `ImageSummary` the API returns from what S3 holds: the original (if still there) and
 * the thumbnailer's manifest (if written yet).
 */
import type { ImageSummary, ThumbnailLink } from '../contract/api.js';
import { TYPE_BY_EXTENSION, parseImageId } from '../contract/object-keys.js';
import { publicCopies } from '../contract/public-copies.js';
import type { ReadyManifest, ThumbnailManifest, ThumbnailOutput } from '../contract/thumbnail-manifest.js';
import type { Visibility } from '../contract/visibility.js';
import { imageIdTime } from './image-id.js';
import type { ImageLinks } from './image-links.js';
import type { StoredObject } from './storage/s3-operations.js';

export interface SummaryInput {
  id: string;
  key: string;
  original?: StoredObject;
  manifest?: ThumbnailManifest;
}

/**
 * The summary of one image: its status and visibility, a signed link to the original, and once
 * ready its thumbnails and a `srcset` per format, through the CDN for a public image (and its
 * `publicUrl`), signed for a private one, or for any image when there is no CDN.
 */
export async function toImageSummary(
  { id, key, original, manifest }: SummaryInput,
  links: ImageLinks,
): Promise<ImageSummary> {
  const ext = parseImageId(id)?.ext ?? '';
  const summary: ImageSummary = {
    id,
    key,
    size: original?.size ?? manifest?.sourceSize ?? 0,
    type: TYPE_BY_EXTENSION[ext] ?? 'application/octet-stream',
    createdAt: (imageIdTime(id) ?? original?.lastModified ?? new Date(0)).toISOString(),
    status: manifest?.status ?? 'processing',
    visibility: visibilityOf(manifest, original),
    thumbnails: [],
  };
  // The manifest keeps the name once the original is gone (rejected); until then HEAD has it.
  const name = manifest?.name ?? original?.metadata?.name;
  if (name) summary.name = name;
  if (manifest?.status === 'rejected') return { ...summary, reason: manifest.reason };
  if (original) {
    // Served as what the thumbnailer found in its bytes once it has looked, else as signed.
    const type = manifest ? `image/${manifest.format}` : summary.type;
    summary.original = { url: await links.signed(key, type), expiresAt: links.expiresAt };
  }
  if (manifest?.status === 'ready') {
    summary.width = manifest.width;
    summary.height = manifest.height;
    summary.placeholder = manifest.thumbhash;
    Object.assign(summary, await thumbnailLinks(id, manifest, summary.visibility, links));
  }
  return summary;
}

/** What the manifest says once there is one, else what the upload was signed with; else private. */
function visibilityOf(
  manifest: ThumbnailManifest | undefined,
  original: StoredObject | undefined,
): Visibility {
  if (manifest) return manifest.visibility ?? 'private';
  return original?.metadata?.visibility ?? 'private';
}

async function thumbnailLinks(
  id: string,
  manifest: ReadyManifest,
  visibility: Visibility,
  links: ImageLinks,
): Promise<Pick<ImageSummary, 'thumbnails' | 'srcset' | 'publicUrl'>> {
  const copies = visibility === 'public' ? publicCopies(id, manifest) : [];
  // Each thumbnail's public URL is that of the smallest asked-for width it stands for.
  const publicUrlOf = (output: ThumbnailOutput) => {
    const copy = copies.find((c) => c.source === output.key);
    return copy && links.public(copy.key);
  };
  const thumbnails = await Promise.all(
    manifest.outputs.map(async (output): Promise<ThumbnailLink> => ({
      url: publicUrlOf(output) ?? (await links.signed(output.key, output.contentType)),
      width: output.width,
      height: output.height,
      format: output.format,
    })),
  );
  const srcsetOf = (format: ThumbnailLink['format']) =>
    thumbnails
      .filter((t) => t.format === format)
      .sort((a, b) => a.width - b.width)
      .map((t) => `${t.url} ${t.width}w`)
      .join(', ');
  // The largest JPEG (shown everywhere: mail, chat previews, og:image), else the largest there is.
  const largest = copies.findLast((c) => c.output?.format === 'jpeg') ?? copies.findLast((c) => c.output);
  const publicUrl = largest && links.public(largest.key);
  return {
    thumbnails,
    srcset: { webp: srcsetOf('webp'), jpeg: srcsetOf('jpeg') },
    ...(publicUrl && { publicUrl }),
  };
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
