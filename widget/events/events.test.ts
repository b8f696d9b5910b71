import { deepEqual, equal, ok } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import type { AppMetadata } from '../upload/signer-client.js';
import type { UploadItem } from '../upload/uploader.js';
import {
  UploadAddEvent,
  UploadCompleteEvent,
  UploadErrorEvent,
  UploadProgressEvent,
  UploadStartEvent,
  UploadSuccessEvent,
} from './index.js';

/** Compiles only when `A` and `B` are the same type: the checks below run in `tsc`, not in the browser. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(check: Same<A, B>): Same<A, B> => check;

describe('events', () => {
  const file = new File(['x'], 'a.jpg', { type: 'image/jpeg' });
  const item: UploadItem = { file, status: 'queued', loaded: 0, total: 1, multipart: false };

  it('each has its name, its detail, bubbles and is composed', () => {
    const events = [
      new UploadAddEvent({ file, item }),
      new UploadStartEvent({ file, item }),
      new UploadProgressEvent({ file, item, loaded: 0, total: 1, overall: 0 }),
      new UploadSuccessEvent({ file, id: 'i', key: 'k' }),
      new UploadErrorEvent({ code: 'ERR_NETWORK', message: 'm', file }),
      new UploadCompleteEvent({ succeeded: [], failed: [] }),
    ];
    deepEqual(
      events.map((event) => event.type),
      ['upload-add', 'upload-start', 'upload-progress', 'upload-success', 'upload-error', 'upload-complete'],
    );
    for (const event of events) {
      ok(event instanceof Event);
      ok(event.bubbles && event.composed, event.type);
      ok(event.detail, event.type);
    }
    const detail = { file, id: 'i', key: 'k' };
    const success = new UploadSuccessEvent(detail);
    equal(success.detail, detail);
    ok(success instanceof UploadSuccessEvent);
    ok(!((success as Event) instanceof UploadErrorEvent));
  });

  it('are typed in the element event maps', () => {
    ok(same<HTMLElementEventMap['upload-add'], UploadAddEvent>(true));
    ok(same<HTMLElementEventMap['upload-add']['detail']['metadata'], AppMetadata | undefined>(true));
    ok(same<GlobalEventHandlersEventMap['upload-start'], UploadStartEvent>(true));
    ok(same<HTMLElementEventMap['upload-progress']['detail']['overall'], number>(true));
    ok(same<HTMLElementEventMap['upload-success']['detail']['key'], string>(true));
    ok(same<HTMLElementEventMap['upload-error'], UploadErrorEvent>(true));
    ok(same<HTMLElementEventMap['upload-complete']['detail']['failed'][number]['file'], File>(true));
  });
});
