/**
 * The pure pipeline: an original's bytes in, the thumbnail files and their manifest out. No S3
 * here; the handler does the I/O.
 */
import { thumbnailKey, TYPE_BY_EXTENSION } from '../contract/object-keys.js';
import type { AppMetadata } from '../contract/upload-metadata.js';
import type { Visibility } from '../contract/visibility.js';
import { THUMBNAILER_DEFAULTS } from './config.js';
import type {
  ReadyManifest,
  RejectedManifest,
  ThumbnailFormat,
  ThumbnailOutput,
} from '../contract/thumbnail-manifest.js';
import { decodeOnce, decoderMemory, encode, readHeader, thumbHash } from './render.js';
import type { Encoded, Intermediate } from './render.js';
import { decodeHeic } from './heic.js';
import { HEIC_REJECTION, sniffFormat } from './sniff.js';
import type { AcceptedFormat, Rejection } from './sniff.js';

/** The original a set of thumbnails is made from. */
export interface SourceObject {
  /**
   * Its key, `uploads/{owner}/{id}/original.{ext}`. The extension is the type the upload was
   * signed for: bytes of another format are refused (`ERR_TYPE_MISMATCH`).
   */
  key: string;
  /** Its ETag, without quotes; the manifest records it for idempotency. */
  etag: string;
  owner: string;
  id: string;
  /** The file's name the upload was signed with, if any; the manifest keeps it. */
  name?: string;
  /** The visibility the upload was signed with (absent: `private`); the manifest keeps it. */
  visibility?: Visibility;
  /** Its size in bytes, if known; the manifest keeps it (the original may be removed later). */
  size?: number;
  /** The uploader and the page's metadata as signed (contract/upload-metadata.ts); the manifest keeps them. */
  iss?: string;
  sub?: string;
  metadata?: AppMetadata;
}

/** Options of {@link createThumbnails}. */
export interface ThumbnailOptions {
  /** Output widths in pixels; widths above the original's are capped to it (one output each). */
  widths: readonly number[];
  /** Refuse originals with more pixels than this, from the header, before decoding. */
  maxPixels: number;
  /**
   * Refuse originals whose decoder would hold more than this many bytes at once (see
   * `decoderMemory` in render.ts: interlaced PNGs, progressive JPEGs, GIF and AVIF), from the
   * header, before decoding. Default {@link THUMBNAILER_DEFAULTS}`.maxDecodedBytes` (768 MiB).
   */
  maxDecodedBytes?: number;
  /**
   * Decode HEIC/HEVC originals with libheif (heic.ts) instead of refusing them
   * (`ERR_UNSUPPORTED_FORMAT`); default false. For an operator whose signer allows `image/heic`.
   */
  heic?: boolean;
  /** libwebp effort (method) 0–6; default {@link THUMBNAILER_DEFAULTS}`.webpEffort` (1). */
  webpEffort?: number;
  /** Clock for `createdAt`; defaults to the real one. */
  now?: () => Date;
}

/** One file to write: a thumbnail. */
export interface ThumbnailFile {
  key: string;
  contentType: ThumbnailOutput['contentType'];
  body: Buffer;
}

/** Files to write, then the manifest to write last (its commit point). */
export type ThumbnailResult =
  { manifest: ReadyManifest; files: ThumbnailFile[] } | { manifest: RejectedManifest; files: [] };

const FORMATS: readonly ThumbnailFormat[] = ['webp', 'jpeg'];
const CONTENT_TYPES = { webp: 'image/webp', jpeg: 'image/jpeg' } as const;

/** A manifest that records why an original was refused. */
export function rejectedManifest(
  source: SourceObject,
  reason: Rejection,
  now = new Date(),
): RejectedManifest {
  return {
    ...manifestBase(source),
    createdAt: now.toISOString(),
    status: 'rejected',
    reason,
  };
}

