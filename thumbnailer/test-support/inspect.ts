/**
 * Reads output bytes the hard way, for the thumbnailer's tests: pixels, and the metadata blocks a
 * JPEG or WebP file actually contains (parsed from the container, not asked of a decoder).
 */
import sharp from 'sharp';

/** The channel values of one pixel. */
export async function pixelAt(image: Buffer, x: number, y: number, ignoreIcc = false): Promise<number[]> {
  const { data, info } = await sharp(image, { ignoreIcc }).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + info.channels)];
}

/**
 * Metadata blocks of a JPEG (`APP1:Exif`, `APP1:XMP`, `APP2:ICC`, `APP13:IPTC`, other `APPn`) or
 * WebP (`EXIF`, `XMP `, `ICCP`) file, walked from its container structure.
 */
export function metadataBlocks(bytes: Buffer): string[] {
  if (bytes.toString('latin1', 0, 4) === 'RIFF')
    return webpChunks(bytes).filter((id) => /EXIF|XMP |ICCP/.test(id));
  const blocks: string[] = [];
  let offset = 2; // after SOI
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xda) break; // start of scan: no more headers
    const length = bytes.readUInt16BE(offset + 2);
    const body = bytes.toString('latin1', offset + 4, offset + 4 + Math.min(length - 2, 32));
    if (marker >= 0xe0 && marker <= 0xef) {
      const n = marker - 0xe0;
      if (n === 1 && body.startsWith('Exif\0')) blocks.push('APP1:Exif');
      else if (n === 1 && body.startsWith('http://ns.adobe.com/xap/')) blocks.push('APP1:XMP');
      else if (n === 2 && body.startsWith('ICC_PROFILE')) blocks.push('APP2:ICC');
      else if (n === 13) blocks.push('APP13:IPTC');
      else if (n !== 0) blocks.push(`APP${n}`); // APP0 is JFIF: no metadata
    }
    offset += 2 + length;
  }
  return blocks;
}

/** Chunk ids of a RIFF/WebP file, in order. */
export function webpChunks(bytes: Buffer): string[] {
  const ids: string[] = [];
  for (let offset = 12; offset + 8 <= bytes.length;) {
    ids.push(bytes.toString('latin1', offset, offset + 4));
    const size = bytes.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return ids;
}
