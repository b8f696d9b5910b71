/** AWS Lambda entry: API Gateway HTTP API (v2) and Function URL events. */
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { nodeFetch } from './node-fetch.js';
import { resolveEnv } from './resolve-env.js';

// During init (top-level await), once per cold start: settings kept in SSM (CONFIG_PARAMETER_NAME)
// and the CloudFront key in Secrets Manager (CLOUDFRONT_PRIVATE_KEY_SECRET_ARN), then the issuers' discovery and JWKS, so the first invocation waits for neither (and no fetch is
// left in flight when Lambda freezes an initialised environment). A failure here fails the init.
const app = createApp(loadConfig(await resolveEnv(process.env)), { fetch: nodeFetch });
await app.prefetchKeys();

export const handler = handle(app);
