import { deepEqual, equal, ok } from '../test-support/assert.js';
import type { LogEntry } from '../test-support/fault-proxy.js';
import { describe, it } from '../test-support/mocha.js';
import {
  bigJpeg,
  makeJpeg,
  mount,
  nextEvent,
  openFrame,
  requestLog,
  setFaults,
  stackInfo,
  succeeds,
  token,
  withCleanStack,
} from '../test-support/stack.js';
import { createSignerRequest } from './signer-request.js';

/** The signer requests the proxy saw, as `METHOD /path` (no query). */
const signerLog = async (): Promise<(LogEntry & { route: string })[]> =>
  (await requestLog())
    .filter((entry) => entry.target === 'signer')
    .map((entry) => ({ ...entry, route: `${entry.method} ${entry.url.split('?')[0]}` }));

/** Each request with a body arrived whole, answered 2xx, and claimed that body's SHA-256. */
function assertSigned(entries: LogEntry[]): void {
  for (const entry of entries) {
    ok(entry.body, `${entry.method} ${entry.url} arrived without a body`);
    ok(entry.contentSha256, `${entry.method} ${entry.url} has no x-amz-content-sha256`);
    equal(entry.contentSha256, entry.bodySha256, `${entry.method} ${entry.url}: header and body differ`);
    ok(entry.status >= 200 && entry.status < 300, `${entry.method} ${entry.url} answered ${entry.status}`);
  }
}

describe('signer requests', () => {
  withCleanStack();

  describe('x-amz-content-sha256 (CloudFront origin access control)', () => {
    it('carries the SHA-256 of the body that arrived: POST /v1/uploads, parts and complete', async () => {
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await bigJpeg(12.5 * 1024 * 1024, 'signed.jpg', 41)]);
      const { detail } = await success;
      const log = await signerLog();
      const id = encodeURIComponent(detail.id);
      // Parts are signed as their MD5s are known: one request or more.
      const routes = [...new Set(log.map((entry) => entry.route))];
      deepEqual(routes, [
        'POST /v1/uploads',
        `POST /v1/uploads/${id}/parts`,
        `POST /v1/uploads/${id}/complete`,
      ]);
      assertSigned(log);
    });

    it('is sent by the core the demo gallery uses, with keepalive, and left out without a body', async () => {
      const { endpoint } = await stackInfo();
      const bearer = await token();
      const request = createSignerRequest({
        endpoint,
        getToken: () => bearer,
        retry: { retries: 0 },
        keepalive: true,
      });
      const files = [{ name: 'über.jpg', type: 'image/jpeg', size: 1000 }];
      await request('POST', '/v1/uploads', { files });
      await request('GET', '/v1/images');
      const [post, get] = await signerLog();
      assertSigned([post!]);
      deepEqual(JSON.parse(post!.body!), { files });
      equal(get!.route, 'GET /v1/images');
      equal(get!.status, 200);
      equal(get!.contentSha256, undefined);
    });

    it('is left out where the page has no SubtleCrypto (an insecure context), and the upload goes on', async () => {
      const frame = await openFrame();
      // What a page on plain http (not localhost) lacks: https://w3c.github.io/webcrypto/#crypto-interface
      const view = frame.contentWindow as typeof window;
      Object.defineProperty(view.Crypto.prototype, 'subtle', { get: () => undefined });
      equal(view.crypto.subtle, undefined);
      const element = await mount({}, frame.contentDocument!.body);
      const success = succeeds(element);
      element.addFiles([await makeJpeg(16, 16, 'plain-http.jpg')]);
      await success;
      const [post] = await signerLog();
      equal(post!.route, 'POST /v1/uploads');
      equal(post!.status, 201);
      equal(post!.contentSha256, undefined);
      frame.remove();
    });
  });

  describe('ERR_QUOTA_EXCEEDED', () => {
    it('fails the file with the signer’s figures on its error, and is never asked again', async () => {
      // The signer's refusal as the contract has it (contract/error-codes.ts, QuotaFigures).
      const refusal = {
        code: 'ERR_QUOTA_EXCEEDED',
        message: 'Quota exceeded',
        unit: 'bytes',
        used: 900,
        limit: 1000,
      };
      await setFaults([
        {
          target: 'signer',
          method: 'POST',
          match: '/v1/uploads',
          times: 10,
          fault: { status: 403, body: JSON.stringify({ error: refusal }) },
        },
      ]);
      const element = await mount();
      const failed = nextEvent(element, 'upload-error');
      element.addFiles([await makeJpeg(16, 16, 'over-quota.jpg')]);
      equal((await failed).detail.code, 'ERR_QUOTA_EXCEEDED');
      const { code, message, unit, used, limit } = element.items[0]!.error!;
      deepEqual({ code, message, unit, used, limit }, refusal);
      equal(element.items[0]!.status, 'error');
      await new Promise((resolve) => setTimeout(resolve, 300)); // the element's retries are 20 ms apart
      equal((await signerLog()).filter((entry) => entry.route === 'POST /v1/uploads').length, 1);
    });
  });
});
