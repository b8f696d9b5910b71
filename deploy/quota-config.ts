/**
 * The quota settings of the deployment (`quota` in `deploy/deploy.config.ts`): how many bytes and
 * images one owner may keep, per token issuer if need be. The signer enforces them against the
 * DynamoDB quota table the stack creates (`QUOTA_TABLE`); see deploy/README.md, "Costs".
 */
import type { IssuerConfig } from '../contract/issuer.js';
import { integer } from './config-values.js';

/** One owner's limits; `false` means unlimited. */
export interface QuotaLimits {
  /** `QUOTA_BYTES`: original bytes one owner may keep (stored plus reserved by unexpired tickets). */
  bytes?: number | false;
  /** `QUOTA_IMAGES`: images one owner may keep. */
  images?: number | false;
}

/** What an operator may set under `quota`; every field is optional. */
export interface QuotaConfig extends QuotaLimits {
  /**
   * `QUOTA_OVERRIDES`: other limits for the users of one identity provider, keyed by its `issuer`
   * (which must be one of `issuers`), e.g. `{ 'https://staff.example.com': { bytes: 50 * 2 ** 30 } }`.
   * A limit an override leaves out is the default one.
   */
  overrides?: Record<string, { bytes?: number; images?: number }>;
}

/** The `quota` settings with every default filled in; `null` is unlimited. */
export interface ResolvedQuotaConfig {
  bytes: number | null;
  images: number | null;
  overrides: Readonly<Record<string, { bytes?: number; images?: number }>>;
}

/**
 * Default per-owner byte quota: 1 GiB, about a thousand phone photos. Generous for profile pictures
 * and listing photos, and small enough that what one user can make the bucket keep is a number
 * (deploy/README.md, "The worst month").
 */
export const DEFAULT_QUOTA_BYTES = 2 ** 30;
/** Default per-owner image quota: 1000 (each image also keeps its thumbnails and `meta.json`). */
export const DEFAULT_QUOTA_IMAGES = 1000;

// The signer reads QUOTA_BYTES/QUOTA_IMAGES as safe integers; a petabyte is far past any sane quota.
const MAX_QUOTA_BYTES = 2 ** 50;
const MAX_QUOTA_IMAGES = 1_000_000_000;

/**
 * Fills in the defaults of the `quota` settings and validates them.
 * @param input the operator's `quota` settings (default: none set: 1 GiB and 1000 images per owner)
 * @param issuers the configured identity providers, which overrides must name
 * @throws {TypeError} naming the setting (`quota.…`) when a value is invalid.
 */
export function resolveQuotaConfig(
  input: QuotaConfig = {},
  issuers: readonly IssuerConfig[] = [],
): ResolvedQuotaConfig {
  const overrides: Record<string, { bytes?: number; images?: number }> = {};
  for (const [issuer, limits] of Object.entries(input.overrides ?? {})) {
    const name = `quota.overrides[${JSON.stringify(issuer)}]`;
    if (!issuers.some((entry) => entry.issuer === issuer)) {
      throw new TypeError(`Expected ${name} to name one of issuers`);
    }
    if (limits.bytes === undefined && limits.images === undefined) {
      throw new TypeError(`Expected ${name} to set bytes and/or images`);
    }
    overrides[issuer] = {
      ...(limits.bytes !== undefined && {
        bytes: integer(`${name}.bytes`, limits.bytes, 0, 1, MAX_QUOTA_BYTES),
      }),
      ...(limits.images !== undefined && {
        images: integer(`${name}.images`, limits.images, 0, 1, MAX_QUOTA_IMAGES),
      }),
    };
  }
  return {
    bytes: limit('quota.bytes', input.bytes, DEFAULT_QUOTA_BYTES, MAX_QUOTA_BYTES),
    images: limit('quota.images', input.images, DEFAULT_QUOTA_IMAGES, MAX_QUOTA_IMAGES),
    overrides: Object.freeze(overrides),
  };
}

/**
 * The signer's environment for these settings (`QUOTA_BYTES`, `QUOTA_IMAGES`, `QUOTA_OVERRIDES`);
 * an unlimited quota is left unset, as the signer reads it.
 * @param quota the resolved `quota` settings
 */
export function quotaEnvironment(quota: ResolvedQuotaConfig): Record<string, string> {
  return {
    ...(quota.bytes !== null && { QUOTA_BYTES: String(quota.bytes) }),
    ...(quota.images !== null && { QUOTA_IMAGES: String(quota.images) }),
    ...(Object.keys(quota.overrides).length > 0 && { QUOTA_OVERRIDES: JSON.stringify(quota.overrides) }),
  };
}

function limit(
  name: string,
  value: number | false | undefined,
  fallback: number,
  max: number,
): number | null {
  if (value === false) return null;
  return integer(name, value, fallback, 1, max);
}
