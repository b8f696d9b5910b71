/**
 * The whole system for one test file, on free ports: the local stack (`startStack`: S3, IdP,
 * signer, thumbnailer; with `webhooks`, the webhook queue and the demo's app server) and the demo
 * pages on Vite's dev server, pointed at them — what `npm start` runs.
 */
import { startDemoServer } from '../../demo/dev-server.js';
import { ensureWidgetBuild } from '../../stack/widget-build.js';
import { freeFixedPort } from '../../stack/free-port.js';
import { startStack, type Stack, type StackOptions } from '../../stack/start-stack.js';
import { startFaultProxy, type FaultProxy } from '../../widget/test-support/fault-proxy.js';

/** A running stack plus demo. */
export interface DemoEnvironment {
  stack: Stack;
  /** e.g. `http://localhost:41234` */
  demoUrl: string;
  /** What the stack logged (one line per thumbnail job, errors). */
  log: string[];
  /** With `faultProxy: true`: the proxy the page reaches the signer and S3 through. */
  proxy?: FaultProxy;
  close(): Promise<void>;
}

/** Options of {@link startDemoEnvironment}: passed on to `startStack`. */
export interface DemoEnvironmentOptions extends Pick<
  StackOptions,
  'backend' | 'signerEnv' | 'thumbnails' | 'webhooks'
> {
  /** Put widget/test-support's fault proxy between the page and the signer and S3. */
  faultProxy?: boolean;
  /** Also hears each line the stack logs, as it is logged (e.g. to time it). */
  onLog?: (line: string) => void;
}

/** Starts the stack and the demo; `close()` stops both. */
export async function startDemoEnvironment(options: DemoEnvironmentOptions = {}): Promise<DemoEnvironment> {
  const { faultProxy, onLog, ...stackOptions } = options;
  ensureWidgetBuild();
  // The IdP's redirect URIs must name the demo's port up front.
  const port = await freeFixedPort();
  const origin = `http://localhost:${port}`;
  const log: string[] = [];
  const stack = await startStack({
    ...stackOptions,
    siteOrigins: [origin],
    log: (line) => {
      log.push(line);
      onLog?.(line);
    },
    thumbnails: process.env.E2E_NO_THUMBS ? false : stackOptions.thumbnails,
  });
  let proxy: FaultProxy | undefined;
  try {
    if (faultProxy) proxy = await startFaultProxy({ s3: stack.s3.endpoint, signer: stack.signerUrl });
    const demo = await startDemoServer({
      port,
      signerUrl: proxy?.signerUrl ?? stack.signerUrl,
      issuer: stack.idp.issuer,
      clientId: stack.clientId,
      ...(stack.appServerUrl && { appServerUrl: stack.appServerUrl }),
      live: false,
    });
    return {
      stack,
      demoUrl: demo.url,
      log,
      ...(proxy && { proxy }),
      async close() {
        await demo.close();
        await proxy?.close();
        await stack.close();
      },
    };
  } catch (error) {
    await proxy?.close();
    await stack.close();
    throw error;
  }
}
