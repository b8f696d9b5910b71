/**
 * Starts the demo's app server on Node: the stand-in for a site's own server, which hears of images
 * through signed webhooks and tells its pages over Server-Sent Events (see app.ts for the routes).
 */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppServerApp } from './app.js';
import { openImageStore } from './image-store.js';
import { createUserTokenVerifier } from './user-token.js';
import { createWebhookVerifier } from './webhook-verifier.js';

/** Options of {@link startAppServer}. */
export interface AppServerOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Folder of its store (`images.json`); created when missing. */
  dataDirectory: string;
  /** Webhook secrets (`whsec_…`): the current one first, the previous one too during a rotation. */
  secrets: readonly string[];
  /** The OpenID issuer of the users' access tokens (`GET /api/my/events`). */
  issuer: string;
  /** The access tokens' audience (the local stack's: the signer's URL). */
  audience: string | string[];
  /** Origins of the pages that read `/api/*`. */
  corsOrigins: readonly string[];
  /** Where it logs (default console.log): one line per webhook; never secrets, signatures or tokens. */
  log?: (line: string) => void;
  /** Milliseconds between the event streams' heartbeats (default 15 000). */
  heartbeatMs?: number;
}

/** A running app server. */
export interface AppServer {
  /** e.g. `http://127.0.0.1:41234`: the pages' `/api/…` base. */
  url: string;
  /** `{url}/webhooks`: the `WEBHOOK_URL` to deliver to. */
  webhookUrl: string;
  /** Ends the open streams, stops listening and waits for the store to be on disk. */
  close(): Promise<void>;
}

/**
 * Opens the store and listens.
 * @throws {TypeError} for a missing or malformed secret, issuer or origin.
 * @example
 * const app = await startAppServer({
 *   dataDirectory: '.local/app-server',
 *   secrets: [process.env.WEBHOOK_SECRET!],
 *   issuer: stack.idp.issuer,
 *   audience: stack.audience,
 *   corsOrigins: ['http://localhost:5173'],
 * });
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const verifyWebhook = createWebhookVerifier(options.secrets);
  if (!URL.canParse(options.issuer))
    throw new TypeError(`Expected a URL for issuer but received ${options.issuer}`);
  for (const origin of options.corsOrigins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new TypeError(`Expected origins (scheme://host:port) in corsOrigins but received ${origin}`);
    }
  }
  const store = await openImageStore(options.dataDirectory);
  const app = createAppServerApp({
    store,
    verifyWebhook,
    verifyUser: createUserTokenVerifier({ issuer: options.issuer, audience: options.audience }),
    corsOrigins: options.corsOrigins,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    log: options.log ?? ((line) => console.log(line)),
  });
  const server = createServer(getRequestListener(app.fetch));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    webhookUrl: `${url}/webhooks`,
    async close() {
      // Open event streams never end on their own.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
