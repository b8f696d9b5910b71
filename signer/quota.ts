/**
 * The signer's side of the quotas (quota/): the store and the shared rate limit over the table
 * `QUOTA_TABLE`, their DynamoDB client loaded on first use (a cold start that serves no request pays
 * nothing for it), and each caller's limits.
 */
import type { QuotaLimits, QuotaStore, SharedTokenBucket } from '../quota/index.js';
import type { Caller } from './auth/token-verifier.js';
import type { QuotaConfig, SignerConfig } from './config.js';
import { SignerError } from './signer-error.js';

/** What the routes use. */
export interface SignerQuota {
  /** Every call answers `503 ERR_STORAGE_UNAVAILABLE` (with `Retry-After`) when the table fails. */
  store: QuotaStore;
  /** The per-owner token bucket in the table (unwrapped: rate-limit.ts falls back when it fails). */
  bucket: SharedTokenBucket;
  /** The caller's limits: its issuer's override (`QUOTA_OVERRIDES`), else `QUOTA_BYTES` / `QUOTA_IMAGES`. */
  limitsFor(caller: Caller): QuotaLimits;
  /** The same as `{ bytes, images }` with `null` for unlimited, as `GET /v1/usage` shows them. */
  shownLimits(caller: Caller): { bytes: number | null; images: number | null };
}

const STORE_METHODS = ['reserve', 'extend', 'release', 'settle', 'remove', 'usage'] as const;

/**
 * Builds the quota parts from the config.
 * @param now milliseconds clock
 */
export function createSignerQuota(
  config: QuotaConfig,
  rateLimit: SignerConfig['rateLimit'],
  now: () => number,
): SignerQuota {
  let loaded: Promise<{ store: QuotaStore; bucket: SharedTokenBucket }> | undefined;
  const load = () =>
    (loaded ??= import('../quota/index.js').then(
      (quota) => {
        const client = quota.createDynamoDbClient({
          region: config.region,
          ...(config.endpoint && { endpoint: config.endpoint }),
        });
        return {
          store: quota.createQuotaStore({ client, table: config.table, now }),
          bucket: quota.createSharedTokenBucket({
            client,
            table: config.table,
            perMinute: rateLimit.requestsPerMinute,
            burst: rateLimit.burst,
            now,
          }),
        };
      },
      (error: unknown) => {
        loaded = undefined; // tried again on the next request
        throw error;
      },
    ));
  const store = Object.fromEntries(
    STORE_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => {
        try {
          const { store: inner } = await load();
          return await (inner[method] as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (error) {
          throw new SignerError(
            'ERR_STORAGE_UNAVAILABLE',
            503,
            'The quota store is unavailable; try again shortly',
            { 'Retry-After': '2' },
            { cause: error },
          );
        }
      },
    ]),
  ) as unknown as QuotaStore;
  const shownLimits = (caller: Caller) => {
    const override = config.overrides[caller.issuer];
    return { bytes: override?.bytes ?? config.bytes, images: override?.images ?? config.images };
  };
  return {
    store,
    bucket: { take: async (key, cost) => (await load()).bucket.take(key, cost) },
    limitsFor(caller) {
      const { bytes, images } = shownLimits(caller);
      return { ...(bytes !== null && { bytes }), ...(images !== null && { images }) };
    },
    shownLimits,
  };
}
