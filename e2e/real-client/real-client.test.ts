/**
 * The element as a user installs it. `npm pack` of `image-uploader-element`, then, in a temp folder
 * outside the repository, a fresh Vite React-TS app and a Vue-TS app (apps/) that install it from
 * the tarball, with exact versions of React/Vue and their Vite plugins: each app is type-checked
 * strictly (library `.d.ts` files included, `event.detail` typed), built, served, and uploads a
 * photo in Chromium against the local stack, which allows the app's origin. Also checks what the
 * install added to `node_modules`. The npm registry must be reachable (the shared npm cache and
 * `--prefer-offline` keep it fast).
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../stack/free-port.js';
import { localS3Client } from '../../stack/local-s3.js';
import { startStack, type Stack } from '../../stack/start-stack.js';
import { ensureWidgetBuild } from '../../stack/widget-build.js';
import { launchChromium } from '../support/browser.js';
import { photoJpeg } from '../support/images.js';
import { installFootprint, type InstalledPackage } from './install-footprint.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const appsDir = fileURLToPath(new URL('apps/', import.meta.url));

/** The issue's goal for the element's own folder in a user's `node_modules`. */
const ELEMENT_BUDGET_BYTES = 2 * 1024 * 1024;
/** Lit and its own dependencies: the only packages the element may bring along. */
const LIT_FAMILY = /^(lit|lit-html|lit-element|@lit\/[a-z-]+|@lit-labs\/[a-z-]+|@types\/trusted-types)$/;

/**
 * npm as a user runs it in their app: the repository's own `npm_*` variables (set when the test
 * runs under `npm test`) would point npm at this workspace.
 */
function npm(args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return run('npm', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`npm ${args.join(' ')} in ${cwd} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    },
  );
}

let workDir: string;
let tarball: string;
let stack: Stack;
let browser: Browser;
const ports = { react: 0, vue: 0 };

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'image-uploader-real-client-'));
  ports.react = await freePort();
  ports.vue = await freePort();
  ensureWidgetBuild();
  const packed = npm(
    ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir],
    join(repoRoot, 'widget'),
  );
  [stack, browser] = await Promise.all([
    startStack({
      siteOrigins: [`http://localhost:${ports.react}`, `http://localhost:${ports.vue}`],
      thumbnails: false,
      log: () => {},
    }),
    launchChromium(),
  ]);
  const [{ filename }] = JSON.parse((await packed).stdout) as [{ filename: string }];
  tarball = join(workDir, filename);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe.each([
  { app: 'react-ts', port: () => ports.react },
  { app: 'vue-ts', port: () => ports.vue },
])('a fresh Vite $app app with image-uploader-element from its tarball', ({ app, port }) => {
  let appDir: string;
  let server: PreviewServer | undefined;

  afterAll(async () => {
    await server?.close();
  });

  it('installs with Lit as its only dependency, the element under 2 MB besides its HEIC decoder', async () => {
    appDir = join(workDir, app);
    await mkdir(appDir);
    await cp(join(appsDir, app), appDir, { recursive: true });
    const manifest = JSON.parse(await readFile(join(appDir, 'package.json'), 'utf8'));
    manifest.dependencies['image-uploader-element'] = `file:${tarball}`;
    await writeFile(join(appDir, 'package.json'), JSON.stringify(manifest, null, 2));
    await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], appDir);

    const footprint = await installFootprint(appDir, 'image-uploader-element');
    const element = footprint.find((entry) => entry.name === 'image-uploader-element')!;
    const others = footprint.filter((entry) => entry !== element);
    const total = footprint.reduce((sum, entry) => sum + entry.bytes, 0);
    console.log(
      `${app}: image-uploader-element ${element.bytes} B; with its dependencies ${total} B (${others
        .map((entry: InstalledPackage) => `${entry.name} ${entry.bytes} B`)
        .join(', ')})`,
    );
    expect(others.map((entry) => entry.name).filter((name) => !LIT_FAMILY.test(name))).toEqual([]);
    expect(others.map((entry) => entry.name)).toContain('lit');
    // The HEIC decoder (libheif, 2.0 MB with its WebAssembly, one copy per build: `dist/` for the
    // script tag, `dist/es/` for bundlers) is fetched only for a HEIC the browser cannot decode
    // (issue 17); the budget holds for everything else, and the decoder ships without a source map.
    const decoder = await Promise.all(
      ['dist/heic-chunk.js', 'dist/es/heic-chunk.js'].map(async (file) =>
        stat(join(appDir, 'node_modules/image-uploader-element', file)).then((found) => found.size),
      ),
    );
    await expect(
      stat(join(appDir, 'node_modules/image-uploader-element/dist/es/heic-chunk.js.map')),
    ).rejects.toThrow();
    console.log(`${app}: of which the HEIC decoder ${decoder.join(' B + ')} B`);
    expect(element.bytes - decoder[0]! - decoder[1]!).toBeLessThan(ELEMENT_BUDGET_BYTES);
  });

  it('type-checks strictly, with typed event details', async () => {
    await npm(['run', '--silent', 'typecheck'], appDir);
  });

  it('builds with Vite', async () => {
    await npm(['run', '--silent', 'build'], appDir);
    server = await preview({
      configFile: false,
      root: appDir,
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: port(), strictPort: true },
    });
  });

  it('uploads a photo in Chromium against the local stack', async () => {
    const token = await stack.login(`real-client-${app}`);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await page.addInitScript((bearer) => sessionStorage.setItem('token', bearer), token);
      await page.goto(`http://localhost:${port()}/?endpoint=${encodeURIComponent(stack.signerUrl)}`);
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.locator('image-uploader [part="drop-zone"]').first().click(),
      ]);
      await chooser.setFiles(await photoJpeg(`${app}-photo.jpg`, { width: 800, height: 600 }));
      const stored = page.locator('#stored[data-key]');
      await stored.waitFor({ timeout: 30_000 }).catch(async (error: Error) => {
        throw new Error(`${error.message}; the page says: ${await page.locator('#failure').textContent()}`);
      });
      const key = (await stored.getAttribute('data-key'))!;
      expect(key).toMatch(/^uploads\/.+\/original\.jpg$/);
      const head = await localS3Client(stack.s3).send(
        new HeadObjectCommand({ Bucket: stack.s3.bucket, Key: key }),
      );
      expect(head.ContentType).toBe('image/jpeg');
      expect(head.ContentLength).toBeGreaterThan(1000);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
