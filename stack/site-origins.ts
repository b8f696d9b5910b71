/**
 * The origins of the pages that use the local stack besides the demo: `SITE_ORIGINS`, e.g.
 * `SITE_ORIGINS=http://localhost:4173,http://localhost:8000 npm start`. They are allowed by the
 * signer's CORS, the bucket's CORS rule, and as the identity provider's redirect URIs.
 */
import { readList, type Env } from '../contract/env.js';

/**
 * Reads `SITE_ORIGINS` (or, when it is unset, `CORS_ORIGINS`, the signer's own name for the same
 * list): comma-separated origins such as `http://localhost:4173`, with no path, query or trailing
 * slash. Empty when neither is set.
 * @throws {TypeError} naming the variable, for anything that is not an http(s) origin.
 * @example siteOriginsFromEnv({ SITE_ORIGINS: 'http://localhost:4173' }) // ['http://localhost:4173']
 */
export function siteOriginsFromEnv(env: Env): string[] {
  const name = env.SITE_ORIGINS?.trim() ? 'SITE_ORIGINS' : 'CORS_ORIGINS';
  return readList(env, name, []).map((value) => {
    const origin = URL.canParse(value) ? new URL(value) : undefined;
    if (!origin || !/^https?:$/.test(origin.protocol) || origin.origin !== value) {
      throw new TypeError(
        `Expected ${name} to list origins like http://localhost:4173 (no path or trailing slash), got ${JSON.stringify(value)}`,
      );
    }
    return value;
  });
}
