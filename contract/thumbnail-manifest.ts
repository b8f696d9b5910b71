/**
 * The `thumbnails/{owner}/{id}/meta.json` manifest: written last by the thumbnailer (its commit
 * point) and read by the signer's listing.
 */
import type { RejectionCode } from './error-codes.js';
import type { AppMetadata } from './upload-metadata.js';
import type { Visibility } from './visibility.js';

/** Formats the thumbnailer accepts as originals (sniffed from bytes). */
export type SourceFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'heic' | 'tiff';

/** Formats the thumbnailer writes. */
export type ThumbnailFormat = 'webp' | 'jpeg';

/** One written thumbnail. */
export interface ThumbnailOutput {
  key: string;
  width: number;
  height: number;
  format: ThumbnailFormat;
  contentType: 'image/webp' | 'image/jpeg';
  /** Bytes. */
  size: number;
}

interface ManifestBase {
  version: 1;
  sourceKey: string;
  /** ETag of the original this manifest was made from; equal ETag means nothing to do. */
  sourceEtag: string;
  /**
   * Size of the original in bytes (kept because a rejected or replaced original is removed); absent
   * in manifests written before it was recorded.
   */
  sourceSize?: number;
  /**
   * The file's name as the signer bound it into the upload (contract/upload-metadata.ts), decoded
   * and cleaned; absent when the original carries none (uploads signed before names were kept).
   */
  name?: string;
  /**
   * Who may see the thumbnails (contract/visibility.ts): first as the upload was signed, then as
   * `PATCH /v1/images/:id` set it. Absent (manifests written before visibility existed) means
   * `private`.
   */
  visibility?: Visibility;
  /**
   * The uploader's `iss` and `sub` and the page's metadata as the signer bound them into the upload
   * (contract/upload-metadata.ts), kept so the image's events (contract/image-events.ts) can be
   * told again after the original is gone. Absent in manifests of uploads signed before.
   */
  iss?: string;
  sub?: string;
  metadata?: AppMetadata;
  /** ISO 8601. */
  createdAt: string;
}

export interface ReadyManifest extends ManifestBase {
  status: 'ready';
  format: SourceFormat;
  /** Of the original, after EXIF orientation. */
  width: number;
  height: number;
  outputs: ThumbnailOutput[];
  /**
   * The widths asked for (`THUMBNAIL_WIDTHS` when the set was made), ascending: a public image has
   * a public copy for each (contract/public-copies.ts), though `outputs` holds one per distinct
   * width once widths above the image's are capped. Absent in manifests written before: then the
   * outputs' widths.
   */
  widths?: number[];
  /** ThumbHash of the image, base64. */
  thumbhash: string;
}

export interface RejectedManifest extends ManifestBase {
  status: 'rejected';
  reason: { code: RejectionCode; message: string };
}

export type ThumbnailManifest = ReadyManifest | RejectedManifest;
