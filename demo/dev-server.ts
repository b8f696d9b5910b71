/**
 * Serves the demo pages with Vite's dev server, for `npm start` and the end-to-end tests.
 */
import { createServer } from 'vite';
import { demoViteConfig, type DemoViteOptions } from './vite.config.js';

/** A running demo server. */
export interface DemoServer {
  /** e.g. `http://localhost:5173` (localhost, so that it matches the IdP's redirect URIs). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the demo on `options.port` (default 5173; must be free: the IdP's redirect URIs name it).
 * @example const demo = await startDemoServer({ port: 5173, signerUrl, issuer, clientId: 'demo' });
 */
export async function startDemoServer(options: DemoViteOptions): Promise<DemoServer> {
  const server = await createServer(demoViteConfig(options));
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://localhost:${port}`, close: () => server.close() };
}
