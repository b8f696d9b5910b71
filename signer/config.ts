/**
 * The signer's configuration: read once from environment variables, validated, frozen.
 * Every setting, its variable, default and unit is listed in signer/README.md; the rules for
 * strings, booleans, integers, lists and JSON are contract/env.ts's.
 */
import {
  readBaseUrl,
  readBoolean,
  readEventBusName,
  readInteger,
  readJsonArray,
  readList,
  readString,
  readUrl,
} from '../contract/env.js';
import type { Env } from '../contract/env.js';
import type { IssuerConfig } from '../contract/issuer.js';
import { EXTENSION_BY_TYPE } from '../contract/object-keys.js';
import { parseIssuer, readAuthHeader, readSharedSecret } from './auth/auth-settings.js';
import { readOwnerIdSecret } from './auth/owner-id.js';
import { VISIBILITIES, isVisibility, type Visibility } from '../contract/visibility.js';
import { readQuota, type QuotaConfig } from './quota-config.js';

export type { QuotaConfig, QuotaLimit } from './quota-config.js';

const MIB = 1024 * 1024;

/** A shared-secret HS256 issuer for a site's own login. */
export interface SharedSecretIssuerConfig {
  issuer: string;
  audience: string;
  /** At least 32 bytes. */
  secret: string;
}

export interface SignerConfig {
  auth: {
    issuers: readonly IssuerConfig[];
    sharedSecret?: SharedSecretIssuerConfig;
    clockToleranceSeconds: number;
    jwksTimeoutMs: number;
    jwksCooldownMs: number;
    /**
     * `AUTH_ISSUER_FAILURE_COOLDOWN_MS` (default 30 000): how long a failed discovery or JWKS fetch
     * is remembered, so forged tokens cannot make the signer fetch in a loop (auth/issuer-keys.ts).
     */
    issuerFailureCooldownMs: number;
    /** How many verified tokens to remember until their `exp`. */
    tokenCacheSize: number;
    /**
     * `AUTH_HEADER` (default `authorization`, lower case): the one request header the bearer token
     * is read from. Behind CloudFront with OAC, `x-forwarded-authorization`.
     */
    header: string;
    /**
     * `OWNER_ID_SECRET` (required, at least 32 bytes; resolve-env.ts fills it from
     * `OWNER_ID_SECRET_ARN`): the HMAC key of the owner segment in object keys (auth/owner-id.ts).
     * Changing it moves every user to a new owner segment.
     */
    ownerIdSecret: string;
  };
  s3: {
    bucket: string;
    region: string;
    endpoint?: string;
    forcePathStyle: boolean;
    /** Explicit keys; otherwise the AWS default chain (on Lambda: the function role). */
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  };
  uploads: {
    allowedTypes: readonly string[];
    maxBytes: number;
    maxFiles: number;
    urlTtlSeconds: number;
    multipartThresholdBytes: number;
    partSizeBytes: number;
    /** Visibilities a caller may ask for (`UPLOAD_VISIBILITIES`, default `private` only). */
    visibilities: readonly Visibility[];
    /** What a file gets when it asks for none (`UPLOAD_DEFAULT_VISIBILITY`, default `private`). */
    defaultVisibility: Visibility;
    /**
     * `MAX_OPEN_UPLOADS` (default 20): how many multipart uploads one owner may have open (created,
     * neither completed nor aborted); more is `429 ERR_TOO_MANY_OPEN_UPLOADS`.
     */
    maxOpenUploads: number;
    /**
     * `UPLOAD_REQUIRE_PART_MD5` (default true): every part URL signs the part's MD5, so S3 refuses
     * bytes changed on the way; `false` lets clients that cannot send a header with a part (Uppy's
     * Companion mode) upload without it (the length is signed either way).
     */
    requirePartMd5: boolean;
  };
  delivery: {
    /**
     * `IMAGE_BASE_URL`: where the CDN serves the bucket (no trailing slash); public images get
     * `{imageBaseUrl}/public/{id}/…` URLs. Unset: public images are listed with signed URLs too.
     */
    imageBaseUrl?: string;
    /** `PUBLIC_ORIGINALS` (default false): a public image's original is public as well. */
    publicOriginals: boolean;
    /** `CDN_DISTRIBUTION_ID`: the CloudFront distribution to invalidate on PATCH and DELETE. */
    distributionId?: string;
    /**
     * `CLOUDFRONT_KEY_PAIR_ID` and `CLOUDFRONT_PRIVATE_KEY` (PEM; resolve-env.ts fills it from
     * `CLOUDFRONT_PRIVATE_KEY_SECRET_ARN`): private thumbnails get CloudFront signed URLs under
     * `imageBaseUrl` instead of presigned S3 GETs.
     */
    cloudFrontSigning?: { keyPairId: string; privateKey: string };
  };
  events: {
    /**
     * `EVENT_BUS_NAME`: the EventBridge bus (name or ARN) `image.deleted` is put on
     * (contract/image-events.ts). Unset: the signer tells no events.
     */
    busName?: string;
  };
  listing: { urlTtlSeconds: number; pageSize: number };
  /**
   * Per-owner quotas, kept in the DynamoDB table `QUOTA_TABLE` (quota/README.md). Absent when
   * `QUOTA_TABLE` is unset: no quotas, no `GET /v1/usage` figures, and the rate limit in-process.
   */
  quota?: QuotaConfig;
  /**
   * Tokens per owner: one per file signed (a ticket of `POST /v1/uploads`) and one per other
   * request. `RATE_LIMIT_PER_MINUTE` (default 300) refills, `RATE_LIMIT_BURST` (default two thirds
   * of it, 200) may be taken at once. Shared by every instance through `QUOTA_TABLE` when it is set.
   */
  rateLimit: { requestsPerMinute: number; burst: number };
  /**
   * Requests whose token is missing or invalid, per client IP and per instance:
   * `RATE_LIMIT_BAD_TOKEN_PER_MINUTE` (default 60, burst half of it); past it, `429` without
   * verifying the token.
   */
  badTokenLimit: { requestsPerMinute: number; burst: number };
  http: { corsOrigins: readonly string[]; bodyLimitBytes: number };
}

