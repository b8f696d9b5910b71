/**
 * The display name an upload keeps: the file's name as the user picked it, made safe to store in
 * S3 metadata and to show in a page. The signer cleans it before binding it into the upload; the
 * thumbnailer cleans what it reads back too (an object can be written by other means).
 */

/**
 * The most UTF-8 bytes a kept name has: the common file-system limit (`NAME_MAX` on ext4, XFS,
 * Btrfs). Percent-encoded, a name then takes at most 772 of the 2 KB of user metadata S3 allows
 * per object (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html), leaving
 * room for the other metadata an upload may carry.
 */
export const FILE_NAME_MAX_BYTES = 255;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional marks,
 * embeddings, overrides and isolates, which can make `gpj.exe` read as `exe.jpg`
 * (CVE-2021-42574, "Trojan Source"); each run becomes one space.
 */
const UNSAFE = /[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]+/gu;
const WHITESPACE = /\s+/g;
/** An extension worth keeping when a long name is cut: `.jpg`, `.jpeg`, `.webp`, … */
const EXTENSION = /\.[\p{L}\p{N}]{1,10}$/u;
const ELLIPSIS = '…';

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;
let graphemes: Intl.Segmenter | undefined;

/**
 * Cleans a file name for display: Unicode NFC; control and bidirectional-formatting characters
 * replaced by a space; runs of whitespace as one space; trimmed; and, when longer than
 * {@link FILE_NAME_MAX_BYTES} bytes of UTF-8, cut at a character (grapheme) boundary with `…`
 * before the extension, which is kept. Never throws: an odd name is cleaned, not refused (the name
 * is only shown, never used for the key). May return `''`.
 * @example cleanFileName('  holiday\u0000photo\u202E.jpg ') // 'holiday photo .jpg'
 */
export function cleanFileName(name: string): string {
  const clean = name.normalize('NFC').replace(UNSAFE, ' ').replace(WHITESPACE, ' ').trim();
  if (byteLength(clean) <= FILE_NAME_MAX_BYTES) return clean;
  const extension = EXTENSION.exec(clean)?.[0] ?? '';
  const stem = clean.slice(0, clean.length - extension.length);
  let budget = FILE_NAME_MAX_BYTES - byteLength(ELLIPSIS + extension);
  let kept = '';
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(stem)) {
    budget -= byteLength(segment);
    if (budget < 0) break;
    kept += segment;
  }
  return `${kept.trimEnd()}${ELLIPSIS}${extension}`;
}
