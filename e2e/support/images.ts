/**
 * Real image files for the end-to-end tests, made with sharp: a photo-like JPEG carrying EXIF
 * orientation 6 and a GPS block (as phones write them), a PNG, and an SVG renamed `.png`.
 */
import sharp from 'sharp';

/** A file as playwright's `setFiles` takes it. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A colourful landscape scene as SVG, so the thumbnails in screenshots look like pictures. */
function sceneSvg(width: number, height: number, hue: number): string {
  const sun = `hsl(${(hue + 40) % 360} 90% 65%)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue} 70% 45%)"/><stop offset="1" stop-color="hsl(${(hue + 30) % 360} 80% 80%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.35}" r="${height * 0.12}" fill="${sun}"/>
    <path d="M0 ${height * 0.75} L${width * 0.3} ${height * 0.45} L${width * 0.55} ${height * 0.7} L${width * 0.8} ${height * 0.5} L${width} ${height * 0.72} V${height} H0Z" fill="hsl(${(hue + 180) % 360} 35% 30%)"/>
    <path d="M0 ${height * 0.88} Q${width * 0.5} ${height * 0.78} ${width} ${height * 0.9} V${height} H0Z" fill="hsl(${(hue + 160) % 360} 40% 20%)"/>
  </svg>`;
}

/**
 * A JPEG stored sideways with EXIF orientation 6 and a GPS block, as a phone camera writes it:
 * the pixels are `width`×`height` (landscape), and applying the orientation (90° clockwise) shows
 * the upright `height`×`width` portrait scene, sky on top.
 */
export async function photoJpeg(
  name: string,
  { width = 1600, height = 1200, hue = 210, grain = false } = {},
): Promise<FilePayload> {
  // Draw the scene upright, then store it turned 90° counter-clockwise, as the sensor saw it.
  let stored = await sharp(Buffer.from(sceneSvg(height, width, hue)))
    .rotate(270)
    .png()
    .toBuffer();
  if (grain) {
    // Sensor-like noise makes the file as large as a real photo (12 MP: ~2.5 MB; a flat scene: ~100 kB).
    const noise = await sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 14 },
      },
    })
      .png()
      .toBuffer();
    stored = await sharp(stored)
      .composite([{ input: noise, blend: 'soft-light' }])
      .png()
      .toBuffer();
  }
  const buffer = await sharp(stored)
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'Demo', Model: 'Phone 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2400/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4000/100',
      },
    })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** A PNG with an alpha channel. */
export async function graphicPng(name: string, width = 900, height = 900, hue = 320): Promise<FilePayload> {
  const buffer = await sharp(Buffer.from(sceneSvg(width, height, hue)))
    .ensureAlpha()
    .png()
    .toBuffer();
  return { name, mimeType: 'image/png', buffer };
}

/** An SVG document named `.png` and typed `image/png`: passes the browser's checks, not the thumbnailer's. */
export function svgRenamedPng(name: string): FilePayload {
  const buffer = Buffer.from(sceneSvg(400, 300, 30));
  return { name, mimeType: 'image/png', buffer };
}
