// @ts-check
/**
 * The widget's tests in Debian's Chromium, against the real local stack (s3rver, the OpenID
 * provider, the signer) behind a fault-injecting proxy; see test-support/test-server.ts.
 * Run: `npx web-test-runner --config widget/web-test-runner.config.js` (after `npm run build`).
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { reactBundle } from './test-support/react-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port: the page origin must be known before the stack starts (CORS, redirect URIs). */
const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    server.close(() => resolve(port));
  });
});

/** @type {{ startTestServer: typeof import('./test-support/test-server.ts').startTestServer }} */
const { startTestServer } = await tsImport('./test-support/test-server.ts', import.meta.url);
const server = await startTestServer(`http://localhost:${port}`);

/**
 * `WIDGET_TESTS`: comma-separated globs of the files to run (default: all). `npm test` runs the
 * suite in batches, each in a Chromium of its own (scripts/test.sh): in one browser, after about ten
 * files have uploaded their multi-megabyte Files, the Worker's reads of later test Files fail with
 * NotReadableError (3 runs of 4), and never in a fresh browser. Not memory (24 GB, /dev/shm
 * empty); the cause is not found yet (see the issue-14 closing note).
 */
const files = process.env.WIDGET_TESTS?.split(',') ?? ['widget/**/*.test.ts'];

export default {
  rootDir: root,
  files,
  port,
  hostname: 'localhost',
  nodeResolve: { exportConditions: ['production'] },
  middleware: [server.middleware],
  // The tests share one stack and one fault proxy: one file at a time.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 30_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
      },
    }),
  ],
  plugins: [
    reactBundle(root),
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) }),
    {
      name: 'image-uploader-stack',
      async serverStop() {
        await server.close();
      },
    },
    {
      // `executeServerCommand('throttle-upload', { bytesPerSecond })` from a test: CDP network
      // conditions, so upload progress arrives in many small steps (-1 lifts the limit).
      name: 'throttle-upload',
      /** @param {{ command: string, payload?: any, session: any }} args */
      async executeCommand({ command, payload, session }) {
        if (command !== 'throttle-upload') return undefined;
        const page = session.browser.getPage(session.id);
        const cdp = await page.createCDPSession();
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: payload?.bytesPerSecond ?? -1,
        });
        return true;
      },
    },
    {
      // `executeServerCommand('touch', { points: [[x, y], …] })` from a test: a finger put down at the
      // first point (CSS pixels of the page), moved through the others and lifted, through CDP's
      // Input.dispatchTouchEvent: real touch input, which the page sees as Pointer Events of
      // `pointerType` "touch" (and touch events), as on a phone.
      name: 'touch',
      /** @param {{ command: string, payload?: any, session: any }} args */
      async executeCommand({ command, payload, session }) {
        if (command !== 'touch') return undefined;
        const page = session.browser.getPage(session.id);
        const cdp = await page.createCDPSession();
        /** @type {[number, number][]} */
        const [first, ...rest] = payload.points;
        const point = (/** @type {[number, number]} */ [x, y]) => [{ x, y }];
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(first) });
        for (const next of rest)
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(next) });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await cdp.detach();
        return true;
      },
    },
    {
      // `executeServerCommand('screenshot', { clip: { x, y, width, height }, name })` from a test: a
      // PNG of that part of the page (CSS pixels), returned as base64 and written to
      // `.local/screenshots/<name>.png` for a person to look at.
      name: 'screenshot',
      /** @param {{ command: string, payload?: any, session: any }} args */
      async executeCommand({ command, payload, session }) {
        if (command !== 'screenshot') return undefined;
        const page = session.browser.getPage(session.id);
        const png = await page.screenshot({ clip: payload.clip, encoding: 'binary' });
        const folder = new URL('../.local/screenshots/', import.meta.url);
        await mkdir(folder, { recursive: true });
        await writeFile(new URL(`${payload.name}.png`, folder), png);
        return Buffer.from(png).toString('base64');
      },
    },
  ],
};
