import { executeServerCommand } from '@web/test-runner-commands';
import { atLeast, atMost, deepEqual, equal, ok } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import {
  bigJpeg,
  makeJpeg,
  mount,
  nextEvent,
  readObject,
  record,
  requestLog,
  setFaults,
  succeeds,
  withCleanStack,
} from '../test-support/stack.js';

const puts = async (): Promise<{ start: number; end: number; status: number }[]> =>
  (await requestLog())
    .filter((entry) => entry.target === 's3' && entry.method === 'PUT')
    .map(({ start, end, status }) => ({ start, end: end ?? Infinity, status }));
const creates = async (): Promise<{ start: number; status: number }[]> =>
  (await requestLog()).filter((entry) => entry.method === 'POST' && entry.url === '/v1/uploads');
const json = (code: string): string => JSON.stringify({ error: { code, message: code } });

describe('<image-uploader> single PUT', () => {
  withCleanStack();

  describe('uploads', () => {
    it('uploads a JPEG and reports its key and id', async () => {
      const element = await mount();
      const file = await makeJpeg();
      const success = succeeds(element);
      element.addFiles([file]);
      const { detail } = await success;
      ok(detail.key.startsWith('uploads/'), detail.key);
      ok(detail.key.includes(detail.id));
      equal(detail.file, file);
      equal((await readObject(detail.key)).length, file.size);
      deepEqual(element.value, [detail.key]);
    });

    it('uploads a batch at most `concurrency` at a time and reports completion once', async () => {
      await setFaults([{ target: 's3', method: 'PUT', times: 5, fault: { delay: 400 } }]);
      const element = await mount({ multiple: true, concurrency: '2' });
      const files = await Promise.all([1, 2, 3, 4, 5].map((n) => makeJpeg(40 + n, 30, `batch-${n}.jpg`)));
      const successes = record(element, 'upload-success');
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles(files);
      const { detail } = await complete;
      equal(detail.succeeded.length, 5);
      equal(detail.failed.length, 0);
      equal(successes.length, 5);
      const log = await puts();
      const inFlight = Math.max(
        ...log.map((a) => log.filter((b) => b.start <= a.start && a.start < b.end).length),
      );
      equal(inFlight, 2, `expected 2 PUTs at once at most and at least, saw ${inFlight}`);
      deepEqual(
        element.value,
        element.items.map((item) => item.key),
      );
    });

    it('reports progress that never goes backwards, per file and overall (throttled network)', async () => {
      const element = await mount();
      const file = await bigJpeg(2 * 1024 * 1024, 'slow.jpg', 3);
      const events = record(element, 'upload-progress');
      await executeServerCommand('throttle-upload', { bytesPerSecond: Math.ceil(file.size / 1.5) });
      try {
        const success = succeeds(element);
        element.addFiles([file]);
        await success;
      } finally {
        await executeServerCommand('throttle-upload', { bytesPerSecond: -1 });
      }
      atLeast(events.length, 8, `only ${events.length} progress events`);
      for (let i = 1; i < events.length; i++) {
        atLeast(events[i]!.detail.loaded, events[i - 1]!.detail.loaded);
        atLeast(events[i]!.detail.overall, events[i - 1]!.detail.overall);
      }
      const last = events.at(-1)!.detail;
      equal(last.loaded, last.total);
    });
  });

  describe('failures', () => {
    it('waits out a slow signer and a slow body without timing out or sending twice', async () => {
      await setFaults([
        { target: 'signer', method: 'POST', fault: { delay: 1500 } },
        { target: 's3', method: 'PUT', fault: { bytesPerSecond: 512 * 1024 } },
      ]);
      const element = await mount();
      const file = await bigJpeg(1024 * 1024, 'slow-body.jpg', 4);
      const success = succeeds(element);
      element.addFiles([file]);
      const { detail } = await success;
      equal((await creates()).length, 1);
      const [put] = await puts();
      equal(put!.status, 200);
      atLeast(put!.end - put!.start, 1500);
      equal((await readObject(detail.key)).length, file.size);
    });

    it('retries the PUT after a 500 and a reset connection', async () => {
      await setFaults([
        {
          target: 's3',
          method: 'PUT',
          fault: { status: 500, body: '<Error><Code>InternalError</Code></Error>' },
        },
        { target: 's3', method: 'PUT', fault: 'reset' },
      ]);
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await makeJpeg()]);
      await success;
      deepEqual(
        (await puts()).map((put) => put.status),
        [500, 0, 200],
      );
      equal((await creates()).length, 1, 'the same ticket throughout');
    });

    it('retries the signer after 503, honouring Retry-After', async () => {
      const busy = { status: 503, headers: { 'retry-after': '1' }, body: json('ERR_STORAGE_UNAVAILABLE') };
      await setFaults([{ target: 'signer', method: 'POST', match: '/v1/uploads', fault: busy }]);
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await makeJpeg()]);
      await success;
      const [first, second] = await creates();
      equal(first!.status, 503);
      // The widget's own backoff is at most 20 ms here; only Retry-After explains a 1 s wait.
      atLeast(second!.start - first!.start, 950);
    });

    it('retries the signer after 429 and a reset connection', async () => {
      await setFaults([
        { target: 'signer', method: 'POST', fault: { status: 429, body: json('ERR_RATE_LIMITED') } },
        { target: 'signer', method: 'POST', fault: 'reset' },
      ]);
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await makeJpeg()]);
      await success;
      equal((await creates()).length, 3);
    });

    it('asks for a new ticket when S3 answers 403 (expired URL)', async () => {
      const expired = '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
      await setFaults([{ target: 's3', method: 'PUT', fault: { status: 403, body: expired } }]);
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await makeJpeg()]);
      const { detail } = await success;
      equal((await creates()).length, 2);
      deepEqual(
        (await puts()).map((put) => put.status),
        [403, 200],
      );
      ok((await readObject(detail.key)).length > 0);
    });

    it('gets a fresh token after 401 ERR_TOKEN_EXPIRED', async () => {
      await setFaults([
        { target: 'signer', method: 'POST', fault: { status: 401, body: json('ERR_TOKEN_EXPIRED') } },
      ]);
      const element = await mount();
      const original = element.getToken!;
      let calls = 0;
      element.getToken = async () => (calls++, original());
      const success = succeeds(element);
      element.addFiles([await makeJpeg()]);
      await success;
      equal(calls, 2, 'once per signer request');
    });

    it('reports ERR_UPLOAD_FAILED when retries run out, and Retry sends it again', async () => {
      await setFaults([{ target: 's3', method: 'PUT', times: 5, fault: { status: 500 } }]);
      const element = await mount();
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([await makeJpeg()]);
      const { detail } = await failure;
      equal(detail.code, 'ERR_UPLOAD_FAILED');
      equal((await puts()).length, 5, 'one try and four retries');
      await element.updateComplete;
      const retry = element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label^="Retry"]')!;
      ok(retry, 'a Retry button');
      const success = succeeds(element);
      retry.click();
      await success;
      equal((await creates()).length, 1, 'the ticket is reused');
    });

    it('reports the signer refusing a file with its code', async () => {
      const element = await mount({ accept: 'image/*', 'max-dimension': '0' });
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([new File([new Uint8Array(64).fill(1)], 'drawing.bmp', { type: 'image/bmp' })]);
      equal((await failure).detail.code, 'ERR_TYPE_NOT_ALLOWED');
      equal((await puts()).length, 0);
      atMost((await creates()).length, 1);
    });
  });
});
