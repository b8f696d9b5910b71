/**
 * Real image bytes for the thumbnailer's tests and benchmark, made with sharp (and zlib for the
 * decompression bomb). Not part of the Lambda bundle.
 */
import sharp from 'sharp';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/** Stored (not displayed) layout of {@link phoneJpeg}: the top-left sixteenth is this colour. */
export const MARK_COLOUR = { r: 230, g: 30, b: 30 };

/**
 * Noise at `1/scale` of the size, enlarged: texture at one spatial frequency. Seeded, so every
 * run makes the same bytes (sharp's own noise generator is not seedable).
 */
async function texture(
  width: number,
  height: number,
  scale: number,
  sigma: number,
  seed: number,
): Promise<Buffer> {
  const small = { width: Math.ceil(width / scale), height: Math.ceil(height / scale), channels: 3 as const };
  const pixels = new Uint8ClampedArray(small.width * small.height * 3);
  let state = seed >>> 0;
  const uniform = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  // Irwin–Hall: the sum of 4 uniforms has variance 1/3, close enough to Gaussian for texture.
  const spread = sigma * Math.sqrt(3);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = 128 + spread * (uniform() + uniform() + uniform() + uniform() - 2);
  }
  return sharp(Buffer.from(pixels.buffer), { raw: small })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
}

/**
 * A photo-like JPEG as a phone writes it: stored landscape with EXIF Orientation 6 (display
 * rotated 90° clockwise, so portrait), a Display-P3 ICC profile and a GPS block. Gradients, texture
 * at three scales and sensor-like noise give encoders the work a real photo does; the stored
 * top-left sixteenth is {@link MARK_COLOUR}, to check orientation.
 */
