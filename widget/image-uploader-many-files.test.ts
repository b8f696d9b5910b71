import type { ImageUploader } from './image-uploader.js';
import './image-uploader.js';
import { deepEqual, ok } from './test-support/assert.js';
import { afterEach, describe, it } from './test-support/mocha.js';

/**
 * Many files at once are added in slices of a few milliseconds, one task each, so that dropping
 * 100 photos never blocks the page (bench/jank.ts measures the long tasks; here, what the slices
 * must keep). The files are refused by type (`accept="image/png"`, text files), so no upload runs
 * and each file's `upload-error` tells when it was added.
 */
describe('<image-uploader> adding many files at once', () => {
  const COUNT = 3000;
  const files = Array.from({ length: COUNT }, (_, i) => new File(['x'], `${i}.txt`, { type: 'text/plain' }));
  let element: ImageUploader | undefined;

  afterEach(() => element?.remove());

  /** An element refusing text files, and the names of the files it has added so far. */
  function refusingElement(attributes: Record<string, string> = {}): {
    element: ImageUploader;
    added: string[];
  } {
    element = document.createElement('image-uploader');
    element.multiple = true;
    element.setAttribute('accept', 'image/png');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    const added: string[] = [];
    element.addEventListener('upload-error', (event) => added.push(event.detail.file.name));
    document.body.append(element);
    return { element, added };
  }

  const settled = (added: string[], count: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): unknown => (added.length >= count ? resolve() : setTimeout(check, 20));
      check();
    });

  it('adds some now and the rest in later tasks, every file once and in order', async () => {
    const { element, added } = refusingElement();
    element.addFiles(files);
    const now = added.length;
    ok(now > 0 && now < COUNT, `a first slice now, not all ${COUNT} (added ${now})`);
    await settled(added, COUNT);
    deepEqual(
      added,
      files.map((file) => file.name),
    );
  });

  it('drops the files not yet added when removed with on-disconnect="cancel"', async () => {
    const { element, added } = refusingElement({ 'on-disconnect': 'cancel' });
    element.addFiles(files);
    const now = added.length;
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 300));
    deepEqual(added.length, now);
  });

  it('adds them all when removed with on-disconnect="continue" (the default)', async () => {
    const { element, added } = refusingElement();
    element.addFiles(files);
    element.remove();
    await settled(added, COUNT);
    deepEqual(added.length, COUNT);
  });
});
