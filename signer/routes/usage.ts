/** `GET /v1/usage`: what the caller keeps and has signed for, against their quotas. */
import { Hono } from 'hono';
import type { UsageResponse } from '../../contract/api.js';
import type { AuthVariables } from '../auth/bearer-auth.js';
import type { SignerQuota } from '../quota.js';
import { SignerError } from '../signer-error.js';

/**
 * Creates the route. Without `QUOTA_TABLE` (no `quota`) nothing is counted, and it answers
 * `404 ERR_NOT_FOUND`: a page shows no usage bar.
 */
export function usageRoutes(quota: SignerQuota | undefined) {
  return new Hono<{ Variables: AuthVariables }>().get('/', async (c) => {
    if (!quota) {
      throw new SignerError('ERR_NOT_FOUND', 404, 'This signer counts no usage (QUOTA_TABLE is unset)');
    }
    const caller = c.get('caller');
    const usage = await quota.store.usage(caller.owner);
    const limits = quota.shownLimits(caller);
    return c.json({
      bytes: { ...usage.bytes, limit: limits.bytes },
      images: { ...usage.images, limit: limits.images },
    } satisfies UsageResponse);
  });
}
