/**
 * Serves the signer on Node: `SIGNER_PORT` (default 8787) on `SIGNER_HOST` (default 127.0.0.1).
 * SIGINT/SIGTERM stop taking connections and exit once the open requests are answered.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { nodeFetch } from './node-fetch.js';
import { resolveEnv } from './resolve-env.js';

const port = Number(process.env.SIGNER_PORT ?? 8787);
const hostname = process.env.SIGNER_HOST ?? '127.0.0.1';
// Settings kept in AWS (CONFIG_PARAMETER_NAME, CLOUDFRONT_PRIVATE_KEY_SECRET_ARN), read once first.
const app = createApp(loadConfig(await resolveEnv(process.env)), { fetch: nodeFetch });
// Issuer keys are fetched while the server starts, not by the first caller.
void app.prefetchKeys();
const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`signer listening on http://${hostname}:${info.port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
