/**
 * The deployment's typed configuration: what an operator sets in `deploy/deploy.config.ts` (or
 * overrides with `cdk -c key=value`), resolved once with defaults and validated at synth time.
 */
import type { IssuerConfig } from '../contract/issuer.js';
import { resolveCdnConfig } from './cdn-config.js';
import type { CdnConfig, ResolvedCdnConfig } from './cdn-config.js';
import { integer, oneOf, secretArn } from './config-values.js';
import { resolveEventsConfig } from './events-config.js';
import type { EventsConfig, ResolvedEventsConfig } from './events-config.js';
import { quotaEnvironment, resolveQuotaConfig } from './quota-config.js';
import type { QuotaConfig, ResolvedQuotaConfig } from './quota-config.js';

/** An image's visibility (`UPLOAD_VISIBILITIES`). */
export type Visibility = 'public' | 'private';

/** What an operator may set; every field is optional except where noted. */
export interface ImageUploaderConfig {
  /** Site origins allowed to upload (bucket CORS and signer CORS), e.g. `https://example.com`. Required. */
  siteOrigins: string[];
  /**
   * Identity providers whose tokens the signer trusts, passed on as its `AUTH_ISSUERS` (same type).
   * Required before `npm run deploy`.
   */
  issuers: IssuerConfig[];
  bucket?: {
    /** Use this existing bucket instead of creating one (its CORS, encryption and lifecycle stay yours). */
    existingBucketName?: string;
    /** Server-side encryption of a new bucket: S3-managed keys (default) or a new customer-managed KMS key. */
    encryption?: 's3' | 'kms';
    /** Keep the new bucket when the stack is deleted (default `true`: images are user data). */
    retainOnDelete?: boolean;
  };
  signer?: {
    /** How the signer is exposed: a Lambda Function URL (default) or an API Gateway HTTP API. */
    endpoint?: 'function-url' | 'http-api';
    /** Lambda memory in MB (default 512). */
    memoryMb?: number;
    /**
     * Reserved concurrency: the most signer instances that run at once (default 50, about 500–1000
     * requests a second). A ceiling on what a flood can cost, and a floor the thumbnailer cannot take
     * from it. `false` reserves none (accounts whose concurrency quota is too small to reserve any).
     */
    concurrency?: number | false;
    /** Upload limits; unset ones keep the signer's defaults (see signer/config.ts). */
    limits?: {
      /** `UPLOAD_MAX_BYTES`: largest file in bytes (signer default 50 MiB). */
      maxBytes?: number;
      /** `UPLOAD_MAX_FILES`: files per request (signer default 20). */
      maxFiles?: number;
      /** `UPLOAD_URL_TTL_SECONDS`: presigned URL lifetime (signer default 300). */
      urlTtlSeconds?: number;
      /**
       * `UPLOAD_ALLOWED_TYPES`: MIME types (signer default: JPEG, PNG, WebP, AVIF, GIF). Listing
       * `image/heic` also sets the thumbnailer's `ACCEPT_HEIC` (HEVC licensing: thumbnailer/README.md).
       */
      allowedTypes?: string[];
    };
    /** `UPLOAD_VISIBILITIES`: what a page may ask for (signer default: `public`, `private`). */
    visibilities?: Visibility[];
    /** `UPLOAD_DEFAULT_VISIBILITY`: when a page asks for none (signer default: `private`). */
    defaultVisibility?: Visibility;
    /**
     * Stage throttling of the HTTP API (`endpoint: 'http-api'` only, which AWS WAF cannot guard):
     * steady requests per second (default 50) and burst (default 100), for all clients together.
     */
    throttle?: { rateLimit?: number; burstLimit?: number };
    /** Extra signer environment (see signer/README.md), e.g. `{ UPLOAD_MAX_BYTES: '104857600' }`. */
    environment?: Record<string, string>;
    /**
     * The complete ARN of an existing Secrets Manager secret whose `SecretString` is the signer's
     * `OWNER_ID_SECRET` (at least 32 random bytes). Default: the stack generates one. Changing it
     * later moves every user to a new owner segment (deploy/README.md, "The owner-id secret").
     */
    ownerIdSecretArn?: string;
  };
  /** Delivery: the CloudFront distribution, its domain, signed URLs and AWS WAF (see cdn-config.ts). */
  cdn?: CdnConfig;
  thumbnailer?: {
    /** Lambda memory in MB (default 1769: one full vCPU). */
    memoryMb?: number;
    /** Lambda timeout in seconds (default 60). */
    timeoutSeconds?: number;
    /**
     * Reserved concurrency: the most thumbnailer instances that run at once (default 10). A burst of
     * uploads waits in Lambda's event queue (up to 6 hours, then the dead-letter queue) instead of
     * taking the account's concurrency. `false` reserves none.
     */
    concurrency?: number | false;
    /** Thumbnail widths in pixels (default 320, 720, 1440). */
    widths?: number[];
    /** `MAX_SOURCE_BYTES`: larger originals are refused (thumbnailer default 64 MiB, or `signer.limits.maxBytes` if larger). */
    maxSourceBytes?: number;
    /** `MAX_PIXELS`: larger originals are refused (thumbnailer default 120 000 000). */
    maxPixels?: number;
    /** Extra thumbnailer environment (see thumbnailer/README.md), e.g. `{ MAX_PIXELS: '50000000' }`. */
    environment?: Record<string, string>;
  };
  /** Image events: the EventBridge bus and an optional signed webhook (see events-config.ts). */
  events?: EventsConfig;
  /**
   * Per-owner quotas kept in the stack's DynamoDB table (see quota-config.ts): default 1 GiB and
   * 1000 images per owner; `{ bytes: false, images: false }` for none.
   */
  quota?: QuotaConfig;
  /** Architecture of every function; it must match `npm run build:lambda -- --arch` (default `arm64`). */
  architecture?: 'arm64' | 'x86_64';
  /** CloudWatch Logs retention in days (default 30). */
  logRetentionDays?: number;
  /** ARN of an existing SNS topic that the alarms notify (default: alarms without actions). */
  alarmTopicArn?: string;
}

