/**
 * The signer's Hono app, built from a validated configuration. Runs on Node (`node.ts`), on AWS
 * Lambda (`lambda.ts`) and on any fetch-based runtime: no Node-only APIs in here.
 */
import { Hono, type Context } from 'hono';
import type { HealthResponse } from '../contract/api.js';
import { bearerAuth, type AuthVariables } from './auth/bearer-auth.js';
import { bodySizeLimit } from './body-size-limit.js';
import { createTokenVerifier } from './auth/token-verifier.js';
import type { SignerConfig } from './config.js';
import { securityHeaders, siteCors } from './response-headers.js';
import { badTokenLimit, createRateLimiter, createSharedRateLimiter, rateLimit } from './rate-limit.js';
import { createSignerQuota } from './quota.js';
import { imageRoutes } from './routes/images.js';
import { uploadRoutes } from './routes/uploads.js';
import { usageRoutes } from './routes/usage.js';
import type { PublishImageEvent } from '../contract/image-events.js';
import { describeFailure } from './describe-failure.js';
import { lazyEventBusPublisher } from './event-publisher.js';
import { SignerError, errorBody } from './signer-error.js';
import { createCdnInvalidator, noCdn, type InvalidateCdn } from './storage/cdn-invalidator.js';
import { createPresigner } from './storage/presigner.js';
import { createS3Operations, type S3Operations } from './storage/s3-operations.js';

/** Replaceable parts, for tests and benchmarks. */
export interface AppDependencies {
  /** Used to fetch OIDC discovery documents and JWKS (default: global fetch). */
  fetch?: typeof fetch;
  /** Milliseconds clock (default `Date.now`). */
  now?: () => number;
  s3?: S3Operations;
  /**
   * Clears the CDN's copies of changed public images. Default: CloudFront `CreateInvalidation` on
   * `CDN_DISTRIBUTION_ID`, or nothing when it is unset.
   */
  invalidateCdn?: InvalidateCdn;
  /**
   * Where `image.deleted` goes (contract/image-events.ts), e.g. the local stack's webhook queue.
   * Default: the EventBridge bus `EVENT_BUS_NAME` (the client loaded on the first event), or no
   * events when it is unset.
   */
  publishEvent?: PublishImageEvent;
  /**
   * Where every 5xx answer is reported, one line each: the route, the status and code, and what
   * failed behind it (describe-failure.ts: S3's error name, status and request id; never tokens,
   * signatures or credentials). `error` is the thrown error, for a stack trace. Default:
   * `console.error` of the line, and of the stack for an unexpected error.
   */
  logError?: (message: string, error: unknown) => void;
  /**
   * The client's IP, for limiting requests without a valid token (rate-limit.ts). Default: the
   * connection's address on Node (`@hono/node-server`) and on Lambda (API Gateway, Function URL).
   */
  clientIp?: (c: Context) => string | undefined;
}

/**
 * Creates the signer app: a Hono app plus `prefetchKeys()`, which fetches every issuer's
 * discovery document and JWKS ahead of the first request (the Node and Lambda entries call it
 * at start-up; on Workers-style runtimes, which forbid I/O at module scope, leave it out).
 * @example export default createApp(loadConfig(process.env));
 */
export function createApp(config: Readonly<SignerConfig>, deps: AppDependencies = {}) {
  const now = deps.now ?? Date.now;
  // The line, and for a bug its stack; never the error object itself: an S3 error's properties
  // hold what S3 echoes back (e.g. `SignatureProvided`).
  const logError =
    deps.logError ??
    ((message, error) =>
      console.error(
        error instanceof Error && !(error instanceof SignerError) && error.stack
          ? `${message}\n${error.stack}`
          : message,
      ));
  const verify = createTokenVerifier(config.auth, { fetch: deps.fetch, now: () => now() / 1000 });
  const s3 = deps.s3 ?? createS3Operations(config.s3);
  const presign = createPresigner(config.s3, config.s3.credentials ?? (() => s3.credentials()), now);
  const quota = config.quota && createSignerQuota(config.quota, config.rateLimit, now);
  const localLimiter = createRateLimiter(config.rateLimit, now);
  // With QUOTA_TABLE every instance draws from one bucket per owner; otherwise each its own.
  const limiter = quota ? createSharedRateLimiter(quota.bucket, localLimiter, logError) : localLimiter;
  const { distributionId } = config.delivery;
  const invalidateCdn =
    deps.invalidateCdn ?? (distributionId ? createCdnInvalidator({ distributionId }) : noCdn);
  const { busName } = config.events;
  const publishEvent = deps.publishEvent ?? (busName ? lazyEventBusPublisher(busName) : undefined);

  const app = new Hono<{ Variables: AuthVariables }>();
  app.use(securityHeaders(), siteCors(config.http.corsOrigins));
  app.get('/healthz', (c) => c.json({ status: 'ok' } satisfies HealthResponse));
  // Built from the contract's schemas on first request, never at start-up (cold start).
  app.get('/openapi.json', async (c) => c.json(await (await import('./openapi.js')).openApiDocument()));

  app.use('/v1/*', bodySizeLimit(config.http.bodyLimitBytes));
  app.use(
    '/v1/*',
    badTokenLimit(createRateLimiter(config.badTokenLimit, now), deps.clientIp),
    bearerAuth(verify, config.auth.header),
    // POST /v1/uploads takes one token per file it signs, once it has read them (routes/uploads.ts).
    rateLimit(limiter, (c) => c.req.method === 'POST' && c.req.path === '/v1/uploads'),
  );
  app.route('/v1/uploads', uploadRoutes({ config, presign, s3, now, limiter, quota }));
  app.route('/v1/images', imageRoutes({ config, presign, s3, now, invalidateCdn, publishEvent, quota }));
  app.route('/v1/usage', usageRoutes(quota));

  app.notFound((c) => c.json(errorBody('ERR_NOT_FOUND', 'No such route'), 404));
  app.onError((error, c) => {
    const known = error instanceof SignerError;
    const [status, code] = known ? [error.status, error.code] : [500, 'ERR_INTERNAL' as const];
    if (status >= 500) {
      // A known failure is described by its cause (e.g. the S3 error behind a 503), an unknown one
      // by itself.
      const failure = describeFailure(known ? error.cause : error);
      logError(`[signer] ${c.req.method} ${c.req.routePath} answered ${status} ${code}: ${failure}`, error);
    }
    if (!known) return c.json(errorBody(code, 'Something went wrong; try again later'), 500);
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(errorBody(code, error.message), error.status);
  });

  /** Never rejects: an unreachable issuer is logged, and its keys are fetched on first use. */
  const prefetchKeys = async (): Promise<void> => {
    for (const { issuer, error } of await verify.prefetchKeys()) {
      logError(`[signer] could not prefetch the signing keys of ${issuer}; retrying on first use:`, error);
    }
  };
  return Object.assign(app, { prefetchKeys });
}
