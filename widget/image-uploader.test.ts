import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { deepEqual, equal, ok } from './test-support/assert.js';
import { axeViolations } from './test-support/axe.js';
import { afterEach, beforeEach, describe, it } from './test-support/mocha.js';
import {
  bigJpeg,
  clearLog,
  makeJpeg,
  mount,
  nextEvent,
  record,
  requestLog,
  stackInfo,
  succeeds,
  token,
  waitFor,
} from './test-support/stack.js';
import { de } from './i18n/de.js';
import { registerTranslation } from './i18n/translations.js';
import type { ImageUploader } from './image-uploader.js';
import { DEFERRED_PREVIEW_BYTES } from './upload-controller.js';

const part = (element: ImageUploader, name: string): HTMLElement =>
  element.shadowRoot!.querySelector(`[part~="${name}"]`)!;
const border = (element: ImageUploader): string =>
  getComputedStyle(part(element, 'drop-zone')).borderTopColor;
const text = (element: ImageUploader): string => element.shadowRoot!.textContent!.replace(/\s+/g, ' ');

function dataTransfer(files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

describe('<image-uploader>', () => {
  beforeEach(() => clearLog());
  afterEach(async () => {
    document.body.replaceChildren();
    document.documentElement.removeAttribute('style');
    await emulateMedia({ colorScheme: 'light' });
  });

  /** A page that supports both schemes, as a host page opts in to the dark palette. */
  const darkCapablePage = (): void => {
    document.documentElement.style.cssText =
      'color-scheme: light dark; background: Canvas; color: CanvasText';
  };

  describe('validation', () => {
    it('refuses by type, size and count before any network call, next to each file', async () => {
      const element = await mount({
        multiple: true,
        'max-size': '2000',
        'max-files': '2',
        accept: 'image/jpeg,image/png',
      });
      const errors = record(element, 'upload-error');
      const small = await makeJpeg(8, 8, 'ok.jpg');
      const large = await makeJpeg(300, 300, 'large.jpg');
      const text = new File(['hello'], 'notes.txt', { type: 'text/plain' });
      const empty = new File([], 'empty.png', { type: 'image/png' });
      element.addFiles([text, large, empty, small]);
      ok(large.size > 2000, 'the fixture is over the limit');
      deepEqual(
        errors.map((event) => event.detail.code),
        ['ERR_TYPE_NOT_ALLOWED', 'ERR_FILE_TOO_LARGE', 'ERR_FILE_EMPTY'],
      );
      equal(errors[1]!.detail.file, large);
      await element.updateComplete;
      const rows = [...element.shadowRoot!.querySelectorAll('li')];
      equal(rows.length, 4);
      ok(rows[1]!.textContent!.includes('larger than 2 kB'), rows[1]!.textContent!);
      // Two kept files at most: `small` is kept, so two more make one too many.
      element.addFiles([await makeJpeg(9, 9, 'two.jpg'), await makeJpeg(10, 10, 'three.jpg')]);
      equal(errors.at(-1)!.detail.code, 'ERR_TOO_MANY_FILES');
      await nextEvent(element, 'upload-complete');
      equal((await requestLog()).filter((e) => e.method === 'POST' && e.url === '/v1/uploads').length, 2);
    });

    it('keeps one file without `multiple`', async () => {
      const element = await mount();
      const errors = record(element, 'upload-error');
      element.addFiles([await makeJpeg(8, 8, 'a.jpg'), await makeJpeg(8, 8, 'b.jpg')]);
      deepEqual(
        errors.map((event) => event.detail.code),
        ['ERR_TOO_MANY_FILES'],
      );
    });
  });

  describe('events', () => {
    it('fires add, start, progress, success, complete and change, bubbling out of the shadow root', async () => {
      const element = await mount();
      const seen: string[] = [];
      for (const type of [
        'upload-add',
        'upload-start',
        'upload-progress',
        'upload-success',
        'upload-complete',
        'change',
      ]) {
        document.body.addEventListener(type, () => seen.at(-1) !== type && seen.push(type));
      }
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([await makeJpeg()]);
      await complete;
      deepEqual(seen, [
        'upload-add',
        'upload-start',
        'upload-progress',
        'upload-success',
        'change',
        'upload-complete',
      ]);
    });
  });

  describe('input', () => {
    it('takes files dropped on it', async () => {
      const element = await mount();
      const file = await makeJpeg(8, 8, 'dropped.jpg');
      const added = nextEvent(element, 'upload-add');
      part(element, 'base').dispatchEvent(
        new DragEvent('drop', { dataTransfer: dataTransfer([file]), bubbles: true, cancelable: true }),
      );
      equal((await added).detail.file, file);
    });

    it('takes files pasted into it', async () => {
      const element = await mount();
      const file = await makeJpeg(8, 8, 'pasted.jpg');
      const added = nextEvent(element, 'upload-add');
      const paste = new ClipboardEvent('paste', {
        clipboardData: dataTransfer([file]),
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      part(element, 'drop-zone').dispatchEvent(paste);
      equal((await added).detail.file, file);
      ok(paste.defaultPrevented);
    });

    it('opens the file picker from the keyboard: Tab to the drop zone, then Enter or Space', async () => {
      const before = document.createElement('button');
      before.textContent = 'before';
      document.body.append(before);
      const element = await mount({ capture: 'environment', multiple: true });
      const input = element.shadowRoot!.querySelector('input')!;
      equal(input.getAttribute('capture'), 'environment');
      ok(input.multiple);
      let opened = 0;
      input.addEventListener('click', (event) => {
        opened++;
        event.preventDefault(); // no real dialog in the test
      });
      before.focus();
      await sendKeys({ press: 'Tab' });
      equal(element.shadowRoot!.activeElement, part(element, 'drop-zone'));
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Space' });
      equal(opened, 2);
    });

    it('ignores everything when disabled', async () => {
      const element = await mount({ disabled: true });
      ok((part(element, 'drop-zone') as HTMLButtonElement).disabled);
      element.addFiles([await makeJpeg()]);
      equal(element.items.length, 0);
    });
  });

  describe('previews', () => {
    const preview = (element: ImageUploader, row: number): string =>
      element.shadowRoot!.querySelectorAll('[part="preview"]')[row]!.tagName;

    it('draws a photo at once, and a file over 64 MiB once its upload stopped running', async () => {
      const element = await mount({ multiple: true });
      // Over the test signer's 64 MiB limit: refused when its ticket is asked for.
      const huge = await bigJpeg(DEFERRED_PREVIEW_BYTES + 1, 'huge.jpg');
      // Each file's upload status at the moment its preview is handed to the image Worker.
      const statusAtPreview = new Map<string, string>();
      const { postMessage } = Worker.prototype;
      Worker.prototype.postMessage = function (
        this: Worker,
        message: [number, { blob: Blob; preview?: number }],
      ) {
        const item = element.items.find((row) => row.file === message[1].blob);
        // Previews only: the Worker also reads the file to prepare and hash it.
        if (item && message[1].preview) statusAtPreview.set(item.file.name, item.status);
        postMessage.call(this, message);
      } as typeof postMessage;
      try {
        const complete = nextEvent(element, 'upload-complete');
        element.addFiles([await makeJpeg(64, 48, 'photo.jpg'), huge]);
        equal((await complete).detail.failed[0]?.code, 'ERR_FILE_TOO_LARGE');
        await waitFor(async () => (await element.updateComplete) && preview(element, 1) === 'IMG');
        equal(preview(element, 0), 'IMG');
        deepEqual(Object.fromEntries(statusAtPreview), { 'photo.jpg': 'queued', 'huge.jpg': 'error' });
      } finally {
        Worker.prototype.postMessage = postMessage;
      }
    });

    it('frees its object URLs while out of the page, and shows them again when put back', async () => {
      const element = await mount();
      element.addFiles([await makeJpeg(64, 48, 'moved.jpg')]);
      await waitFor(async () => (await element.updateComplete) && preview(element, 0) === 'IMG');
      const img = (): HTMLImageElement => element.shadowRoot!.querySelector('img[part="preview"]')!;
      const before = img().src;
      ok((await fetch(before)).ok);
      element.remove();
      ok(
        await fetch(before).then(
          () => false,
          () => true,
        ),
        'the URL is revoked',
      );
      document.body.append(element);
      await waitFor(async () => (await element.updateComplete) && img().src !== before);
      ok((await fetch(img().src)).ok);
    });
  });

  describe('signer settings', () => {
    it('sends with the endpoint and token set at that moment, also when set after creation', async () => {
      const element = document.createElement('image-uploader');
      element.multiple = true;
      element.retry = { retries: 1, baseDelay: 20, maxDelay: 100 };
      document.body.append(element);
      await element.updateComplete;
      const { endpoint } = await stackInfo();
      const [alice, bob] = [await token('alice'), await token('bob')];
      element.endpoint = endpoint;
      element.getToken = () => alice;
      const owner = async (): Promise<string> => {
        const success = succeeds(element);
        element.addFiles([await makeJpeg()]);
        return (await success).detail.key.split('/')[1]!;
      };
      const first = await owner();
      element.getToken = () => bob;
      ok((await owner()) !== first, "bob's upload is under bob's owner prefix");
      element.endpoint = 'http://127.0.0.1:9';
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([await makeJpeg()]);
      equal((await failure).detail.code, 'ERR_NETWORK');
    });
  });

  describe('accessibility', () => {
    it('passes axe with files in every state, in light and dark', async () => {
      darkCapablePage();
      const element = await mount({ multiple: true, accept: 'image/jpeg' });
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([await makeJpeg(), new File(['x'], 'notes.txt', { type: 'text/plain' })]);
      await complete;
      await element.updateComplete;
      for (const colorScheme of ['light', 'dark'] as const) {
        await emulateMedia({ colorScheme });
        deepEqual(await axeViolations(element), [], colorScheme);
      }
    });

    it('announces progress and results in a live region', async () => {
      const element = await mount();
      const live = element.shadowRoot!.querySelector('[aria-live="polite"]')!;
      const success = succeeds(element);
      element.addFiles([await makeJpeg(8, 8, 'live.jpg')]);
      await success;
      await element.updateComplete;
      equal(live.textContent!.trim(), 'live.jpg: Uploaded');
      equal(part(element, 'drop-zone').tagName, 'BUTTON');
      equal(
        element.shadowRoot!.querySelector('[part="item done"] button')!.getAttribute('aria-label'),
        'Remove live.jpg',
      );
    });
  });

  describe('theming and languages', () => {
    it('follows the page colour scheme and takes custom properties', async () => {
      const element = await mount();
      await emulateMedia({ colorScheme: 'dark' });
      equal(border(element), 'rgb(100, 116, 139)', 'a page without color-scheme stays light');
      darkCapablePage();
      equal(border(element), 'rgb(148, 163, 184)');
      await emulateMedia({ colorScheme: 'light' });
      equal(border(element), 'rgb(100, 116, 139)');
      element.style.setProperty('--image-uploader-border', 'rgb(1, 2, 3)');
      equal(border(element), 'rgb(1, 2, 3)');
    });

    it('speaks the language of its lang attribute once registered, or custom strings', async () => {
      registerTranslation('de', de);
      const wrapper = document.createElement('div');
      wrapper.lang = 'de-AT';
      document.body.append(wrapper);
      const german = await mount({}, wrapper);
      ok(text(german).includes('Bilder auswählen'), text(german));
      const custom = await mount();
      custom.strings = { ...de, choose: 'Fotos wählen' };
      await custom.updateComplete;
      ok(text(custom).includes('Fotos wählen'));
    });
  });
});
