import type * as ReactCore from 'react';
import type * as ReactDom from 'react-dom';
import type * as ReactClient from 'react-dom/client';
import type { ImageUploader } from './image-uploader.js';
import { deepEqual, equal, ok } from './test-support/assert.js';
import { afterEach, describe, it } from './test-support/mocha.js';
import {
  makeJpeg,
  nextEvent,
  readObject,
  record,
  requestLog,
  setFaults,
  stackInfo,
  succeeds,
  token,
  waitFor,
  withCleanStack,
} from './test-support/stack.js';

/** React 19, served as one ES module by test-support/react-bundle.js. */
type React = typeof ReactCore & typeof ReactClient & Pick<typeof ReactDom, 'flushSync'>;
const react = (): Promise<React> => import(/* @vite-ignore */ '/widget/test-support/react.js' as string);

/**
 * A React page that shows `<image-uploader>` (with `on-disconnect` as given) until told to
 * unmount it: `show(false)` renders the page without it, as a route change would.
 */
async function reactPage(onDisconnect?: 'continue' | 'cancel') {
  const { createElement, createRoot, flushSync } = await react();
  const { endpoint } = await stackInfo();
  const bearer = await token();
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const show = (shown: boolean): void =>
    flushSync(() =>
      root.render(
        shown
          ? createElement('image-uploader', {
              endpoint,
              multiple: true,
              getToken: () => bearer,
              'on-disconnect': onDisconnect,
            })
          : createElement('p', null, 'Another route'),
      ),
    );
  show(true);
  const element = container.querySelector('image-uploader')!;
  await element.updateComplete;
  return { element, show, unmount: () => root.unmount() };
}

/** Counts `Worker.prototype.terminate` calls until `restore()`. */
function countTerminations(): { count: () => number; restore: () => void } {
  const { terminate } = Worker.prototype;
  let calls = 0;
  Worker.prototype.terminate = function (this: Worker) {
    calls++;
    terminate.call(this);
  };
  return { count: () => calls, restore: () => (Worker.prototype.terminate = terminate) };
}

/** Its preview's object URL, once shown. */
async function previewUrl(element: ImageUploader): Promise<string> {
  const img = (): HTMLImageElement | null => element.shadowRoot!.querySelector('img[part="preview"]');
  await waitFor(async () => (await element.updateComplete) && img(), 10_000, 'the preview');
  return img()!.src;
}

const revoked = (url: string): Promise<boolean> =>
  fetch(url).then(
    () => false,
    () => true,
  );

/** Loads `path` (a page of test-support/) in an iframe and waits for its element module. */
async function frame(path: string): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  iframe.src = new URL(`./test-support/${path}`, import.meta.url).href;
  document.body.append(iframe);
  await waitFor(() => iframe.contentDocument?.body?.dataset.ready, 10_000, `${path} to load`);
  return iframe;
}

