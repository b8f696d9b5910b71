/**
 * JPEGs with personal metadata for the EXIF tests: an APP1 EXIF block (Make, Orientation and a
 * GPS IFD) and an APP1 XMP block, both carrying a `SECRET…` marker the tests look for.
 */
import { makeJpeg } from './stack.js';

function exifSegment(orientation: number): Uint8Array<ArrayBuffer> {
  const tiff = new Uint8Array(99);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]); // big-endian TIFF, IFD0 at 8
  const entry = (at: number, tag: number, type: number, count: number, value: number): void => {
    view.setUint16(at, tag);
    view.setUint16(at + 2, type);
    view.setUint32(at + 4, count);
    if (type === 3 && count === 1) view.setUint16(at + 8, value);
    else view.setUint32(at + 8, value);
  };
  view.setUint16(8, 3);
  entry(10, 0x010f, 2, 10, 80); // Make → "SECRETCAM\0" at 80
  entry(22, 0x0112, 3, 1, orientation);
  entry(34, 0x8825, 4, 1, 50); // GPS IFD at 50
  view.setUint16(50, 2);
  entry(52, 0x0001, 2, 2, 0x4e000000); // GPSLatitudeRef "N"
  entry(64, 0x001b, 7, 9, 90); // GPSProcessingMethod → "SECRETGPS" at 90
  tiff.set(new TextEncoder().encode('SECRETCAM\0SECRETGPS'), 80);
  const header = new TextEncoder().encode('Exif\0\0');
  const length = 2 + header.length + tiff.length;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...header, ...tiff]);
}

function xmpSegment(): Uint8Array<ArrayBuffer> {
  const body = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SECRETXMP</x:xmpmeta>');
  const length = body.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

/** A real JPEG (`width`×`height` stored pixels) with EXIF orientation, GPS and XMP. */
export async function jpegWithExif(
  orientation = 6,
  width = 64,
  height = 48,
  name = 'exif.jpg',
): Promise<File> {
  const plain = new Uint8Array(await (await makeJpeg(width, height)).arrayBuffer());
  return new File([plain.subarray(0, 2), exifSegment(orientation), xmpSegment(), plain.subarray(2)], name, {
    type: 'image/jpeg',
    lastModified: 1_700_000_000_000,
  });
}

/** Does `bytes` contain the ASCII text `needle`? */
export function contains(bytes: Uint8Array, needle: string): boolean {
  return new TextDecoder('latin1').decode(bytes).includes(needle);
}
