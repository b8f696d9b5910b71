/**
 * The thumbnailer's configuration, read once from the environment at module load (Lambda cold
 * start). Misconfiguration fails fast with a `TypeError` that names the setting; the rules for
 * booleans, integers and lists are contract/env.ts's.
 */
import {
  readBaseUrl,
  readBoolean,
  readEventBusName,
  readInteger,
  readIntegerList,
  readString,
  readUrl,
} from '../contract/env.js';
import type { Env } from '../contract/env.js';

/** Settings of the thumbnailer. Frozen. */
export interface ThumbnailerConfig {
  readonly s3: {
    /** `S3_REGION`, else `AWS_REGION` (set by Lambda), else `us-east-1`. */
    readonly region: string;
    /** `S3_ENDPOINT`: an S3-compatible endpoint such as the local s3rver; AWS when absent. */
    readonly endpoint?: string;
    /** `S3_FORCE_PATH_STYLE` (`true` or `1`, `false` or `0`; default `false`): path-style URLs for local stores. */
    readonly forcePathStyle: boolean;
  };
  /** `THUMBNAIL_WIDTHS` (default `320,720,1440`): widths in pixels, ascending, 16–8192 each. */
  readonly widths: readonly number[];
  /** `MAX_SOURCE_BYTES` (default 64 MiB): larger originals are refused before download. */
  readonly maxSourceBytes: number;
  /** `MAX_PIXELS` (default 120 000 000): larger originals are refused from their header. */
  readonly maxPixels: number;
  /**
   * `MAX_DECODED_BYTES` (default 768 MiB): originals whose decoder would hold more than this at once
   * (interlaced PNG, progressive JPEG, GIF, AVIF; estimated from the header, render.ts
   * `decoderMemory`) are refused before decoding. The process peaks at about this plus 250 MiB:
   * keep it under half the Lambda's memory.
   */
  readonly maxDecodedBytes: number;
  /**
   * `ACCEPT_HEIC` (default `false`): decode HEIC/HEVC originals with libheif (heic.ts) instead of
   * refusing them. Set it where the signer's `UPLOAD_ALLOWED_TYPES` lists `image/heic` (HEVC
   * licensing: see the README).
   */
  readonly heic: boolean;
  /** `DELETE_REJECTED_ORIGINALS` (default `true`): remove an original once it is refused. */
  readonly deleteRejectedOriginals: boolean;
  /**
   * `WEBP_EFFORT` (default 1): libwebp's effort, 0–6. At 1440 px on a 12 MP photo, 1 takes a third
   * of the CPU time of libwebp's default 4 for ~11 % more bytes at the same quality.
   */
  readonly webpEffort: number;
  /**
   * `PUBLIC_ORIGINALS` (default `false`): a public image's original is copied to
   * `public/{id}/original.{ext}` too, the bytes as uploaded with only the file's name as metadata.
   * Set it as the signer's is.
   */
  readonly publicOriginals: boolean;
  /**
   * `EVENT_BUS_NAME` (default: none): the EventBridge bus (name or ARN) that gets `image.ready` and
   * `image.rejected` (contract/image-events.ts) after each manifest. Unset: no events.
   */
  readonly eventBusName?: string;
  /**
   * `IMAGE_BASE_URL` (default: none): where the CDN serves the bucket, no trailing slash, as the
   * signer's. A public image's `image.ready` then carries its URLs (`{IMAGE_BASE_URL}/public/…`).
   */
  readonly imageBaseUrl?: string;
  /**
   * `QUOTA_TABLE` (default: none): the signer's quota table (quota/README.md). Set, each finished
   * image is counted there at its real size (its reservation settled) and each rejected one's
   * reservation released. `DYNAMODB_ENDPOINT` points at a local DynamoDB (dynalite) instead of AWS.
   */
  readonly quota?: { readonly table: string; readonly endpoint?: string };
}