/** The configuration with every default filled in. */
export interface ResolvedConfig {
  siteOrigins: readonly string[];
  issuers: readonly IssuerConfig[];
  bucket: { existingBucketName?: string; encryption: 's3' | 'kms'; retainOnDelete: boolean };
  signer: {
    endpoint: 'function-url' | 'http-api';
    memoryMb: number;
    throttle: { rateLimit: number; burstLimit: number };
    /** Reserved concurrency; unset: none reserved. */
    concurrency?: number;
    environment: Record<string, string>;
    /** Unset: the stack generates the secret. */
    ownerIdSecretArn?: string;
  };
  cdn: ResolvedCdnConfig;
  thumbnailer: {
    memoryMb: number;
    timeoutSeconds: number;
    widths: readonly number[];
    /** Reserved concurrency; unset: none reserved. */
    concurrency?: number;
    environment: Record<string, string>;
  };
  events: ResolvedEventsConfig;
  quota: ResolvedQuotaConfig;
  architecture: 'arm64' | 'x86_64';
  logRetentionDays: number;
  alarmTopicArn?: string;
}

/**
 * Fills in defaults and validates.
 * @param input the operator's settings
 * @throws {TypeError} naming the setting when a value is invalid.
 */
export function resolveConfig(input: ImageUploaderConfig): Readonly<ResolvedConfig> {
  const siteOrigins = input.siteOrigins ?? [];
  if (siteOrigins.length === 0) throw new TypeError('Expected siteOrigins to list at least one origin');
  for (const origin of siteOrigins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new TypeError(`Expected siteOrigins to list origins like https://example.com, got ${origin}`);
    }
  }
  (input.issuers ?? []).forEach((entry, index) => {
    if (!entry.issuer || !URL.canParse(entry.issuer))
      throw new TypeError(`Expected issuers[${index}].issuer to be a URL`);
    const audiences = ([] as string[]).concat(entry.audience ?? []);
    if (audiences.length === 0 || audiences.some((a) => !a)) {
      throw new TypeError(`Expected issuers[${index}].audience to be a string or a list of strings`);
    }
  });
  const encryption = oneOf('bucket.encryption', input.bucket?.encryption, ['s3', 'kms'] as const);
  const endpoint = oneOf('signer.endpoint', input.signer?.endpoint, ['function-url', 'http-api'] as const);
  const widths = input.thumbnailer?.widths ?? [320, 720, 1440];
  if (widths.length === 0 || widths.some((w) => !Number.isInteger(w) || w < 16 || w > 8192)) {
    throw new TypeError('Expected thumbnailer.widths to list integers between 16 and 8192');
  }
  const existingBucketName = input.bucket?.existingBucketName;
  const cdn = resolveCdnConfig(input.cdn);
  const ownerIdSecretArn = resolveOwnerIdSecretArn(input.signer);
  rejectQuotaVariables(input);
  const quota = resolveQuotaConfig(input.quota, input.issuers);
  const signerConcurrency = concurrency('signer.concurrency', input.signer?.concurrency, 50);
  const thumbnailerConcurrency = concurrency('thumbnailer.concurrency', input.thumbnailer?.concurrency, 10);
  return Object.freeze({
    siteOrigins: Object.freeze([...siteOrigins]),
    issuers: Object.freeze([...(input.issuers ?? [])]),
    bucket: {
      ...(existingBucketName && { existingBucketName }),
      encryption,
      retainOnDelete: input.bucket?.retainOnDelete ?? true,
    },
    signer: {
      endpoint,
      memoryMb: integer('signer.memoryMb', input.signer?.memoryMb, 512, 128, 10_240),
      throttle: {
        rateLimit: integer('signer.throttle.rateLimit', input.signer?.throttle?.rateLimit, 50, 1, 100_000),
        burstLimit: integer('signer.throttle.burstLimit', input.signer?.throttle?.burstLimit, 100, 1, 5000),
      },
      ...(signerConcurrency !== undefined && { concurrency: signerConcurrency }),
      environment: {
        ...signerLimits(input),
        ...signerDelivery(input, cdn),
        ...quotaEnvironment(quota),
        ...input.signer?.environment,
      },
      ...(ownerIdSecretArn && { ownerIdSecretArn }),
    },
    cdn,
    thumbnailer: {
      memoryMb: integer('thumbnailer.memoryMb', input.thumbnailer?.memoryMb, 1769, 128, 10_240),
      timeoutSeconds: integer('thumbnailer.timeoutSeconds', input.thumbnailer?.timeoutSeconds, 60, 1, 900),
      widths: Object.freeze([...widths]),
      ...(thumbnailerConcurrency !== undefined && { concurrency: thumbnailerConcurrency }),
      environment: { ...thumbnailerLimits(input), ...input.thumbnailer?.environment },
    },
    events: resolveEventsConfig(input.events),
    quota,
    architecture: oneOf('architecture', input.architecture, ['arm64', 'x86_64'] as const),
    logRetentionDays: integer('logRetentionDays', input.logRetentionDays, 30, 1, 3653),
    ...(input.alarmTopicArn && { alarmTopicArn: input.alarmTopicArn }),
  });
}

