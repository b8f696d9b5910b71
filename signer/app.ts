/**
 * The signer's Hono app, built from a validated configuration. Runs on Node (`node.ts`), on AWS
 * Lambda (`lambda.ts`) and on any fetch-based runtime: no Node-only APIs in here.
 */
import { Hono } from 'hono';
import type { HealthResponse } from '../contract/api.js';
import { bearerAuth, type AuthVariables } from './auth/bearer-auth.js';
import { bodySizeLimit } from './body-size-limit.js';
import { createTokenVerifier } from './auth/token-verifier.js';
import type { SignerConfig } from './config.js';
import { securityHeaders, siteCors } from './response-headers.js';
import { createRateLimiter, rateLimit } from './rate-limit.js';
import { imageRoutes } from './routes/images.js';
import { uploadRoutes } from './routes/uploads.js';
import { SignerError, errorBody } from './signer-error.js';
import { createPresigner } from './storage/presigner.js';
import { createS3Operations, type S3Operations } from './storage/s3-operations.js';

/** Replaceable parts, for tests and benchmarks. */
export interface AppDependencies {
  /** Used to fetch OIDC discovery documents and JWKS (default: global fetch). */
  fetch?: typeof fetch;
  /** Milliseconds clock (default `Date.now`). */
  now?: () => number;
  s3?: S3Operations;
  /** Where unexpected errors are reported (default `console.error`); never given tokens. */
  logError?: (message: string, error: unknown) => void;
}

/**
 * Creates the signer app: a Hono app plus `prefetchKeys()`, which fetches every issuer's
 * discovery document and JWKS ahead of the first request (the Node and Lambda entries call it
 * at start-up; on Workers-style runtimes, which forbid I/O at module scope, leave it out).
 * @example export default createApp(loadConfig(process.env));
 */
export function createApp(config: Readonly<SignerConfig>, deps: AppDependencies = {}) {
  const now = deps.now ?? Date.now;
  const logError = deps.logError ?? ((message, error) => console.error(message, error));
  const verify = createTokenVerifier(config.auth, { fetch: deps.fetch, now: () => now() / 1000 });
  const s3 = deps.s3 ?? createS3Operations(config.s3);
  const presign = createPresigner(config.s3, config.s3.credentials ?? (() => s3.credentials()), now);
  const limiter = createRateLimiter(config.rateLimit, now);

  const app = new Hono<{ Variables: AuthVariables }>();
  app.use(securityHeaders(), siteCors(config.http.corsOrigins));
  app.get('/healthz', (c) => c.json({ status: 'ok' } satisfies HealthResponse));
  // Built from the contract's schemas on first request, never at start-up (cold start).
  app.get('/openapi.json', async (c) => c.json(await (await import('./openapi.js')).openApiDocument()));

  app.use('/v1/*', bodySizeLimit(config.http.bodyLimitBytes));
  app.use('/v1/*', bearerAuth(verify), rateLimit(limiter));
  app.route('/v1/uploads', uploadRoutes({ config, presign, s3, now }));
  app.route('/v1/images', imageRoutes({ config, presign, s3, now }));

  app.notFound((c) => c.json(errorBody('ERR_NOT_FOUND', 'No such route'), 404));
  app.onError((error, c) => {
    if (error instanceof SignerError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, error.message), error.status);
    }
    logError(`[signer] ${c.req.method} ${c.req.routePath} failed:`, error);
    return c.json(errorBody('ERR_INTERNAL', 'Something went wrong; try again later'), 500);
  });

  /** Never rejects: an unreachable issuer is logged, and its keys are fetched on first use. */
  const prefetchKeys = async (): Promise<void> => {
    for (const { issuer, error } of await verify.prefetchKeys()) {
      logError(`[signer] could not prefetch the signing keys of ${issuer}; retrying on first use:`, error);
    }
  };
  return Object.assign(app, { prefetchKeys });
}
