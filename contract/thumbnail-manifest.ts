/**
 * The `thumbnails/{owner}/{id}/meta.json` manifest: written last by the thumbnailer (its commit
 * point) and read by the signer's listing.
 */
import type { RejectionCode } from './error-codes.js';

/** Formats the thumbnailer accepts as originals (sniffed from bytes). */
export type SourceFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff';

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
  /** Size of the original in bytes, from the event (kept because a rejected original is removed). */
  sourceSize?: number;
  /**
   * The file's name as the signer bound it into the upload (contract/upload-metadata.ts), decoded
   * and cleaned; absent when the original carries none (uploads signed before names were kept).
   */
  name?: string;
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
  /** ThumbHash of the image, base64. */
  thumbhash: string;
}

export interface RejectedManifest extends ManifestBase {
  status: 'rejected';
  reason: { code: RejectionCode; message: string };
}

export type ThumbnailManifest = ReadyManifest | RejectedManifest;