const MAX_OBJECT_BYTES = 5 * 1024 ** 4;
const THUMBNAILER_DEFAULT_SOURCE_BYTES = 64 * 1024 ** 2;
/** The thumbnailer's own upper bound for MAX_SOURCE_BYTES and MAX_PIXELS (thumbnailer/config.ts). */
const THUMBNAILER_MAX = 2 ** 40;

function signerLimits(input: ImageUploaderConfig): Record<string, string> {
  const limits = input.signer?.limits ?? {};
  const env: Record<string, string> = {};
  const set = (name: string, value: number | undefined, setting: string, min: number, max: number): void => {
    if (value !== undefined) env[name] = String(integer(setting, value, 0, min, max));
  };
  set('UPLOAD_MAX_BYTES', limits.maxBytes, 'signer.limits.maxBytes', 1, MAX_OBJECT_BYTES);
  set('UPLOAD_MAX_FILES', limits.maxFiles, 'signer.limits.maxFiles', 1, 1000);
  set('UPLOAD_URL_TTL_SECONDS', limits.urlTtlSeconds, 'signer.limits.urlTtlSeconds', 1, 3600);
  if (limits.allowedTypes !== undefined) {
    if (
      limits.allowedTypes.length === 0 ||
      limits.allowedTypes.some((type) => !/^image\/[a-z0-9.+-]+$/.test(type))
    ) {
      throw new TypeError('Expected signer.limits.allowedTypes to list image MIME types');
    }
    env.UPLOAD_ALLOWED_TYPES = limits.allowedTypes.join(',');
  }
  return env;
}

