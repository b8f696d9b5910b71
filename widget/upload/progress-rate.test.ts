/**
 * Byte progress is reported at most every `PROGRESS_MS` for all files together (each report
 * re-renders every row; bench/jank.ts), and each file's last report says all its bytes were sent.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { atLeast, equal } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import { bigJpeg, mount, withCleanStack } from '../test-support/stack.js';
import { PROGRESS_MS } from './uploader.js';

const MIB = 1024 * 1024;

describe('<image-uploader> progress rate', () => {
  withCleanStack();

  it('reports byte progress at most every 100 ms across files, and every file at 100 %', async () => {
    const element = await mount({ multiple: true });
    const files = await Promise.all([1, 2, 3].map((n) => bigJpeg(2 * MIB, `rate-${n}.jpg`, 60 + n)));
    const events: { at: number; file: File; loaded: number; total: number }[] = [];
    element.addEventListener('upload-progress', ({ detail }) =>
      events.push({ at: performance.now(), file: detail.file, loaded: detail.loaded, total: detail.total }),
    );
    // Three files sent at once over ~3 s: the browser fires each one's `progress` every 50 ms.
    await executeServerCommand('throttle-upload', { bytesPerSecond: 2 * MIB });
    try {
      const complete = new Promise((resolve) => element.addEventListener('upload-complete', resolve));
      element.addFiles(files);
      await complete;
    } finally {
      await executeServerCommand('throttle-upload', { bytesPerSecond: -1 });
    }
    const partial = events.filter((event) => event.loaded < event.total);
    atLeast(partial.length, 8, `only ${partial.length} reports while the files were sent`);
    for (let i = 1; i < partial.length; i++) {
      const gap = partial[i]!.at - partial[i - 1]!.at;
      // Date.now() has whole milliseconds: a report may come a fraction of one early by this clock.
      atLeast(gap, PROGRESS_MS - 2, `report ${i} came ${gap.toFixed(1)} ms after the one before`);
    }
    for (const file of files) {
      const last = events.filter((event) => event.file === file).at(-1)!;
      equal(last.loaded, last.total, `${file.name}: its last report`);
    }
  });
});
