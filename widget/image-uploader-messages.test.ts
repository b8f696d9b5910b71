import { sendKeys } from '@web/test-runner-commands';
import { atMost, deepEqual, equal, ok } from './test-support/assert.js';
import type { ForeignOriginReport } from './test-support/foreign-origin.js';
import { describe, it } from './test-support/mocha.js';
import {
  bigJpeg,
  clearLog,
  countParts,
  interruptUpload,
  makeJpeg,
  mount,
  nextEvent,
  openFrame,
  partPuts,
  readObject,
  requestLog,
  setFaults,
  stackInfo,
  succeeds,
  waitFor,
  withCleanStack,
} from './test-support/stack.js';
import { de } from './i18n/de.js';
import type { ImageUploader } from './image-uploader.js';
import { createResumeStore } from './upload/resume-store.js';

const shadow = (element: ImageUploader): ShadowRoot => element.shadowRoot!;
const signerCalls = async (): Promise<string[]> =>
  (await requestLog())
    .filter((entry) => entry.target === 'signer')
    .map((entry) => `${entry.method} ${entry.url.split('?')[0]}`);

describe('<image-uploader> tells people what happened', () => {
  withCleanStack();

  describe('a signer out of reach', () => {
    it('names the endpoint and the origin to allow when CORS refuses the page, without retrying', async () => {
      const { endpoint } = await stackInfo();
      // The tests' page is http://localhost:<port>, the origin the signer allows; the same server
      // as 127.0.0.1 is another origin.
      const foreign = new URL('./test-support/foreign-origin.html', import.meta.url);
      foreign.hostname = '127.0.0.1';
      const frame = document.createElement('iframe');
      frame.src = foreign.href;
      const report = new Promise<ForeignOriginReport>((resolve) =>
        addEventListener('message', (event: MessageEvent<ForeignOriginReport>) => resolve(event.data), {
          once: true,
        }),
      );
      document.body.append(frame);
      const { origin, code, message, shown, elapsed } = await report;
      equal(origin, foreign.origin);
      equal(code, 'ERR_NETWORK');
      const expected =
        `The image service at ${endpoint} refuses this site: allow its origin ${origin} there ` +
        '(CORS_ORIGINS).';
      equal(message, expected);
      equal(shown, expected);
      // The preflight was refused, so the signer saw no upload request; the two probes that told
      // CORS from an outage ran once: a refusal is not retried.
      deepEqual(await signerCalls(), ['GET /healthz', 'GET /healthz']);
      atMost(elapsed, 2000);
    });

    it('says it cannot reach the endpoint when nothing answers there, in the page language', async () => {
      const element = await mount();
      element.strings = de;
      element.retry = { retries: 1, baseDelay: 10, maxDelay: 10 };
      element.endpoint = 'http://127.0.0.1:9';
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([await makeJpeg()]);
      const { detail } = await failure;
      equal(detail.code, 'ERR_NETWORK');
      equal(
        detail.message,
        'Der Bilddienst unter http://127.0.0.1:9 ist nicht erreichbar. Läuft er, und sind Sie online?',
      );
    });

    it('retries a dropped connection to a signer that allows the page', async () => {
      // Chromium itself sends a request again when a reused connection drops, so four drops make
      // sure the page sees some.
      await setFaults([{ target: 'signer', method: 'POST', fault: 'reset', times: 4 }]);
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await makeJpeg()]);
      await success;
      const calls = await signerCalls();
      ok(calls.includes('GET /healthz'), 'the page saw a dropped connection and probed the signer');
      equal(calls.filter((call) => call === 'POST /v1/uploads').length, 5);
      equal(calls.at(-1), 'POST /v1/uploads');
    });
  });

  describe('downscaling', () => {
    it('says a downscaled image was resized, and the success event carries both sizes', async () => {
      const element = await mount({ 'max-dimension': '100', multiple: true });
      const large = succeeds(element);
      element.addFiles([await makeJpeg(300, 150, 'wide.jpg')]);
      const { detail } = await large;
      deepEqual(
        [detail.original, detail.uploaded],
        [
          { width: 300, height: 150 },
          { width: 100, height: 50 },
        ],
      );
      const stored = await createImageBitmap(new Blob([await readObject(detail.key)]));
      deepEqual([stored.width, stored.height], [100, 50]);
      await element.updateComplete;
      const status = shadow(element).querySelector('[part~="done"] [part="status"]')!;
      equal(status.textContent, 'Uploaded · resized to 100 × 50 before upload');

      const small = succeeds(element);
      element.addFiles([await makeJpeg(80, 60, 'small.jpg')]);
      const kept = (await small).detail;
      deepEqual(
        [kept.original, kept.uploaded],
        [
          { width: 80, height: 60 },
          { width: 80, height: 60 },
        ],
      );
      await element.updateComplete;
      equal(shadow(element).querySelectorAll('[part~="done"] [part="status"]')[1]!.textContent, 'Uploaded');
    });
  });

  describe('finished rows', () => {
    it('collapse, and "Clear finished" takes them out of the list from the keyboard, keeping the value', async () => {
      const form = document.createElement('form');
      document.body.append(form);
      const element = await mount({ name: 'photos', multiple: true, accept: 'image/jpeg' }, form);
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([
        await makeJpeg(8, 8, 'one.jpg'),
        new File(['x'], 'notes.txt', { type: 'text/plain' }),
        await makeJpeg(9, 9, 'two.jpg'),
      ]);
      await complete;
      await element.updateComplete;
      const keys = element.value;
      equal(keys.length, 2);
      const done = shadow(element).querySelectorAll<HTMLElement>('[part~="done"]');
      equal(done.length, 2);
      const refused = shadow(element).querySelector<HTMLElement>('[part~="error"]')!;
      equal(getComputedStyle(done[0]!.querySelector('progress')!).display, 'none');
      ok(done[0]!.offsetHeight < refused.offsetHeight, 'a finished row is smaller than one with progress');

      const clear = shadow(element).querySelector<HTMLButtonElement>('[part="clear"]')!;
      equal(clear.textContent!.trim(), 'Clear finished');
      clear.focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      deepEqual(
        element.items.map((item) => item.file.name),
        ['notes.txt'],
      );
      equal(shadow(element).querySelectorAll('[part~="item"]').length, 1);
      ok(clear.hidden, 'nothing finished is left to clear');
      equal(shadow(element).activeElement, shadow(element).querySelector('[part="drop-zone"]'));
      deepEqual(element.value, keys);
      deepEqual(new FormData(form).getAll('photos'), keys);

      form.reset();
      await element.updateComplete;
      deepEqual(element.value, []);
    });
  });

  describe('interrupted uploads', () => {
    /** The next page's element, once it listed the interrupted upload of `name`. */
    async function reopen(name: string): Promise<{ element: ImageUploader; entry: () => HTMLLIElement }> {
      const second = await openFrame();
      const element = await mount({ 'part-concurrency': '2' }, second.contentDocument!.body);
      const entry = (): HTMLLIElement =>
        [...shadow(element).querySelectorAll<HTMLLIElement>('[part="interrupted"] li')].find((li) =>
          li.textContent!.includes(name),
        )!;
      await waitFor(async () => (await element.updateComplete) && entry(), 5000, 'the interrupted upload');
      return { element, entry };
    }

    it('are listed after a reload and announced, and resume when the same file is chosen again', async () => {
      const file = await bigJpeg(12.5 * 1024 * 1024, 'interrupted.jpg', 31);
      const { id } = await interruptUpload(file);
      const { element, entry } = await reopen('interrupted.jpg');
      // Part 1 (5 MiB) landed; the file is sent as it is (a JPEG without metadata).
      const percent = Math.floor(((5 * 1024 * 1024) / file.size) * 100);
      const text = `Interrupted: interrupted.jpg (13.1 MB, ${percent}% sent). Choose it again to resume.`;
      equal(entry().textContent!.replace('×', '').trim(), text);
      const live = shadow(element).querySelector('[aria-live="polite"]')!;
      ok(live.textContent!.includes(text), live.textContent!);
      equal(entry().querySelector('button')!.getAttribute('aria-label'), 'Discard interrupted.jpg');

      const success = succeeds(element);
      element.addFiles([file]);
      await element.updateComplete;
      ok(!entry(), 'no longer listed once chosen again');
      equal((await success).detail.id, id, 'the same upload finished');
      deepEqual(countParts(await partPuts()), { 2: 1, 3: 1 });
    });

    it('can be discarded: the signer aborts the upload and the record is gone', async () => {
      const file = await bigJpeg(12.5 * 1024 * 1024, 'discarded.jpg', 32);
      const { id, uploadId } = await interruptUpload(file);
      const { element, entry } = await reopen('discarded.jpg');
      entry().querySelector('button')!.click();
      await waitFor(async () => (await element.updateComplete) && !entry(), 5000, 'the entry to go');
      deepEqual(await signerCalls(), [`DELETE /v1/uploads/${id}`]);
      ok((await requestLog())[0]!.url.includes(encodeURIComponent(uploadId)));
      equal((await requestLog())[0]!.status, 204);
      equal(shadow(element).activeElement, shadow(element).querySelector('[part="drop-zone"]'));

      // The record is gone, and on a later page the same file starts a new upload.
      const records = await createResumeStore().list();
      ok(!records.some((record) => record.file?.name === 'discarded.jpg'), 'the record is deleted');
      const third = await mount({}, (await openFrame()).contentDocument!.body);
      await clearLog();
      const success = succeeds(third);
      third.addFiles([file]);
      ok((await success).detail.id !== id, 'a new upload');
      ok(!(await signerCalls()).includes(`GET /v1/uploads/${id}/parts`), 'the record was deleted');
    });
  });
});
