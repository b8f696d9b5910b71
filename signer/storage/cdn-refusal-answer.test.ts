/**
 * What a caller gets when CloudFront cannot be told to drop an image's public copies: the 503 the
 * widget's and the demo's clients retry after `Retry-After`, and the message the demo's gallery
 * shows for a failed publish or delete (demo/shared/image-gallery.ts).
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '../../stack/free-port.js';
import { createCdnInvalidator } from './cdn-invalidator.js';

describe('createCdnInvalidator', () => {
  it('answers CloudFront out of reach with 503 ERR_STORAGE_UNAVAILABLE, Retry-After: 2 and a message people read', async () => {
    const invalidate = createCdnInvalidator({
      distributionId: 'E2QWRUHAPOMQZL',
      endpoint: `http://127.0.0.1:${await freePort()}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const failure = await invalidate(['/public/abc-jpg/*']).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'ERR_STORAGE_UNAVAILABLE',
      status: 503,
      headers: { 'Retry-After': '2' },
      message: 'The CDN could not be told to drop its copies; try again',
    });
  });
});
