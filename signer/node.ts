/**
 * Serves the signer on Node: `SIGNER_PORT` (default 8787) on `SIGNER_HOST` (default 127.0.0.1).
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

const port = Number(process.env.SIGNER_PORT ?? 8787);
const hostname = process.env.SIGNER_HOST ?? '127.0.0.1';
const app = createApp(loadConfig(process.env));
serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`signer listening on http://${hostname}:${info.port}`);
});
