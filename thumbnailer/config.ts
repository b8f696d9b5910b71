/**
 * The thumbnailer's configuration, read once from the environment at module load (Lambda cold
 * start). Misconfiguration fails fast with a `TypeError` that names the setting.
 */

/** Settings of the thumbnailer. Frozen. */
export interface ThumbnailerConfig {
  readonly s3: {
    /** `S3_REGION`, else `AWS_REGION` (set by Lambda), else `us-east-1`. */
    readonly region: string;
    /** `S3_ENDPOINT`: an S3-compatible endpoint such as the local s3rver; AWS when absent. */
    readonly endpoint?: string;
    /** `S3_FORCE_PATH_STYLE` (`true` | `false`, default `false`): path-style URLs for local stores. */
    readonly forcePathStyle: boolean;
  };
  /** `THUMBNAIL_WIDTHS` (default `320,720,1440`): widths in pixels, ascending, 16–8192 each. */
  readonly widths: readonly number[];
  /** `MAX_SOURCE_BYTES` (default 64 MiB): larger originals are refused before download. */
  readonly maxSourceBytes: number;
  /** `MAX_PIXELS` (default 120 000 000): larger originals are refused from their header. */
  readonly maxPixels: number;
  /** `DELETE_REJECTED_ORIGINALS` (default `true`): remove an original once it is refused. */
  readonly deleteRejectedOriginals: boolean;
  /**
   * `WEBP_EFFORT` (default 1): libwebp's effort, 0–6. At 1440 px on a 12 MP photo, 1 takes a third
   * of the CPU time of libwebp's default 4 for ~11 % more bytes at the same quality.
   */
  readonly webpEffort: number;
}

/** Defaults, with their units. */
export const THUMBNAILER_DEFAULTS = Object.freeze({
  widths: Object.freeze([320, 720, 1440]),
  /** Bytes (64 MiB). */
  maxSourceBytes: 64 * 1024 * 1024,
  /** Pixels (120 megapixels). */
  maxPixels: 120_000_000,
  deleteRejectedOriginals: true,
  webpEffort: 1,
});

type Env = Readonly<Record<string, string | undefined>>;

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new TypeError(`Expected true or false for ${name} but received ${JSON.stringify(value)}`);
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  return toInteger(value, name, min, max);
}

function toInteger(value: string, name: string, min: number, max: number): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new TypeError(
      `Expected integer between ${min} and ${max} for ${name} but received ${JSON.stringify(value)}`,
    );
  }
  return number;
}

function readWidths(env: Env): readonly number[] {
  const value = env.THUMBNAIL_WIDTHS;
  if (value === undefined || value === '') return THUMBNAILER_DEFAULTS.widths;
  const widths = value.split(',').map((part) => toInteger(part, 'THUMBNAIL_WIDTHS', 16, 8192));
  return Object.freeze([...new Set(widths)].sort((a, b) => a - b));
}

function readEndpoint(env: Env): string | undefined {
  const value = env.S3_ENDPOINT;
  if (value === undefined || value === '') return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new TypeError(`Expected an http(s) URL for S3_ENDPOINT but received ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Reads the thumbnailer's settings from environment variables.
 * @param env Usually `process.env`.
 * @throws {TypeError} When a setting is present but invalid; the message names it.
 * @example const config = loadConfig({ THUMBNAIL_WIDTHS: '256,1024', MAX_PIXELS: '50000000' });
 */
export function loadConfig(env: Env): ThumbnailerConfig {
  const endpoint = readEndpoint(env);
  return Object.freeze({
    s3: Object.freeze({
      region: env.S3_REGION || env.AWS_REGION || 'us-east-1',
      ...(endpoint === undefined ? {} : { endpoint }),
      forcePathStyle: readBoolean(env, 'S3_FORCE_PATH_STYLE', false),
    }),
    widths: readWidths(env),
    maxSourceBytes: readInteger(env, 'MAX_SOURCE_BYTES', THUMBNAILER_DEFAULTS.maxSourceBytes, 1, 2 ** 40),
    maxPixels: readInteger(env, 'MAX_PIXELS', THUMBNAILER_DEFAULTS.maxPixels, 1, 2 ** 40),
    deleteRejectedOriginals: readBoolean(
      env,
      'DELETE_REJECTED_ORIGINALS',
      THUMBNAILER_DEFAULTS.deleteRejectedOriginals,
    ),
    webpEffort: readInteger(env, 'WEBP_EFFORT', THUMBNAILER_DEFAULTS.webpEffort, 0, 6),
  });
}