/** What every manifest records of its original. */
function manifestBase(source: SourceObject) {
  return {
    version: 1 as const,
    sourceKey: source.key,
    sourceEtag: source.etag,
    ...(source.size !== undefined && { sourceSize: source.size }),
    ...(source.name && { name: source.name }),
    visibility: source.visibility ?? 'private',
    ...(source.iss && { iss: source.iss }),
    ...(source.sub && { sub: source.sub }),
    ...(source.metadata && { metadata: source.metadata }),
  };
}

/** Distinct output widths for an intermediate `width` pixels wide, ascending. */
export function outputWidths(widths: readonly number[], width: number): number[] {
  return [...new Set(widths.map((w) => Math.min(w, width)))].sort((a, b) => a - b);
}

/**
 * Makes the whole set from one decode: every width as WebP and JPEG, plus a ThumbHash, all upright,
 * sRGB and free of metadata (no EXIF, XMP, IPTC, GPS or ICC is ever copied). Refusals are results,
 * not errors: `ERR_NOT_AN_IMAGE`, `ERR_UNSUPPORTED_FORMAT` (TIFF included), `ERR_TYPE_MISMATCH`
 * (bytes of another format than the key's extension), `ERR_TOO_MANY_PIXELS` (over `maxPixels`, or
 * a decode that would hold more than `maxDecodedBytes`), `ERR_CORRUPT_IMAGE`. All but the last are
 * decided from the first bytes and the header, before any pixel is decoded.
 * @throws {TypeError} When `options.widths` is empty.
 * @throws Otherwise only on failures that are not the original's fault (e.g. out of memory).
 * @example
 * const { manifest, files } = await createThumbnails(bytes, source, { widths: [320, 720], maxPixels: 1e8 });
 */
export async function createThumbnails(
  bytes: Buffer,
  source: SourceObject,
  options: ThumbnailOptions,
): Promise<ThumbnailResult> {
  if (options.widths.length === 0) throw new TypeError('Expected at least one thumbnail width');
  const now = options.now ?? (() => new Date());
  const reject = (reason: Rejection) => ({
    manifest: rejectedManifest(source, reason, now()),
    files: [] as [],
  });

  const sniffed = sniffFormat(bytes, { heic: options.heic ?? false });
  if ('rejection' in sniffed) return reject(sniffed.rejection);
  const declared = declaredFormat(source.key);
  if (sniffed.format !== declared) return reject(typeMismatch(sniffed.format, declared));
  const largest = Math.max(...options.widths);
  const maxDecodedBytes = options.maxDecodedBytes ?? THUMBNAILER_DEFAULTS.maxDecodedBytes;
  let intermediate: Intermediate;
  let size: { width: number; height: number };
  if (sniffed.format === 'heic') {
    const decoded = await decodeHeic(bytes, {
      maxWidth: largest,
      maxPixels: options.maxPixels,
      maxDecodedBytes,
    });
    if ('rejection' in decoded) return reject(decoded.rejection);
    ({ intermediate, ...size } = decoded);
  } else {
    const decoded = await decodeWithSharp(bytes, sniffed.format, largest, { ...options, maxDecodedBytes });
    if ('rejection' in decoded) return reject(decoded.rejection);
    ({ intermediate, ...size } = decoded);
  }

  const webpEffort = options.webpEffort ?? THUMBNAILER_DEFAULTS.webpEffort;
  const widths = outputWidths(options.widths, intermediate.width);
  // Largest first: the slowest encodes start earliest on libuv's thread pool.
  const jobs = widths
    .toReversed()
    .flatMap((width) => FORMATS.map((format) => encode(intermediate, width, format, webpEffort)));
  const [placeholder, ...encoded] = await Promise.all([thumbHash(intermediate), ...jobs]);
  const files = encoded.map((out) => toFile(source, out)).sort(byWidthThenFormat);
  const manifest: ReadyManifest = {
    ...manifestBase(source),
    createdAt: now().toISOString(),
    status: 'ready',
    format: sniffed.format,
    width: size.width,
    height: size.height,
    outputs: files.map(({ output }) => output),
    widths: [...new Set(options.widths)].sort((a, b) => a - b),
    thumbhash: placeholder,
  };
  return { manifest, files: files.map(({ file }) => file) };
}

