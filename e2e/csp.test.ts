/**
 * The element under a strict Content-Security-Policy, as widget/README.md ("Content-Security-
 * Policy") gives it: a page on its own origin, served with the header, loads the script-tag build
 * and uploads a phone photo through the local stack. Every violation the page reports fails the
 * test, and so does a preview that did not load or an upload that did not land.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../stack/free-port.js';
import { localS3Client } from '../stack/local-s3.js';
import { startStack, type Stack } from '../stack/start-stack.js';
import { WIDGET_DIST, ensureWidgetBuild } from '../stack/widget-build.js';
import { launchChromium } from './support/browser.js';
import { photoJpeg } from './support/images.js';

/** The policy widget/README.md lists, for a page at `self` using this signer, S3 and CDN. */
export function strictPolicy({ signer, s3, cdn }: { signer: string; s3: string; cdn: string }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ${signer} ${s3}`,
    `img-src 'self' blob: ${cdn}`,
    "worker-src 'self' blob:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

/** The page: the script-tag build, with `attributes` on the element and `lang` on `<html>`. */
const page = (lang: string, attributes: string) => `<!doctype html>
<html lang="${lang}">
  <head><title>CSP</title><script src="/violations.js"></script></head>
  <body>
    <image-uploader multiple ${attributes}></image-uploader>
    <script src="/dist/image-uploader.js"></script>
    <script src="/page.js"></script>
  </body>
</html>`;

/** Records every CSP violation the page (or its Worker) reports, before anything else runs. */
const VIOLATIONS = `window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));`;

let stack: Stack;
let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  ensureWidgetBuild();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  stack = await startStack({ siteOrigins: [origin], thumbnails: false, log: () => {} });
  const token = await stack.login('alice');
  const policy = strictPolicy({ signer: stack.signerUrl, s3: stack.s3.endpoint, cdn: stack.cdnUrl });
  const pageScript = `const element = document.querySelector('image-uploader');
element.endpoint = ${JSON.stringify(stack.signerUrl)};
element.getToken = () => ${JSON.stringify(token)};`;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    const send = (type: string, body: string | Buffer): void => {
      res.writeHead(200, { 'content-type': type, 'content-security-policy': policy });
      res.end(body);
    };
    if (path === '/') return send('text/html', page('en', ''));
    // A language chunk, the Intl chunk and the editor chunk, each loaded from beside the script.
    if (path === '/editor') return send('text/html', page('de', 'editor crop-aspect-ratio="1"'));
    if (path === '/violations.js') return send('text/javascript', VIOLATIONS);
    if (path === '/page.js') return send('text/javascript', pageScript);
    const file = normalize(path.slice('/dist/'.length));
    if (!path.startsWith('/dist/') || file.startsWith('..')) return void res.writeHead(404).end();
    readFile(join(WIDGET_DIST, file)).then(
      (body) => send(extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream', body),
      () => void res.writeHead(404).end(),
    );
  }).listen(port, 'localhost');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await stack?.close();
});

/** What the page reported: CSP violations, and each row's part and status text. */
const state = (page: Page) =>
  page.evaluate(() => ({
    violations: (window as unknown as { violations: string[] }).violations,
    rows: [...document.querySelector('image-uploader')!.shadowRoot!.querySelectorAll('[part~="item"]')].map(
      (row) => `${row.getAttribute('part')}: ${row.querySelector('[part="status"]')?.textContent}`,
    ),
  }));

/** Waits until the element's value holds one key, or fails with what the page showed and logged. */
const oneUploaded = (page: Page, console: string[]) =>
  page
    .waitForFunction(
      () => (document.querySelector('image-uploader') as unknown as { value: string[] }).value.length === 1,
      undefined,
      { timeout: 30_000 },
    )
    .catch(async () => {
      throw new Error(`not uploaded: ${JSON.stringify({ ...(await state(page)), console })}`);
    });

describe('<image-uploader> under a strict Content-Security-Policy', () => {
  it('previews and uploads a photo with no violation', async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(origin);
    await page.waitForFunction(() => customElements.get('image-uploader'));
    await page
      .locator('image-uploader input[type="file"]')
      .setInputFiles(await photoJpeg('csp.jpg', { width: 800, height: 600 }));
    await oneUploaded(page, console);
    await page.waitForFunction(
      () => {
        const img = document
          .querySelector('image-uploader')!
          .shadowRoot!.querySelector('img[part="preview"]');
        return (img as HTMLImageElement | null)?.naturalWidth;
      },
      undefined,
      { timeout: 10_000 },
    );
    const [key] = await page.evaluate(
      () => (document.querySelector('image-uploader') as unknown as { value: string[] }).value,
    );
    expect(key).toMatch(/^uploads\//);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(console.filter((line) => /Content.Security.Policy/i.test(line))).toEqual([]);
    await page.close();
  });
  it('loads a language, its number formats and the editor, and uploads the edited photo, with no violation', async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(`${origin}/editor`);
    await page.waitForFunction(() =>
      document.querySelector('image-uploader')?.shadowRoot?.textContent?.includes('Bilder auswählen'),
    );
    await page
      .locator('image-uploader input[type="file"]')
      .setInputFiles(await photoJpeg('csp.jpg', { width: 800, height: 600 }));
    // Playwright's locators pierce open shadow roots: the element's, then the editor's.
    const dialog = page.locator('image-uploader dialog[open]');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.getAttribute('aria-label')).toBe('csp.jpg bearbeiten');
    // The editor's layout is set through the CSSOM, which the policy allows: the box is drawn.
    const box = await dialog.locator('[role="slider"]').boundingBox();
    expect(box!.width).toBeGreaterThan(50);
    expect(box!.width).toBeCloseTo(box!.height, 0);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Enter');
    await oneUploaded(page, console);
    expect(fetched).toEqual(
      expect.arrayContaining(['/dist/i18n/de.js', '/dist/i18n/intl.js', '/dist/editor-chunk.js']),
    );
    const [key] = await page.evaluate(
      () => (document.querySelector('image-uploader') as unknown as { value: string[] }).value,
    );
    const s3 = localS3Client(stack.s3);
    const stored = await s3.send(new GetObjectCommand({ Bucket: stack.s3.bucket, Key: key }));
    const { width, height } = await sharp(await stored.Body!.transformToByteArray()).metadata();
    s3.destroy();
    // The 600 px square, one step (1 % of 600 px) smaller on each side.
    expect([width, height]).toEqual([594, 594]);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(console.filter((line) => /Content.Security.Policy/i.test(line))).toEqual([]);
    await page.close();
  });
});