export async function phoneJpeg(width: number, height: number, quality = 90): Promise<Buffer> {
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><defs><linearGradient id="g" x2="1" y2="1">` +
      `<stop offset="0" stop-color="#3a6ea5"/><stop offset=".6" stop-color="#f0c27b"/>` +
      `<stop offset="1" stop-color="#4b1248"/></linearGradient></defs><rect width="64" height="48" fill="url(#g)"/>` +
      `<circle cx="40" cy="30" r="9" fill="#2d8f4e"/><circle cx="52" cy="12" r="5" fill="#e8e8f0"/></svg>`,
  );
  const raw = { width, height, channels: 3 as const };
  const layers = await Promise.all([
    texture(width, height, 64, 45, 1),
    texture(width, height, 6, 22, 2),
    texture(width, height, 1, 6, 3),
  ]);
  const mark = {
    create: {
      width: Math.floor(width / 4),
      height: Math.floor(height / 4),
      channels: 3 as const,
      background: MARK_COLOUR,
    },
  };
  const base = await sharp(gradient).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  return sharp(base, { raw })
    .composite([
      ...layers.map((input) => ({ input, raw, blend: 'overlay' as const })),
      { input: mark, left: 0, top: 0 },
    ])
    .withMetadata({ orientation: 6 })
    .withIccProfile('p3')
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 15' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2952/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4000/100',
      },
    })
    .jpeg({ quality })
    .toBuffer();
}

/** A solid-colour image in any output format sharp writes. */
export function solid(
  width: number,
  height: number,
  format: 'png' | 'webp' | 'avif' | 'gif' | 'tiff' | 'jpeg',
  background: { r: number; g: number; b: number; alpha?: number } = { r: 40, g: 120, b: 200 },
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { alpha: 1, ...background } } })
    .toFormat(format, format === 'avif' ? { effort: 0 } : {})
    .toBuffer();
}

/** The pixel layout of a {@link pngBomb}. */
export interface PngBombOptions {
  /** Bits per sample (default 8). */
  depth?: 8 | 16;
  /** 3 (RGB, the default) or 4 (RGBA). */
  channels?: 3 | 4;
  /** Adam7 interlacing (default `false`): the decoder then has to hold the whole image. */
  interlaced?: boolean;
}

// PNG §8.2: Adam7's seven passes, as [x start, y start, x step, y step].
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes of the filtered, uncompressed image data: one filter byte per row of each pass. */
function pngDataLength(width: number, height: number, bytesPerPixel: number, interlaced: boolean): number {
  const passes = interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  return passes.reduce((sum, [x0, y0, dx, dy]) => {
    const columns = Math.ceil(Math.max(0, width - x0) / dx);
    const rows = Math.ceil(Math.max(0, height - y0) / dy);
    return columns === 0 ? sum : sum + rows * (1 + columns * bytesPerPixel);
  }, 0);
}

/**
 * A PNG `width`×`height` whose pixels are all zero, ~1 KiB on disk per MiB of image data: a
 * decompression bomb (default 20000×20000 8-bit RGB), or, with `{ depth: 16, channels: 4,
 * interlaced: true }`, an image whose decoder must hold 8 bytes a pixel at once.
 */
export function pngBomb(width = 20_000, height = 20_000, options: PngBombOptions = {}): Buffer {
  const { depth = 8, channels = 3, interlaced = false } = options;
  const total = pngDataLength(width, height, (channels * depth) / 8, interlaced);
  // Every byte is zero, rows and passes alike, so the stream is zeros cut anywhere. A full flush
  // resets the dictionary, so identical chunks deflate to identical bytes and can be repeated
  // (RFC 1951 §3.2.3 blocks are self-delimiting); a final block ends the stream.
  const chunkBytes = 8 << 20;
  const chunk = deflateRawSync(Buffer.alloc(chunkBytes), { finishFlush: constants.Z_FULL_FLUSH });
  const tail = deflateRawSync(Buffer.alloc(total % chunkBytes));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0); // Adler-32 of zeros: s1 = 1, s2 = n mod 65521
  const idat = Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array<Buffer>(Math.floor(total / chunkBytes)).fill(chunk),
    tail,
    adler,
  ]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  // Bit depth, colour type (2 truecolour, 6 with alpha), deflate, adaptive filter, interlace method.
  ihdr.set([depth, channels === 4 ? 6 : 2, 0, 0, interlaced ? 1 : 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A little-endian TIFF `width`×`height` of 32-bit float grey samples, all zero, a few KiB on disk
 * whatever its size: every strip points at the same deflated strip of zeros (TIFF 6.0 §3 lets
 * strips share bytes). The default, 10954×10954, is just under 120 MP.
 */
export function floatTiff(width = 10_954, height = 10_954): Buffer {
  const rowsPerStrip = 11;
  const strips = Math.ceil(height / rowsPerStrip);
  const strip = deflateSync(Buffer.alloc(width * rowsPerStrip * 4), { level: 9 });
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const SHORT = 3;
  const LONG = 4;
  const ifdEntries = 11;
  const ifdStart = 8;
  const ifdBytes = 2 + ifdEntries * 12 + 4;
  const offsetsAt = ifdStart + ifdBytes;
  const countsAt = offsetsAt + strips * 4;
  const stripAt = countsAt + strips * 4;
  entries.push(
    [256, LONG, 1, width], // ImageWidth
    [257, LONG, 1, height], // ImageLength
    [258, SHORT, 1, 32], // BitsPerSample
    [259, SHORT, 1, 8], // Compression: Deflate (Adobe)
    [262, SHORT, 1, 1], // PhotometricInterpretation: BlackIsZero
    [273, LONG, strips, offsetsAt], // StripOffsets
    [277, SHORT, 1, 1], // SamplesPerPixel
    [278, LONG, 1, rowsPerStrip], // RowsPerStrip
    [279, LONG, strips, countsAt], // StripByteCounts
    [284, SHORT, 1, 1], // PlanarConfiguration: chunky
    [339, SHORT, 1, 3], // SampleFormat: IEEE floating point
  );
  const file = Buffer.alloc(stripAt + strip.length);
  file.write('II', 0, 'latin1');
  file.writeUInt16LE(42, 2);
  file.writeUInt32LE(ifdStart, 4);
  file.writeUInt16LE(ifdEntries, ifdStart);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdStart + 2 + i * 12;
    file.writeUInt16LE(tag, at);
    file.writeUInt16LE(type, at + 2);
    file.writeUInt32LE(count, at + 4);
    if (type === SHORT && count === 1) file.writeUInt16LE(value, at + 8);
    else file.writeUInt32LE(value, at + 8);
  });
  // The next-IFD offset after the entries stays 0: one image.
  for (let i = 0; i < strips; i++) {
    file.writeUInt32LE(stripAt, offsetsAt + i * 4);
    file.writeUInt32LE(strip.length, countsAt + i * 4);
  }
  strip.copy(file, stripAt);
  return file;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The first bytes of an iPhone HEIC: an `ftyp` box (brand `heic`, compatible `mif1`, `heic`), then a stub. */
export function heicHeader(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  const meta = Buffer.alloc(32);
  meta.writeUInt32BE(32, 0);
  meta.write('meta', 4, 'latin1');
  return Buffer.concat([ftyp, meta]);
}

/**
 * A CMYK JPEG of one sRGB colour whose embedded profile is not the one sharp falls back to: the
 * built-in CMYK profile with its L* output curve scaled by 0.8, patched in the file (ICC.1:2001-04
 * §6.5.7 lut16Type; this profile's A2B0–A2B2 share one table, whole in the first APP2 segment).
 * Its colours are right only when read through the embedded profile.
 */
export async function cmykJpegOwnProfile(colour: { r: number; g: number; b: number }): Promise<Buffer> {
  const jpeg = await sharp(await solid(300, 200, 'png', colour))
    .toColourspace('cmyk')
    .withIccProfile('cmyk')
    .jpeg()
    .toBuffer();
  const profile = jpeg.indexOf(Buffer.from('ICC_PROFILE\0', 'latin1')) + 14; // after the chunk numbers
  const tags = profile + 128;
  const a2b0 = Array.from({ length: jpeg.readUInt32BE(tags) }, (_, i) => tags + 4 + i * 12).find(
    (entry) => jpeg.toString('latin1', entry, entry + 4) === 'A2B0',
  )!;
  const lut = profile + jpeg.readUInt32BE(a2b0 + 4);
  if (jpeg.toString('latin1', lut, lut + 4) !== 'mft2') throw new Error('Expected a lut16Type A2B0');
  const [inputs, outputs, grid] = [jpeg[lut + 8]!, jpeg[lut + 9]!, jpeg[lut + 10]!];
  const inputEntries = jpeg.readUInt16BE(lut + 48);
  const outputEntries = jpeg.readUInt16BE(lut + 50);
  const curve = lut + 52 + inputs * inputEntries * 2 + grid ** inputs * outputs * 2;
  for (let at = curve; at < curve + outputEntries * 2; at += 2)
    jpeg.writeUInt16BE(Math.round(jpeg.readUInt16BE(at) * 0.8), at);
  return jpeg;
}