describe('<image-uploader>', () => {
  afterEach(() => document.body.replaceChildren());

  describe('removed from the page (a React route change)', () => {
    withCleanStack();

    it('by default lets its uploads finish, frees its previews and Worker, and shows its rows when put back', async () => {
      const { element, show, unmount } = await reactPage();
      equal(element.onDisconnect, 'continue');
      await setFaults([{ target: 's3', method: 'PUT', fault: { delay: 1500 } }]);
      const start = nextEvent(element, 'upload-start');
      const success = succeeds(element);
      element.addFiles([await makeJpeg(32, 24, 'route.jpg')]);
      const url = await previewUrl(element);
      await start;
      const workers = countTerminations();
      try {
        show(false);
        ok(!element.isConnected, 'React removed it');
        ok(await revoked(url), 'the preview URL is revoked');
        const { key } = (await success).detail;
        ok((await readObject(key)).byteLength > 0, 'the upload finished without an owner page');
        deepEqual(element.value, [key]);
        await waitFor(() => workers.count(), 5_000, 'the idle Worker to be let go');
      } finally {
        workers.restore();
      }
      document.body.append(element);
      await element.updateComplete;
      const rows = element.shadowRoot!.querySelectorAll('[part~="item"]');
      equal(rows.length, 1);
      equal(rows[0]!.getAttribute('part'), 'item done');
      await waitFor(async () => (await element.updateComplete) && (await previewUrl(element)) !== url);
      ok(!(await revoked(await previewUrl(element))), 'a new preview');
      unmount();
    });

    it('with on-disconnect="cancel" cancels its unfinished uploads, but not when it is only moved', async () => {
      const { element, show } = await reactPage('cancel');
      equal(element.getAttribute('on-disconnect'), 'cancel');
      equal(element.onDisconnect, 'cancel');
      await setFaults([{ target: 's3', method: 'PUT', fault: { delay: 1500 }, times: 2 }]);
      const successes = record(element, 'upload-success');
      const first = nextEvent(element, 'upload-start');
      element.addFiles([await makeJpeg(32, 24, 'moved.jpg')]);
      await first;
      // Moved: taken out of its container and put in again (last), in one task.
      element.parentElement!.append(element);
      await new Promise((resolve) => setTimeout(resolve, 50));
      equal(element.items[0]!.status, 'uploading', 'a move keeps it going');
      await waitFor(() => successes.length === 1, 10_000, 'the moved upload');
      const start = nextEvent(element, 'upload-start');
      const error = nextEvent(element, 'upload-error');
      element.addFiles([await makeJpeg(32, 24, 'left.jpg')]);
      await start;
      show(false);
      equal((await error).detail.code, 'ERR_ABORTED');
      equal(element.items[1]!.status, 'canceled');
      deepEqual(element.value, [successes[0]!.detail.key]);
      await new Promise((resolve) => setTimeout(resolve, 1800));
      const puts = (await requestLog()).filter((entry) => entry.target === 's3' && entry.method === 'PUT');
      deepEqual(
        puts.map((entry) => entry.status),
        [200],
        'only the moved file is stored',
      );
      show(false);
    });
  });

  describe('form state restore', () => {
    it('shows the uploaded files again after submit and Back, and Reset removes them', async () => {
      const iframe = await frame('form-frame.html');
      const element = iframe.contentDocument!.querySelector('image-uploader') as ImageUploader;
      element.endpoint = (await stackInfo()).endpoint;
      const bearer = await token();
      element.getToken = () => bearer;
      const success = succeeds(element);
      element.addFiles([await makeJpeg(20, 10, 'kept.jpg')]);
      const { key } = (await success).detail;
      await element.updateComplete;
      iframe.contentDocument!.querySelector('form')!.requestSubmit();
      await waitFor(() => iframe.contentWindow!.location.search.includes('photo='), 10_000, 'the submit');
      equal(new URL(iframe.contentWindow!.location.href).searchParams.get('photo'), key);
      iframe.contentWindow!.history.back();
      await waitFor(
        () =>
          iframe.contentWindow!.location.pathname.endsWith('form-frame.html') &&
          iframe.contentDocument!.body?.dataset.ready,
        10_000,
        'Back',
      );
      const restored = iframe.contentDocument!.querySelector('image-uploader') as ImageUploader;
      const form = iframe.contentDocument!.querySelector('form')!;
      await waitFor(() => restored.value.length, 5_000, 'the value to be restored');
      await restored.updateComplete;
      deepEqual(restored.value, [key]);
      deepEqual(new FormData(form).getAll('photo'), [key]);
      deepEqual(
        restored.items.map((item) => [item.file.name, item.status]),
        [['kept.jpg', 'done']],
      );
      equal(restored.shadowRoot!.querySelector('[part~="item"] [part="name"]')!.textContent, 'kept.jpg');

      form.reset();
      deepEqual(new FormData(form).getAll('photo'), [], 'Reset removes the restored key');
      await restored.updateComplete;
      deepEqual(restored.value, []);
      equal(restored.shadowRoot!.querySelectorAll('[part~="item"]').length, 0);
    });
  });
});
