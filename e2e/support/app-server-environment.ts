/**
 * The demo with its app server, for one test file, on free ports: the local stack (S3, IdP, signer;
 * thumbnails optional), the app server (demo/app-server/) trusting the stack's identity provider,
 * the demo pages pointed at both, and a small image host that stands in for the CDN's public URLs.
 * The webhooks are signed by the test itself until the stack delivers them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startAppServer, type AppServer } from '../../demo/app-server/start-app-server.js';
import { newWebhookSecret } from '../../demo/app-server/test-support/image-event-fixtures.js';
import { startDemoServer } from '../../demo/dev-server.js';
import { freePort } from '../../stack/free-port.js';
import { startStack, type Stack, type StackOptions } from '../../stack/start-stack.js';
import { ensureWidgetBuild } from '../../stack/widget-build.js';

/** What {@link startAppServerEnvironment} started. */
export interface AppServerEnvironment {
  stack: Stack;
  appServer: AppServer;
  /** The secret the app server verifies webhooks with. */
  webhookSecret: string;
  demoUrl: string;
  /** Base URL that serves a real JPEG or WebP at any `/public/{id}/{width}.{jpg|webp}`. */
  imageBaseUrl: string;
  close(): Promise<void>;
}

/** Starts everything; `close()` stops it and removes the app server's folder. */
export async function startAppServerEnvironment(
  options: Pick<StackOptions, 'thumbnails'> = {},
): Promise<AppServerEnvironment> {
  ensureWidgetBuild();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const stack = await startStack({ siteOrigins: [origin], log: () => {}, ...options });
    closers.push(() => stack.close());
    const dataDirectory = await mkdtemp(join(tmpdir(), 'app-server-e2e-'));
    closers.push(() => rm(dataDirectory, { recursive: true, force: true }));
    const webhookSecret = newWebhookSecret();
    const appServer = await startAppServer({
      dataDirectory,
      secrets: [webhookSecret],
      issuer: stack.idp.issuer,
      audience: stack.audience,
      corsOrigins: [origin],
      log: () => {},
    });
    closers.push(() => appServer.close());
    const images = await startImageHost();
    closers.push(() => images.close());
    const demo = await startDemoServer({
      port,
      signerUrl: stack.signerUrl,
      issuer: stack.idp.issuer,
      clientId: stack.clientId,
      appServerUrl: appServer.url,
      live: false,
    });
    closers.push(() => demo.close());
    return {
      stack,
      appServer,
      webhookSecret,
      demoUrl: demo.url,
      imageBaseUrl: images.url,
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: (() => Promise<unknown>)[]): Promise<void> {
  for (const close of closers.reverse()) await close().catch(() => {});
}

/** Serves one 4:3 scene at every `/public/…` path, as JPEG or WebP by extension. */
async function startImageHost(): Promise<{ url: string; close(): Promise<void> }> {
  const scene = sharp({ create: { width: 720, height: 540, channels: 3, background: '#3b7bd5' } });
  const [jpeg, webp] = await Promise.all([scene.clone().jpeg().toBuffer(), scene.clone().webp().toBuffer()]);
  const server = createServer((req, res) => {
    const webpWanted = req.url?.endsWith('.webp');
    if (!req.url?.startsWith('/public/')) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': webpWanted ? 'image/webp' : 'image/jpeg' });
    res.end(webpWanted ? webp : jpeg);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
