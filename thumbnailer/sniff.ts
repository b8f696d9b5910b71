/**
 * Tells an original's real format from its first bytes: never from its key's extension or its
 * Content-Type, which the uploader chose.
 */
import type { RejectedManifest, SourceFormat } from '../contract/thumbnail-manifest.js';

/** Why an original is refused: a stable code and a message for its owner. */
export type Rejection = RejectedManifest['reason'];

/**
 * The formats sharp decodes, of the signer's allowed types (TIFF is only in old manifests; HEIC is
 * decoded by heic.ts, when accepted).
 */
export type AcceptedFormat = Exclude<SourceFormat, 'tiff' | 'heic'>;

/** What {@link sniffFormat} found: a format we can decode, or a refusal. */
export type SniffResult = { format: AcceptedFormat | 'heic' } | { rejection: Rejection };

/** Options of {@link sniffFormat}. */
export interface SniffOptions {
  /** Accept HEIC/HEVC (`ACCEPT_HEIC`: heic.ts decodes it); default false, refused. */
  heic?: boolean;
}

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, end));

const startsWith = (bytes: Uint8Array, ...prefix: number[]): boolean =>
  prefix.every((byte, index) => bytes[index] === byte);

// ISO base media file brands (ISO/IEC 23008-12 Annex B). HEVC-coded HEIF needs a decoder that
// sharp's prebuilt libvips does not ship (libheif is built with AV1 only, for patent reasons):
// heic.ts brings its own, when the operator accepts HEIC.
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const OTHER_IMAGE_BRANDS = new Set(['mif1', 'msf1', 'jxl ', 'crx ', 'jp2 ']);

function unsupportedReason(what: string, why: string): Rejection {
  return {
    code: 'ERR_UNSUPPORTED_FORMAT',
    message: `${what} images are not supported${why}; upload a JPEG, PNG, WebP, AVIF or GIF.`,
  };
}

function unsupported(what: string, why = ''): SniffResult {
  return { rejection: unsupportedReason(what, why) };
}

function notAnImage(what: string): SniffResult {
  return { rejection: { code: 'ERR_NOT_AN_IMAGE', message: `The file is ${what}, not an image.` } };
}

/** `ftyp` box brands: the major brand, then the compatible ones. */
function isoBrands(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxSize = Math.min(view.getUint32(0), bytes.length, 4096);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

/** The refusal of HEIC/HEVC originals, also used when a decoder reports HEVC compression. */
export const HEIC_REJECTION: Rejection = Object.freeze(
  unsupportedReason('HEIC/HEVC', ': this server is not set up to decode them'),
);

function sniffIsoMedia(bytes: Uint8Array, heic: boolean): SniffResult {
  const brands = isoBrands(bytes);
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return { format: 'avif' };
  if (brands.some((brand) => HEVC_BRANDS.has(brand)))
    return heic ? { format: 'heic' } : { rejection: HEIC_REJECTION };
  if (brands.some((brand) => OTHER_IMAGE_BRANDS.has(brand))) return unsupported(`"${brands[0]!.trim()}"`);
  return notAnImage('a video or other media file');
}

function sniffText(bytes: Uint8Array): SniffResult {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).toLowerCase();
  const text = head.replace(/^\ufeff/, '').trimStart();
  if (text.startsWith('<')) {
    if (/<!doctype html|<html[\s>]/.test(text)) return notAnImage('an HTML document');
    if (/<svg[\s>]/.test(text)) return unsupported('SVG', ' (vector images can carry scripts)');
  }
  return notAnImage('in no known format');
}

/**
 * Identifies an original from its magic bytes.
 * @param bytes The whole file, or at least its first 4 KiB.
 * @param options `heic`: accept HEIC/HEVC (default false)
 * @returns `{ format }` for JPEG, PNG, WebP, AVIF and GIF, and HEIC when accepted; otherwise
 *   `{ rejection }` with `ERR_NOT_AN_IMAGE` (empty files, HTML, PDF, anything unknown) or
 *   `ERR_UNSUPPORTED_FORMAT` (images we do not decode: TIFF, HEIC, SVG, BMP, ICO, PSD, JPEG XL,
 *   JPEG 2000).
 */
export function sniffFormat(bytes: Uint8Array, { heic = false }: SniffOptions = {}): SniffResult {
  if (bytes.length === 0) return notAnImage('empty');
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return { format: 'jpeg' };
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { format: 'png' };
  if (/^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return { format: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { format: 'webp' };
  // Classic TIFF and BigTIFF, both byte orders (TIFF 6.0 §2; BigTIFF uses 43 instead of 42). The
  // signer never accepts TIFF, and libtiff decodes whatever a header declares (float samples,
  // strips sharing one deflated block: 120 MP from 8 KiB), so it is refused from its first bytes.
  if (
    (startsWith(bytes, 0x49, 0x49) && (bytes[2] === 0x2a || bytes[2] === 0x2b) && bytes[3] === 0) ||
    (startsWith(bytes, 0x4d, 0x4d, 0) && (bytes[3] === 0x2a || bytes[3] === 0x2b))
  ) {
    return unsupported('TIFF');
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') return sniffIsoMedia(bytes, heic);
  if (startsWith(bytes, 0xff, 0x0a) || ascii(bytes, 4, 8) === 'JXL ') return unsupported('JPEG XL');
  if (ascii(bytes, 4, 8) === 'jP  ') return unsupported('JPEG 2000');
  if (ascii(bytes, 0, 2) === 'BM' && [12, 40, 52, 56, 108, 124].includes(bytes[14] ?? 0)) {
    return unsupported('BMP');
  }
  if (startsWith(bytes, 0, 0, 1, 0)) return unsupported('ICO');
  if (ascii(bytes, 0, 4) === '8BPS') return unsupported('Photoshop (PSD)');
  if (ascii(bytes, 0, 5) === '%PDF-') return notAnImage('a PDF document');
  return sniffText(bytes);
}
