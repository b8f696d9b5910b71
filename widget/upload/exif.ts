/** What `stripJpegMetadata` found and made. */
export interface StrippedJpeg {
  /** The JPEG without personal metadata; the input itself when there was none to remove. */
  blob: Blob;
  /** EXIF orientation 1–8 (1 when absent), kept in a minimal EXIF block in `blob`. */
  orientation: number;
  /** Stored pixel size from the SOF segment (before orientation is applied), when found. */
  width?: number;
  height?: number;
}

const text = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, from + length));

/** Reads EXIF orientation (tag 0x0112 of IFD0) from an APP1 segment's bytes, or 1. */
function readOrientation(segment: Uint8Array): number {
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  const tiff = 10; // marker (2) + length (2) + "Exif\0\0" (6)
  if (segment.length < tiff + 8) return 1;
  const little = text(segment, tiff, 2) === 'II';
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > segment.length) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count && ifd + 14 + i * 12 <= segment.length; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, little) === 0x0112) return view.getUint16(entry + 8, little) || 1;
  }
  return 1;
}

/** A minimal APP1 EXIF segment holding only the Orientation tag (big-endian TIFF, one IFD entry). */
export function orientationSegment(orientation: number): Uint8Array<ArrayBuffer> {
  // prettier-ignore
  return new Uint8Array([
    0xff, 0xe1, 0, 34, 0x45, 0x78, 0x69, 0x66, 0, 0, // APP1, length 34, "Exif\0\0"
    0x4d, 0x4d, 0, 42, 0, 0, 0, 8, // "MM", 42, IFD0 at offset 8
    0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // 1 entry: Orientation, SHORT, count 1
    0, 0, 0, 0, // no next IFD
  ]);
}

/**
 * Removes EXIF (GPS, camera serials, timestamps), XMP and IPTC from a JPEG without re-encoding it:
 * the header segments are walked with small `Blob` reads, the metadata segments dropped, and a
 * minimal EXIF block with only the orientation put back so the image still displays upright.
 * The compressed image data is passed through as a `Blob` slice, never read into memory.
 * Returns the input unchanged when it is not a JPEG or carries no such metadata.
 */
export async function stripJpegMetadata(blob: Blob): Promise<StrippedJpeg> {
  const read = async (from: number, length: number): Promise<Uint8Array> =>
    new Uint8Array(await blob.slice(from, from + length).arrayBuffer());
  const head = await read(0, 2);
  const result: StrippedJpeg = { blob, orientation: 1 };
  if (head[0] !== 0xff || head[1] !== 0xd8) return result;
  const kept: Blob[] = [blob.slice(0, 2)];
  let removed = false;
  let exifAt = 1;
  let position = 2;
  for (;;) {
    const bytes = await read(position, 4);
    if (bytes.length < 4 || bytes[0] !== 0xff) return result; // not a well-formed header: leave the file alone
    const marker = bytes[1]!;
    if (marker === 0xff) {
      position++; // fill byte (ITU T.81 §B.1.1.2)
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan: image data follows
    const end = position + 2 + ((bytes[2]! << 8) | bytes[3]!);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const sof = await read(position + 5, 4);
      result.height = (sof[0]! << 8) | sof[1]!;
      result.width = (sof[2]! << 8) | sof[3]!;
    }
    const id = marker === 0xe1 || marker === 0xed ? await read(position + 4, 29) : undefined;
    const label = id ? text(id, 0, 29) : '';
    if (label.startsWith('Exif\0\0')) {
      result.orientation = readOrientation(await read(position, end - position));
      removed = true;
    } else if (marker === 0xed || label.startsWith('http://ns.adobe.com/')) {
      removed = true; // IPTC (APP13) and XMP, which repeat GPS, names and places
    } else {
      kept.push(blob.slice(position, end));
      if (marker === 0xe0 && kept.length === 2) exifAt = 2; // keep JFIF's APP0 first
    }
    position = end;
  }
  if (!removed) return result;
  if (result.orientation > 1) kept.splice(exifAt, 0, new Blob([orientationSegment(result.orientation)]));
  kept.push(blob.slice(position));
  result.blob = new Blob(kept, { type: blob.type });
  return result;
}
