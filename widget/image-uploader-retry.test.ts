import type { ErrorCode } from '../contract/error-codes.js';
import { errorText } from './error-text.js';
import { de } from './i18n/de.js';
import { en } from './i18n/en.js';
import type { ImageUploader } from './image-uploader.js';
import { equal, ok } from './test-support/assert.js';
import { describe, it } from './test-support/mocha.js';
import { makeJpeg, mount, nextEvent, setFaults, withCleanStack } from './test-support/stack.js';

/** The signer answers the next ticket request with `status` and this error body. */
const signerRefuses = (status: number, error: Record<string, unknown>) =>
  setFaults([
    {
      target: 'signer',
      method: 'POST',
      match: '/v1/uploads',
      fault: { status, body: JSON.stringify({ error }) },
    },
  ]);

/** Adds `file`, waits for its failure and returns the code and the row's buttons' labels. */
async function fail(element: ImageUploader, file: File): Promise<{ code: ErrorCode; buttons: string[] }> {
  const failure = nextEvent(element, 'upload-error');
  element.addFiles([file]);
  const { code } = (await failure).detail;
  await element.updateComplete;
  const row = [...element.shadowRoot!.querySelectorAll('[part~="item"]')].at(-1)!;
  ok(row.getAttribute('part')!.includes('error'), 'the row shows an error');
  const buttons = [...row.querySelectorAll('button')].map((button) => button.getAttribute('aria-label')!);
  return { code, buttons };
}

const retry = (buttons: string[]): boolean => buttons.some((label) => label.startsWith('Retry'));

describe('<image-uploader>', () => {
  describe('the retry button', () => {
    withCleanStack();

    it('shows for a failure another try may pass (the signer unavailable)', async () => {
      const element = await mount({ multiple: true });
      element.retry = { retries: 0, baseDelay: 1, maxDelay: 1 };
      await signerRefuses(503, { code: 'ERR_STORAGE_UNAVAILABLE', message: 'Storage is unavailable.' });
      const { code, buttons } = await fail(element, await makeJpeg(8, 8, 'later.jpg'));
      equal(code, 'ERR_STORAGE_UNAVAILABLE');
      ok(retry(buttons), `a retry button: ${buttons.join(', ')}`);
    });

    it('does not show for a file that cannot be decoded', async () => {
      const element = await mount();
      const broken = new File(['not a jpeg at all'], 'broken.jpg', { type: 'image/jpeg' });
      const { code, buttons } = await fail(element, broken);
      equal(code, 'ERR_DECODE_FAILED');
      ok(!retry(buttons), buttons.join(', '));
      ok(
        buttons.some((label) => label.startsWith('Remove')),
        'it can still be removed',
      );
    });

    it('does not show for a type, a size or metadata the signer refuses', async () => {
      const refusals: [number, ErrorCode][] = [
        [415, 'ERR_TYPE_NOT_ALLOWED'],
        [413, 'ERR_FILE_TOO_LARGE'],
        [400, 'ERR_METADATA_INVALID'],
        [403, 'ERR_VISIBILITY_NOT_ALLOWED'],
      ];
      const element = await mount({ multiple: true });
      for (const [status, refused] of refusals) {
        await signerRefuses(status, { code: refused, message: 'Refused.' });
        const { code, buttons } = await fail(element, await makeJpeg(8, 8, `${refused}.jpg`));
        equal(code, refused);
        ok(!retry(buttons), `${refused}: ${buttons.join(', ')}`);
      }
    });

    it('does not show for a file refused before any network call (too large)', async () => {
      const element = await mount({ 'max-size': '10' });
      const { code, buttons } = await fail(element, await makeJpeg(8, 8, 'big.jpg'));
      equal(code, 'ERR_FILE_TOO_LARGE');
      ok(!retry(buttons), buttons.join(', '));
    });

    it('does not show for a full quota, whose message has no placeholders left', async () => {
      const element = await mount();
      await signerRefuses(403, {
        code: 'ERR_QUOTA_EXCEEDED',
        message: 'Quota exceeded: 1500000 of 2000000 bytes used.',
        unit: 'bytes',
        used: 1_500_000,
        limit: 2_000_000,
      });
      const { code, buttons } = await fail(element, await makeJpeg(8, 8, 'full.jpg'));
      equal(code, 'ERR_QUOTA_EXCEEDED');
      ok(!retry(buttons), buttons.join(', '));
      const status = element.shadowRoot!.querySelector('[part~="error"] [part="status"]')!.textContent!;
      ok(status && !status.includes('{'), status);
    });
  });

  describe('errorText', () => {
    const quota = { code: 'ERR_QUOTA_EXCEEDED', message: 'Quota exceeded.' } as const;

    it('words a full byte quota with sizes, and an image quota with counts', () => {
      equal(
        errorText(en, { ...quota, unit: 'bytes', used: 1_500_000, limit: 2_000_000 }, ''),
        'Your storage is full: 1.5 MB of 2 MB used.',
      );
      equal(
        errorText(en, { ...quota, unit: 'images', used: 40, limit: 50 }, ''),
        'Your storage is full: 40 of 50 used.',
      );
      const german = errorText(de, { ...quota, unit: 'bytes', used: 3e9, limit: 3e9 }, '');
      ok(german.includes('3 GB') && !german.includes('{'), german);
    });

    it("falls back to the error's own message when it lacks the figures its text needs", () => {
      equal(errorText(en, quota, ''), 'Quota exceeded.');
      equal(errorText(en, { code: 'ERR_DECODE_FAILED', message: 'x' }, ''), en.errors.ERR_DECODE_FAILED);
    });
  });
});