/**
 * Reads and validates the configuration.
 * @param env usually `process.env`
 * @throws {TypeError} naming the variable when a value is missing or invalid.
 */
export function loadConfig(env: Env): Readonly<SignerConfig> {
  const issuers = readJsonArray(env, 'AUTH_ISSUERS', []).map((value, index) => parseIssuer(value, index));
  const sharedSecret = readSharedSecret(env);
  if (issuers.length === 0 && !sharedSecret) {
    throw new TypeError(
      'Expected AUTH_ISSUERS or AUTH_HS256_SECRET to be set: the signer would trust nobody',
    );
  }
  // HEIC only when listed: it needs the thumbnailer's ACCEPT_HEIC (and a word on HEVC licensing).
  const allowedTypes = readList(
    env,
    'UPLOAD_ALLOWED_TYPES',
    Object.keys(EXTENSION_BY_TYPE).filter((type) => type !== 'image/heic'),
  );
  for (const type of allowedTypes) {
    if (!EXTENSION_BY_TYPE[type]) {
      throw new TypeError(
        `Expected UPLOAD_ALLOWED_TYPES to list only ${Object.keys(EXTENSION_BY_TYPE).join(', ')}, got ${type}`,
      );
    }
  }
  const partSizeBytes = readInteger(env, 'MULTIPART_PART_SIZE_BYTES', 8 * MIB, 5 * MIB, 5 * 1024 * MIB);
  const maxBytes = readInteger(env, 'UPLOAD_MAX_BYTES', 50 * MIB, 1, 5 * 1024 * 1024 * MIB);
  if (Math.ceil(maxBytes / partSizeBytes) > 10_000) {
    throw new TypeError(
      'Expected MULTIPART_PART_SIZE_BYTES large enough for UPLOAD_MAX_BYTES in 10,000 parts',
    );
  }
  const credentials = readCredentials(env);
  const endpoint = readUrl(env, 'S3_ENDPOINT');
  const requestsPerMinute = readInteger(env, 'RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000);
  const badTokensPerMinute = readInteger(env, 'RATE_LIMIT_BAD_TOKEN_PER_MINUTE', 60, 1, 1_000_000);
  const quota = readQuota(env);
  const { visibilities, defaultVisibility } = readVisibilities(env);
  const imageBaseUrl = readBaseUrl(env, 'IMAGE_BASE_URL');
  const cloudFrontSigning = readCloudFrontSigning(env, imageBaseUrl);
  const distributionId = env.CDN_DISTRIBUTION_ID?.trim();
  if (distributionId && !/^[A-Z0-9]{1,64}$/.test(distributionId)) {
    throw new TypeError(
      `Expected a CloudFront distribution id (e.g. E2QWRUHAPOMQZL) for CDN_DISTRIBUTION_ID but received ${JSON.stringify(distributionId)}`,
    );
  }
  const busName = readEventBusName(env);
  const config: SignerConfig = {
    auth: {
      issuers,
      ...(sharedSecret && { sharedSecret }),
      clockToleranceSeconds: readInteger(env, 'AUTH_CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
      jwksTimeoutMs: readInteger(env, 'AUTH_JWKS_TIMEOUT_MS', 3000, 100, 60_000),
      jwksCooldownMs: readInteger(env, 'AUTH_JWKS_COOLDOWN_MS', 30_000, 0, 3_600_000),
      issuerFailureCooldownMs: readInteger(env, 'AUTH_ISSUER_FAILURE_COOLDOWN_MS', 30_000, 0, 3_600_000),
      tokenCacheSize: readInteger(env, 'AUTH_TOKEN_CACHE_SIZE', 10_000, 0, 1_000_000),
      header: readAuthHeader(env),
      ownerIdSecret: readOwnerIdSecret(env),
    },
    s3: {
      bucket: readString(env, 'S3_BUCKET'),
      region: readString(env, 'S3_REGION', readString(env, 'AWS_REGION', 'us-east-1')),
      ...(endpoint && { endpoint }),
      forcePathStyle: readBoolean(env, 'S3_FORCE_PATH_STYLE', false),
      ...(credentials && { credentials }),
    },
    uploads: {
      allowedTypes,
      maxBytes,
      maxFiles: readInteger(env, 'UPLOAD_MAX_FILES', 20, 1, 1000),
      urlTtlSeconds: readInteger(env, 'UPLOAD_URL_TTL_SECONDS', 300, 1, 3600),
      multipartThresholdBytes: readInteger(
        env,
        'MULTIPART_THRESHOLD_BYTES',
        16 * MIB,
        5 * MIB,
        5 * 1024 * MIB,
      ),
      partSizeBytes,
      visibilities,
      defaultVisibility,
      maxOpenUploads: readInteger(env, 'MAX_OPEN_UPLOADS', 20, 1, 10_000),
      requirePartMd5: readBoolean(env, 'UPLOAD_REQUIRE_PART_MD5', true),
    },
    delivery: {
      ...(imageBaseUrl && { imageBaseUrl }),
      publicOriginals: readBoolean(env, 'PUBLIC_ORIGINALS', false),
      ...(distributionId && { distributionId }),
      ...(cloudFrontSigning && { cloudFrontSigning }),
    },
    events: { ...(busName && { busName }) },
    listing: {
      urlTtlSeconds: readInteger(env, 'LIST_URL_TTL_SECONDS', 900, 1, 12 * 3600),
      pageSize: readInteger(env, 'LIST_PAGE_SIZE', 30, 1, 100),
    },
    ...(quota && { quota }),
    rateLimit: {
      requestsPerMinute,
      burst: readInteger(
        env,
        'RATE_LIMIT_BURST',
        Math.max(1, Math.ceil((requestsPerMinute * 2) / 3)),
        1,
        1_000_000,
      ),
    },
    badTokenLimit: {
      requestsPerMinute: badTokensPerMinute,
      burst: Math.max(1, Math.ceil(badTokensPerMinute / 2)),
    },
    http: {
      corsOrigins: readList(env, 'CORS_ORIGINS', []).map((origin) => parseOrigin(origin)),
      bodyLimitBytes: readInteger(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * MIB),
    },
  };
  return deepFreeze(config);
}

function readVisibilities(env: Env): Pick<SignerConfig['uploads'], 'visibilities' | 'defaultVisibility'> {
  const listed = readList(env, 'UPLOAD_VISIBILITIES', ['private']);
  const unknown = listed.find((item) => !isVisibility(item));
  if (unknown !== undefined || listed.length === 0) {
    throw new TypeError(
      `Expected UPLOAD_VISIBILITIES to list ${VISIBILITIES.join(' and/or ')} but received ${JSON.stringify(env.UPLOAD_VISIBILITIES)}`,
    );
  }
  const visibilities = [...new Set(listed)] as Visibility[];
  const defaultVisibility = readString(env, 'UPLOAD_DEFAULT_VISIBILITY', 'private');
  if (!visibilities.includes(defaultVisibility as Visibility)) {
    throw new TypeError(
      `Expected UPLOAD_DEFAULT_VISIBILITY to be one of UPLOAD_VISIBILITIES (${visibilities.join(', ')}) but received ${JSON.stringify(defaultVisibility)}`,
    );
  }
  return { visibilities, defaultVisibility: defaultVisibility as Visibility };
}

/** PutEvents' `EventBusName`: a bus's name, or its ARN (a bus of another account). */

/**
 * CloudFront signing for private thumbnails: both variables or neither, and only with the CDN's
 * URL. A PEM given in one line with `\n` escapes (as some consoles store it) is unfolded.
 */
function readCloudFrontSigning(
  env: Env,
  imageBaseUrl: string | undefined,
): SignerConfig['delivery']['cloudFrontSigning'] {
  const keyPairId = env.CLOUDFRONT_KEY_PAIR_ID?.trim();
  const privateKey = env.CLOUDFRONT_PRIVATE_KEY?.trim().replace(/\\n/g, '\n');
  if (!keyPairId && !privateKey) return undefined;
  if (!keyPairId || !privateKey) {
    throw new TypeError(
      'Expected CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_PRIVATE_KEY (or CLOUDFRONT_PRIVATE_KEY_SECRET_ARN) to be set together',
    );
  }
  if (
    !/^-----BEGIN (RSA |EC )?PRIVATE KEY-----\n[\s\S]+\n-----END (RSA |EC )?PRIVATE KEY-----$/.test(
      privateKey,
    )
  ) {
    throw new TypeError(
      'Expected CLOUDFRONT_PRIVATE_KEY to be a PEM private key (-----BEGIN PRIVATE KEY-----)',
    );
  }
  if (!imageBaseUrl) {
    throw new TypeError('Expected IMAGE_BASE_URL (the CDN) to be set with CLOUDFRONT_KEY_PAIR_ID');
  }
  return { keyPairId, privateKey };
}

/**
 * Explicit S3 keys (for S3-compatible stores), else the AWS keys in the environment (on Lambda:
 * the function role's session), read here so presigning never loads the SDK's credential chain.
 * Undefined means: let the SDK's default chain find them.
 */
function readCredentials(env: Env): SignerConfig['s3']['credentials'] {
  const accessKeyId = env.S3_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new TypeError('Expected S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY to be set together');
  }
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
    };
  }
  return undefined;
}

function parseOrigin(value: string): string {
  if (!URL.canParse(value) || new URL(value).origin !== value) {
    throw new TypeError(`Expected CORS_ORIGINS to list origins like https://example.com, got ${value}`);
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
