/**
 * The whole system for one test file, on free ports: the local stack (`startStack`: S3, IdP,
 * signer, thumbnailer) and the demo pages on Vite's dev server — what `npm start` runs.
 */
import { startDemoServer } from '../../demo/dev-server.js';
import { ensureWidgetBuild } from '../../stack/widget-build.js';
import { freePort } from '../../stack/free-port.js';
import { startStack, type Stack, type StackOptions } from '../../stack/start-stack.js';

/** A running stack plus demo. */
export interface DemoEnvironment {
  stack: Stack;
  /** e.g. `http://localhost:41234` */
  demoUrl: string;
  /** What the stack logged (one line per thumbnail job, errors). */
  log: string[];
  close(): Promise<void>;
}

/** Options of {@link startDemoEnvironment}: passed on to `startStack`. */
export type DemoEnvironmentOptions = Pick<StackOptions, 'backend' | 'signerEnv'>;

/** Starts the stack and the demo; `close()` stops both. */
export async function startDemoEnvironment(options: DemoEnvironmentOptions = {}): Promise<DemoEnvironment> {
  ensureWidgetBuild();
  // The IdP's redirect URIs must name the demo's port up front.
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const log: string[] = [];
  const stack = await startStack({
    ...options,
    siteOrigins: [origin],
    log: (line) => log.push(line),
    thumbnails: process.env.E2E_NO_THUMBS ? false : undefined,
  });
  try {
    const demo = await startDemoServer({
      port,
      signerUrl: stack.signerUrl,
      issuer: stack.idp.issuer,
      clientId: stack.clientId,
      live: false,
    });
    return {
      stack,
      demoUrl: demo.url,
      log,
      async close() {
        await demo.close();
        await stack.close();
      },
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