/**
 * Reads the header with sharp, refuses from it (`ERR_CORRUPT_IMAGE` unreadable, HEVC-coded,
 * `ERR_TOO_MANY_PIXELS`), then decodes once (`decodeOnce`).
 */
async function decodeWithSharp(
  bytes: Buffer,
  format: AcceptedFormat,
  largest: number,
  { maxPixels, maxDecodedBytes }: { maxPixels: number; maxDecodedBytes: number },
): Promise<{ intermediate: Intermediate; width: number; height: number } | { rejection: Rejection }> {
  const reject = (rejection: Rejection) => ({ rejection });
  const header = await readHeader(bytes).catch(() => undefined);
  if (!header) return reject({ code: 'ERR_CORRUPT_IMAGE', message: 'The image header is unreadable.' });
  if (header.compression === 'hevc') return reject(HEIC_REJECTION);
  const pixels = header.width * (header.pageHeight ?? header.height);
  if (pixels > maxPixels) {
    return reject({
      code: 'ERR_TOO_MANY_PIXELS',
      message: `The image is ${header.width}×${header.pageHeight ?? header.height} pixels; the limit is ${maxPixels} pixels.`,
    });
  }
  const held = decoderMemory(format, header);
  if (held > maxDecodedBytes) {
    const mb = (value: number) => `${Math.ceil(value / 1e6)} MB`;
    return reject({
      code: 'ERR_TOO_MANY_PIXELS',
      message: `Decoding this ${header.width}×${header.pageHeight ?? header.height} image would take ${mb(held)} of memory; the limit is ${mb(maxDecodedBytes)}. Save it with fewer pixels${format === 'png' ? ', without interlacing' : ''} or at 8 bits a channel.`,
    });
  }
  try {
    const intermediate = await decodeOnce(bytes, header, largest, maxPixels);
    return { intermediate, ...header.autoOrient };
  } catch {
    return reject({ code: 'ERR_CORRUPT_IMAGE', message: 'The image data is truncated or corrupt.' });
  }
}

const FORMAT_NAMES: Readonly<Record<AcceptedFormat | 'heic', string>> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  gif: 'GIF',
  heic: 'HEIC',
};

/** The format the key's extension names (the type the upload was signed for), if it names one. */
function declaredFormat(key: string): AcceptedFormat | 'heic' | undefined {
  const extension = key
    .slice(key.lastIndexOf('/') + 1)
    .split('.')
    .pop()!;
  const type = Object.hasOwn(TYPE_BY_EXTENSION, extension) ? TYPE_BY_EXTENSION[extension]! : '';
  const format = type.slice('image/'.length);
  return Object.hasOwn(FORMAT_NAMES, format) ? (format as AcceptedFormat | 'heic') : undefined;
}

function typeMismatch(
  actual: AcceptedFormat | 'heic',
  declared: AcceptedFormat | 'heic' | undefined,
): Rejection {
  const as = declared ? `as ${FORMAT_NAMES[declared]}` : 'with no image type';
  return {
    code: 'ERR_TYPE_MISMATCH',
    message: `The file is a ${FORMAT_NAMES[actual]} image but was uploaded ${as}; upload it as ${FORMAT_NAMES[actual]}.`,
  };
}

function toFile(source: SourceObject, out: Encoded): { output: ThumbnailOutput; file: ThumbnailFile } {
  const key = thumbnailKey(source.owner, source.id, out.width, out.format);
  const contentType = CONTENT_TYPES[out.format];
  return {
    output: {
      key,
      width: out.width,
      height: out.height,
      format: out.format,
      contentType,
      size: out.data.length,
    },
    file: { key, contentType, body: out.data },
  };
}

function byWidthThenFormat(a: { output: ThumbnailOutput }, b: { output: ThumbnailOutput }): number {
  return (
    a.output.width - b.output.width || FORMATS.indexOf(a.output.format) - FORMATS.indexOf(b.output.format)
  );
}