/** Defaults, with their units. */
export const THUMBNAILER_DEFAULTS = Object.freeze({
  widths: Object.freeze([320, 720, 1440]),
  /** Bytes (64 MiB). */
  maxSourceBytes: 64 * 1024 * 1024,
  /** Pixels (120 megapixels). */
  maxPixels: 120_000_000,
  /**
   * Bytes (768 MiB): every 8-bit JPEG, PNG and GIF under the default 120 MP pixel limit fits, so
   * only deep, interlaced or AVIF images meet it.
   */
  maxDecodedBytes: 768 * 1024 * 1024,
  deleteRejectedOriginals: true,
  heic: false,
  webpEffort: 1,
  publicOriginals: false,
});

/**
 * Reads the thumbnailer's settings from environment variables.
 * @param env Usually `process.env`.
 * @throws {TypeError} When a setting is present but invalid; the message names it.
 * @example const config = loadConfig({ THUMBNAIL_WIDTHS: '256,1024', MAX_PIXELS: '50000000' });
 */
export function loadConfig(env: Env): ThumbnailerConfig {
  const endpoint = readUrl(env, 'S3_ENDPOINT');
  const eventBusName = readEventBusName(env);
  const imageBaseUrl = readBaseUrl(env, 'IMAGE_BASE_URL');
  const quotaTable = env.QUOTA_TABLE?.trim();
  const dynamoDbEndpoint = readUrl(env, 'DYNAMODB_ENDPOINT');
  if (dynamoDbEndpoint && !quotaTable) {
    throw new TypeError('Expected QUOTA_TABLE to be set with DYNAMODB_ENDPOINT');
  }
  if (quotaTable && !/^[A-Za-z0-9_.-]{3,255}$/.test(quotaTable)) {
    throw new TypeError(
      `Expected a DynamoDB table name (3–255 of A–Z a–z 0–9 _ - .) for QUOTA_TABLE but received ${JSON.stringify(quotaTable)}`,
    );
  }
  const widths = readIntegerList(env, 'THUMBNAIL_WIDTHS', THUMBNAILER_DEFAULTS.widths, 16, 8192);
  return Object.freeze({
    s3: Object.freeze({
      region: readString(env, 'S3_REGION', readString(env, 'AWS_REGION', 'us-east-1')),
      ...(endpoint === undefined ? {} : { endpoint }),
      forcePathStyle: readBoolean(env, 'S3_FORCE_PATH_STYLE', false),
    }),
    widths: Object.freeze([...new Set(widths)].sort((a, b) => a - b)),
    maxSourceBytes: readInteger(env, 'MAX_SOURCE_BYTES', THUMBNAILER_DEFAULTS.maxSourceBytes, 1, 2 ** 40),
    maxPixels: readInteger(env, 'MAX_PIXELS', THUMBNAILER_DEFAULTS.maxPixels, 1, 2 ** 40),
    maxDecodedBytes: readInteger(
      env,
      'MAX_DECODED_BYTES',
      THUMBNAILER_DEFAULTS.maxDecodedBytes,
      1024 * 1024,
      2 ** 40,
    ),
    heic: readBoolean(env, 'ACCEPT_HEIC', THUMBNAILER_DEFAULTS.heic),
    deleteRejectedOriginals: readBoolean(
      env,
      'DELETE_REJECTED_ORIGINALS',
      THUMBNAILER_DEFAULTS.deleteRejectedOriginals,
    ),
    webpEffort: readInteger(env, 'WEBP_EFFORT', THUMBNAILER_DEFAULTS.webpEffort, 0, 6),
    publicOriginals: readBoolean(env, 'PUBLIC_ORIGINALS', THUMBNAILER_DEFAULTS.publicOriginals),
    ...(eventBusName && { eventBusName }),
    ...(imageBaseUrl && { imageBaseUrl }),
    ...(quotaTable && {
      quota: Object.freeze({ table: quotaTable, ...(dynamoDbEndpoint && { endpoint: dynamoDbEndpoint }) }),
    }),
  });
}

/**
 * A bus name or ARN as `PutEvents` accepts it (its `EventBusName`: 1–256 characters,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html), so a
 * typo fails at cold start rather than on the first image.
 */
