/**
 * The signer's quota settings (issue 19): `QUOTA_TABLE` and the limits kept in it, read and
 * validated for config.ts. Every variable is listed in signer/README.md.
 */
import { readInteger, readString, readUrl } from '../contract/env.js';
import type { Env } from '../contract/env.js';

/** One owner's quota in one unit: a positive integer, or `null` for unlimited. */
export type QuotaLimit = number | null;

export interface QuotaConfig {
  /** `QUOTA_TABLE`: the DynamoDB table's name. */
  table: string;
  /** `DYNAMODB_ENDPOINT`: a local DynamoDB (dynalite); AWS when absent. */
  endpoint?: string;
  /** The table's region: `AWS_REGION` (set by Lambda), else `S3_REGION`, else `us-east-1`. */
  region: string;
  /** `QUOTA_BYTES` (default unlimited): the bytes one owner may keep, stored and reserved. */
  bytes: QuotaLimit;
  /** `QUOTA_IMAGES` (default unlimited): the images one owner may keep, stored and reserved. */
  images: QuotaLimit;
  /**
   * `QUOTA_OVERRIDES`: JSON, per token issuer, e.g. `{"https://issuer.example": {"bytes": 1073741824,
   * "images": 500}}`; a unit it leaves out is the global one, `null` is unlimited.
   */
  overrides: Readonly<Record<string, { bytes?: QuotaLimit; images?: QuotaLimit }>>;
}

const QUOTA_MAX = Number.MAX_SAFE_INTEGER;

/** `QUOTA_TABLE` and the quotas kept in it; quotas without a table are a mistake, not "unlimited". */
export function readQuota(env: Env): QuotaConfig | undefined {
  const table = env.QUOTA_TABLE?.trim();
  const endpoint = readUrl(env, 'DYNAMODB_ENDPOINT');
  const readLimit = (name: string): QuotaLimit =>
    env[name]?.trim() ? readInteger(env, name, 0, 1, QUOTA_MAX) : null;
  const bytes = readLimit('QUOTA_BYTES');
  const images = readLimit('QUOTA_IMAGES');
  const overrides = readQuotaOverrides(env);
  if (!table) {
    const set = ['QUOTA_BYTES', 'QUOTA_IMAGES', 'QUOTA_OVERRIDES', 'DYNAMODB_ENDPOINT'].find((name) =>
      env[name]?.trim(),
    );
    if (set) {
      throw new TypeError(
        `Expected QUOTA_TABLE (the DynamoDB table that keeps every instance's counts) to be set with ${set}`,
      );
    }
    return undefined;
  }
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(table)) {
    throw new TypeError(
      `Expected a DynamoDB table name (3–255 of A–Z a–z 0–9 _ - .) for QUOTA_TABLE but received ${JSON.stringify(table)}`,
    );
  }
  const region = readString(env, 'AWS_REGION', readString(env, 'S3_REGION', 'us-east-1'));
  return { table, ...(endpoint && { endpoint }), region, bytes, images, overrides };
}

function readQuotaOverrides(env: Env): QuotaConfig['overrides'] {
  const raw = env.QUOTA_OVERRIDES?.trim();
  if (!raw) return {};
  const fail = (detail: string): never => {
    throw new TypeError(
      `Expected QUOTA_OVERRIDES to be JSON like {"https://issuer.example": {"bytes": 1073741824, "images": 500}}: ${detail}`,
    );
  };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('it is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not an object');
  const overrides: Record<string, { bytes?: QuotaLimit; images?: QuotaLimit }> = {};
  for (const [issuer, limits] of Object.entries(value)) {
    if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
      return fail(`${issuer} is not an object`);
    }
    const override: { bytes?: QuotaLimit; images?: QuotaLimit } = {};
    for (const [unit, limit] of Object.entries(limits as Record<string, unknown>)) {
      if (unit !== 'bytes' && unit !== 'images') return fail(`${issuer} has ${unit}; only bytes and images`);
      if (limit !== null && !(Number.isSafeInteger(limit) && (limit as number) >= 1)) {
        return fail(`${issuer}'s ${unit} must be a positive integer or null (unlimited)`);
      }
      override[unit] = limit as QuotaLimit;
    }
    overrides[issuer] = override;
  }
  return overrides;
}
