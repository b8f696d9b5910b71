import { deepEqual, equal, ok } from './test-support/assert.js';
import { afterEach, describe, it } from './test-support/mocha.js';
import { makeJpeg, mount, nextEvent, succeeds, waitFor } from './test-support/stack.js';
import type { ImageUploader } from './image-uploader.js';

const part = (element: ImageUploader, name: string): HTMLElement =>
  element.shadowRoot!.querySelector(`[part~="${name}"]`)!;

describe('<image-uploader>', () => {
  afterEach(() => document.body.replaceChildren());

  describe('form association', () => {
    it('puts the uploaded keys in FormData under its name', async () => {
      const form = document.createElement('form');
      document.body.append(form);
      const element = await mount({ name: 'photos', multiple: true }, form);
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([await makeJpeg(8, 8, 'one.jpg'), await makeJpeg(9, 9, 'two.jpg')]);
      await complete;
      await element.updateComplete;
      equal(element.form, form);
      deepEqual(new FormData(form).getAll('photos'), element.value);
      equal(element.value.length, 2);
      let submitted: FormData | undefined;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        submitted = new FormData(form);
      });
      form.requestSubmit();
      deepEqual(submitted?.getAll('photos'), element.value);
    });

    it('is required until a file is uploaded, blocks submit while uploading, and resets', async () => {
      const form = document.createElement('form');
      document.body.append(form);
      const element = await mount({ name: 'photo', required: true }, form);
      ok(!form.checkValidity());
      ok(element.validity.valueMissing);
      let submits = 0;
      form.addEventListener('submit', (event) => (event.preventDefault(), submits++));
      form.requestSubmit();
      equal(submits, 0, 'native validation stops the submit');

      const success = succeeds(element);
      element.addFiles([await makeJpeg()]);
      await element.updateComplete;
      ok(element.validity.customError, 'busy while uploading');
      await success;
      await element.updateComplete;
      ok(form.checkValidity());
      form.requestSubmit();
      equal(submits, 1);

      const changed = nextEvent(element, 'change');
      form.reset();
      await changed;
      await element.updateComplete;
      deepEqual(element.value, []);
      equal(element.items.length, 0);
      ok(element.validity.valueMissing);
      equal(new FormData(form).get('photo'), null);
    });

    it('is disabled by a disabled fieldset', async () => {
      const fieldset = document.createElement('fieldset');
      document.body.append(fieldset);
      const element = await mount({}, fieldset);
      fieldset.disabled = true;
      await element.updateComplete;
      await waitFor(() => (part(element, 'drop-zone') as HTMLButtonElement).disabled, 1000, 'disabled');
      element.addFiles([await makeJpeg()]);
      equal(element.items.length, 0);
    });
  });
});