/** Who may publish, and whether originals are published (PUBLIC_ORIGINALS). */
function signerDelivery(input: ImageUploaderConfig, cdn: ResolvedCdnConfig): Record<string, string> {
  const env: Record<string, string> = {};
  const { visibilities, defaultVisibility } = input.signer ?? {};
  const allowed = ['public', 'private'] as const;
  if (visibilities !== undefined) {
    if (visibilities.length === 0 || visibilities.some((v) => !allowed.includes(v))) {
      throw new TypeError('Expected signer.visibilities to list public and/or private');
    }
    env.UPLOAD_VISIBILITIES = [...new Set(visibilities)].join(',');
  }
  if (defaultVisibility !== undefined) {
    oneOf('signer.defaultVisibility', defaultVisibility, allowed);
    if (visibilities && !visibilities.includes(defaultVisibility)) {
      throw new TypeError('Expected signer.defaultVisibility to be one of signer.visibilities');
    }
    env.UPLOAD_DEFAULT_VISIBILITY = defaultVisibility;
  } else if (visibilities && !visibilities.includes('private')) {
    // The signer's own default (private) would not be allowed.
    env.UPLOAD_DEFAULT_VISIBILITY = visibilities[0]!;
  }
  if (cdn.publicOriginals) env.PUBLIC_ORIGINALS = 'true';
  return env;
}

/**
 * Reserved concurrency, or `undefined` for none (`false`). Lambda keeps 100 of an account's
 * concurrency unreserved, so a reservation past `quota − 100` fails at deploy time, not here.
 */
function concurrency(name: string, value: number | false | undefined, fallback: number): number | undefined {
  if (value === false) return undefined;
  return integer(name, value, fallback, 1, 10_000);
}

/** The quota table and limits are the stack's to set: a hand-set value would bypass validation. */
function rejectQuotaVariables(input: ImageUploaderConfig): void {
  const settings: Record<string, string> = {
    QUOTA_TABLE: "the stack's quota table",
    DYNAMODB_ENDPOINT: "the stack's quota table",
    QUOTA_BYTES: 'quota.bytes',
    QUOTA_IMAGES: 'quota.images',
    QUOTA_OVERRIDES: 'quota.overrides',
  };
  for (const part of ['signer', 'thumbnailer'] as const) {
    for (const [name, setting] of Object.entries(settings)) {
      if (input[part]?.environment?.[name] !== undefined) {
        throw new TypeError(`Expected ${setting} rather than ${name} in ${part}.environment`);
      }
    }
  }
}

/**
 * The owner-id secret always comes from Secrets Manager: as a plain variable it would sit in the
 * function's configuration, readable by anyone who may read the function.
 */
function resolveOwnerIdSecretArn(signer: ImageUploaderConfig['signer']): string | undefined {
  for (const name of ['OWNER_ID_SECRET', 'OWNER_ID_SECRET_ARN']) {
    if (signer?.environment?.[name] !== undefined) {
      throw new TypeError(`Expected signer.ownerIdSecretArn rather than ${name} in signer.environment`);
    }
  }
  const arn = signer?.ownerIdSecretArn;
  return arn === undefined ? undefined : secretArn('signer.ownerIdSecretArn', arn);
}

/** The thumbnailer must accept every original the signer lets through. */
function thumbnailerLimits(input: ImageUploaderConfig): Record<string, string> {
  const uploadMax = input.signer?.limits?.maxBytes;
  const sourceMax = input.thumbnailer?.maxSourceBytes;
  const env: Record<string, string> = {};
  if (sourceMax !== undefined) {
    env.MAX_SOURCE_BYTES = String(integer('thumbnailer.maxSourceBytes', sourceMax, 0, 1, THUMBNAILER_MAX));
    if (uploadMax !== undefined && sourceMax < uploadMax) {
      throw new TypeError('Expected thumbnailer.maxSourceBytes to be at least signer.limits.maxBytes');
    }
  } else if (uploadMax !== undefined && uploadMax > THUMBNAILER_DEFAULT_SOURCE_BYTES) {
    env.MAX_SOURCE_BYTES = String(Math.min(uploadMax, THUMBNAILER_MAX));
  }
  // HEIC the signer allows must be decoded, not refused (thumbnailer/heic.ts).
  if (input.signer?.limits?.allowedTypes?.includes('image/heic')) env.ACCEPT_HEIC = 'true';
  if (input.thumbnailer?.maxPixels !== undefined) {
    env.MAX_PIXELS = String(
      integer('thumbnailer.maxPixels', input.thumbnailer.maxPixels, 0, 1, THUMBNAILER_MAX),
    );
  }
  return env;
}
