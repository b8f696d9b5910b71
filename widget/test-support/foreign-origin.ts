/**
 * A page the tests open on another origin than theirs (127.0.0.1 for localhost), which the
 * signer does not allow: it adds one photo to an `<image-uploader>` and posts the element's
 * `upload-error` detail and the text its row shows to the parent page.
 */
import { makeJpeg, mount, nextEvent } from './stack.js';

/** What the page posts to its parent. */
export interface ForeignOriginReport {
  origin: string;
  code: string;
  message: string;
  /** The file row's status text. */
  shown: string;
  /** Milliseconds from adding the file to the error. */
  elapsed: number;
}

const element = await mount();
const failure = nextEvent(element, 'upload-error');
const started = performance.now();
element.addFiles([await makeJpeg(8, 8, 'elsewhere.jpg')]);
const { detail } = await failure;
const elapsed = performance.now() - started;
await element.updateComplete;
const shown = element.shadowRoot!.querySelector('[part~="error"] [part="status"]')!.textContent!;
const report: ForeignOriginReport = { origin: location.origin, ...detail, shown, elapsed };
parent.postMessage(report, '*');
