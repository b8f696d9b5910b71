/**
 * The jank benchmark's photos: camera-like JPEGs written once into a cache folder
 * (`.local/bench-photos/`, git-ignored, kept across runs) and reused by later
 * runs. Each is a smooth random scene (a small random colour field, upscaled) with sensor-like
 * Gaussian noise, encoded at quality 90 with EXIF a camera writes (make, model, software, GPS position),
 * so a 4000×3000 photo weighs 3–5 MB, as a phone's does, and the widget has metadata to strip.
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export interface PhotoSet {
  folder: string;
  paths: string[];
  width: number;
  height: number;
  /** Bytes of every photo together. */
  bytes: number;
}

/** A deterministic pseudo-random generator (mulberry32), so a photo set is the same on every machine. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Returns `count` photos of `width`×`height` under `cacheDir`, writing those that are missing
 * (about 1 s each at 12 MP on one core).
 */
export async function ensurePhotos(
  cacheDir: string,
  count: number,
  width: number,
  height: number,
): Promise<PhotoSet> {
  const folder = join(cacheDir, `${width}x${height}`);
  mkdirSync(folder, { recursive: true });
  const paths = Array.from({ length: count }, (_, i) =>
    join(folder, `photo-${String(i + 1).padStart(3, '0')}.jpg`),
  );
  let noise: Buffer | undefined;
  for (const [i, path] of paths.entries()) {
    if (existsSync(path)) continue;
    // One noise field for the set (it costs as much as the rest); the scenes make each photo its own.
    noise ??= await sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 10 },
      },
    })
      .raw()
      .toBuffer();
    const next = random(i + 1);
    const field = Buffer.alloc(40 * 30 * 3, 0).map(() => Math.floor(next() * 256));
    const scene = await sharp(field, { raw: { width: 40, height: 30, channels: 3 } })
      .resize(width, height, { kernel: 'cubic' })
      .raw()
      .toBuffer();
    for (let byte = 0; byte < scene.length; byte++)
      scene[byte] = Math.max(0, Math.min(255, scene[byte]! + noise[byte]! - 128));
    const partial = `${path}.partial`;
    await sharp(scene, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .withExif({
        IFD0: { Make: 'Bench', Model: 'Camera 12', Software: 'image-uploader bench' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 2400/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 700/100',
        },
      })
      .toFile(partial);
    // Renamed when complete, so an interrupted run leaves no truncated photo behind.
    renameSync(partial, path);
  }
  return { folder, paths, width, height, bytes: paths.reduce((sum, path) => sum + statSync(path).size, 0) };
}
