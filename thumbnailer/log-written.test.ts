import { describe, expect, it } from 'vitest';
import { solid } from './test-support/images.js';
import { BUCKET, useLocalBucket } from './test-support/local-bucket.js';
import { s3Event } from './test-support/s3.js';

const bucket = useLocalBucket();

// The entry an operator reads for each finished image: which files were written, and which public
// copies, by file name; a private image has no `published` field at all.
describe('the log entry of a finished image', () => {
  it('names the thumbnails written for a private image, and no public copies', async () => {
    const png = await bucket.upload('log-w', 'png', await solid(80, 40, 'png'));
    await bucket.handler({ THUMBNAIL_WIDTHS: '32,64' })(s3Event(BUCKET, png));
    expect(bucket.logs).toEqual([
      {
        level: 'info',
        message: 'thumbnails written',
        key: png.key,
        outputs: ['32.webp', '32.jpg', '64.webp', '64.jpg'],
        ms: expect.any(Number),
      },
    ]);
  });

  it('names the public copies of a public image', async () => {
    const png = await bucket.upload('log-p', 'png', await solid(80, 40, 'png'), 'public');
    await bucket.handler({ THUMBNAIL_WIDTHS: '64' })(s3Event(BUCKET, png));
    expect(bucket.logs).toEqual([
      expect.objectContaining({
        message: 'thumbnails written',
        outputs: ['64.webp', '64.jpg'],
        published: [`public/${png.id}/64.webp`, `public/${png.id}/64.jpg`],
      }),
    ]);
  });
});
