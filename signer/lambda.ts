/** AWS Lambda entry: API Gateway HTTP API (v2) and Function URL events. */
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { nodeFetch } from './node-fetch.js';

const app = createApp(loadConfig(process.env), { fetch: nodeFetch });
// During init, so the first invocation does not wait for the issuers' discovery and JWKS (and
// no fetch is left in flight when Lambda freezes an initialised environment).
await app.prefetchKeys();

export const handler = handle(app);
