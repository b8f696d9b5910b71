import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import { deepEqual, equal, ok } from './test-support/assert.js';
import { axeViolations } from './test-support/axe.js';
import { describe, it } from './test-support/mocha.js';
import { contains, jpegWithExif } from './test-support/exif-fixture.js';
import {
  mount,
  readObject,
  record,
  setFaults,
  succeeds,
  waitFor,
  withCleanStack,
} from './test-support/stack.js';
import type { ImageUploader } from './image-uploader.js';

/** Red, green / blue, yellow: the quadrants of `quadrants()`. */
const RED = [255, 0, 0];
const GREEN = [0, 255, 0];
const BLUE = [0, 0, 255];
const YELLOW = [255, 255, 0];

/** A 400 × 200 PNG in four coloured quadrants (red, green on top; blue, yellow below). */
async function quadrants(name = 'quadrants.png'): Promise<File> {
  const canvas = new OffscreenCanvas(400, 200);
  const context = canvas.getContext('2d')!;
  [RED, GREEN, BLUE, YELLOW].forEach(([r, g, b], index) => {
    context.fillStyle = `rgb(${r} ${g} ${b})`;
    context.fillRect((index % 2) * 200, Math.floor(index / 2) * 100, 200, 100);
  });
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

/** The stored image: its type, size and the colours at `points`. */
async function stored(key: string, points: [number, number][]) {
  const bytes = await readObject(key);
  const png = bytes[0] === 0x89 && bytes[1] === 0x50;
  const bitmap = await createImageBitmap(new Blob([bytes]));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const colours = points.map(([x, y]) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]);
  return { png, width: bitmap.width, height: bitmap.height, colours };
}

/** The open editor dialog of `element`, once it is shown. */
async function dialogOf(element: ImageUploader): Promise<HTMLDialogElement> {
  let dialog: HTMLDialogElement | null | undefined;
  await waitFor(
    () =>
      (dialog = element
        .shadowRoot!.querySelector('[exportparts]')
        ?.shadowRoot?.querySelector('dialog[open]')),
    10_000,
    'the editor dialog',
  );
  return dialog!;
}

const press = async (key: string, times = 1) => {
  for (let i = 0; i < times; i++) await sendKeys({ press: key });
};

describe('<image-uploader editor>', () => {
  withCleanStack();

  it('does not fetch the editor chunk without `editor`', async () => {
    const element = await mount();
    const success = succeeds(element);
    element.addFiles([await quadrants()]);
    await success;
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    ok(!fetched.some((name) => /\/editor-chunk\.[jt]s/.test(name)), fetched.join('\n'));
    equal(element.shadowRoot!.querySelector('[exportparts]'), null);
  });

  it('crops, resizes and rotates from the keyboard, and uploads those pixels', async () => {
    const element = await mount({ editor: true, 'crop-aspect-ratio': '1' });
    const success = succeeds(element);
    element.addFiles([await quadrants()]);
    const dialog = await dialogOf(element);
    equal(dialog.getAttribute('aria-label'), 'Edit quadrants.png');
    const box = dialog.querySelector('[role="slider"]')!;
    equal((dialog.getRootNode() as ShadowRoot).activeElement, box, 'the crop box has the focus');
    // A 200 × 200 square in the middle of 400 × 200; arrows step 1 % of the shorter side (2 px).
    equal(box.getAttribute('aria-valuetext'), '200 by 200 pixels, 100 from the left, 0 from the top');
    await press('ArrowLeft', 60);
    await sendKeys({ down: 'Shift' });
    await press('ArrowUp', 25);
    await sendKeys({ up: 'Shift' });
    equal(box.getAttribute('aria-valuetext'), '150 by 150 pixels, 0 from the left, 0 from the top');
    await press('r');
    await waitFor(() => dialog.querySelector('[role="status"]')!.textContent === 'Rotated 90 degrees');
    await press('Enter');
    const { detail } = await success;
    equal(dialog.isConnected, false, 'the dialog is gone');
    // Turned clockwise, the left half's red top goes right and its blue bottom left.
    const image = await stored(detail.key, [
      [25, 75],
      [100, 75],
    ]);
    deepEqual(image, { png: true, width: 150, height: 150, colours: [BLUE, RED] });
    deepEqual(detail.uploaded, { width: 150, height: 150 });
  });

  it('edits the upright JPEG and uploads a JPEG without its metadata', async () => {
    const element = await mount({ editor: true });
    const success = succeeds(element);
    // 64 × 48 stored pixels with orientation 6 (turn clockwise): 48 × 64 upright.
    element.addFiles([await jpegWithExif(6, 64, 48)]);
    const dialog = await dialogOf(element);
    const box = dialog.querySelector('[role="slider"]')!;
    equal(box.getAttribute('aria-valuetext'), '48 by 64 pixels, 0 from the left, 0 from the top');
    await press('r');
    equal(box.getAttribute('aria-valuetext'), '64 by 48 pixels, 0 from the left, 0 from the top');
    await press('Enter');
    const { detail } = await success;
    const bytes = await readObject(detail.key);
    deepEqual([bytes[0], bytes[1], bytes[2]], [0xff, 0xd8, 0xff], 'a JPEG');
    ok(!contains(bytes, 'SECRET'), 'no EXIF, GPS or XMP');
    const bitmap = await createImageBitmap(new Blob([bytes]));
    deepEqual([bitmap.width, bitmap.height], [64, 48]);
  });

  it('moves the box by pointer drag and flips', async () => {
    const element = await mount({ editor: true, 'crop-aspect-ratio': '1' });
    const success = succeeds(element);
    element.addFiles([await quadrants()]);
    const dialog = await dialogOf(element);
    const button = (text: string) =>
      [...dialog.querySelectorAll('button')].find((candidate) => candidate.textContent === text)!;
    button('Flip').click();
    const box = dialog.querySelector<HTMLElement>('[role="slider"]')!;
    const { x, y, width, height } = box.getBoundingClientRect();
    const centre = [Math.round(x + width / 2), Math.round(y + height / 2)] as [number, number];
    await sendMouse({ type: 'move', position: centre });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [centre[0] - 150, centre[1]] });
    await sendMouse({ type: 'move', position: [Math.max(0, centre[0] - 400), centre[1]] });
    await sendMouse({ type: 'up' });
    equal(box.getAttribute('aria-valuetext'), '200 by 200 pixels, 0 from the left, 0 from the top');
    button('Apply').click();
    const { detail } = await success;
    // Mirrored, the right half (green over yellow) is now on the left.
    const image = await stored(detail.key, [
      [100, 50],
      [100, 150],
    ]);
    deepEqual(image, { png: true, width: 200, height: 200, colours: [GREEN, YELLOW] });
  });

  it('moves the box and resizes it from a corner by touch, and uploads those pixels', async () => {
    const element = await mount({ editor: true, 'crop-aspect-ratio': '1' });
    const success = succeeds(element);
    element.addFiles([await quadrants()]);
    const dialog = await dialogOf(element);
    const box = dialog.querySelector<HTMLElement>('[role="slider"]')!;
    const start = box.getBoundingClientRect();
    // Page pixels per pixel of the image: the box starts 200 pixels wide.
    const scale = start.width / 200;
    const centre = [start.x + start.width / 2, start.y + start.height / 2];
    // A finger drags the box 150 pixels left, past the image's edge, where it stops.
    const touch = (points: number[][]) => executeServerCommand('touch', { points });
    await touch([centre, [centre[0]! - 75 * scale, centre[1]!], [centre[0]! - 150 * scale, centre[1]!]]);
    equal(box.getAttribute('aria-valuetext'), '200 by 200 pixels, 0 from the left, 0 from the top');
    // Then the bottom-right handle to 100, 60: the top-left corner stays, the ratio keeps it square.
    const moved = box.getBoundingClientRect();
    await touch([
      [moved.right - 2, moved.bottom - 2],
      [moved.x + 150 * scale, moved.y + 100 * scale],
      [moved.x + 100 * scale, moved.y + 60 * scale],
    ]);
    equal(box.getAttribute('aria-valuetext'), '100 by 100 pixels, 0 from the left, 0 from the top');
    await press('Enter');
    const { detail } = await success;
    const image = await stored(detail.key, [
      [5, 5],
      [95, 95],
    ]);
    deepEqual(image, { png: true, width: 100, height: 100, colours: [RED, RED] });
  });

  it('Reset undoes the moves, the turn and the flip', async () => {
    const element = await mount({ editor: true, 'crop-aspect-ratio': '1' });
    const success = succeeds(element);
    element.addFiles([await quadrants()]);
    const dialog = await dialogOf(element);
    const box = dialog.querySelector('[role="slider"]')!;
    const centred = '200 by 200 pixels, 100 from the left, 0 from the top';
    equal(box.getAttribute('aria-valuetext'), centred);
    await press('ArrowLeft', 10);
    await press('r');
    await press('f');
    ok(box.getAttribute('aria-valuetext') !== centred, 'moved and turned');
    const button = (text: string) =>
      [...dialog.querySelectorAll('button')].find((candidate) => candidate.textContent === text)!;
    button('Reset').click();
    equal(box.getAttribute('aria-valuetext'), centred);
    button('Apply').click();
    const { detail } = await success;
    // The middle square as it is: red, green over blue, yellow.
    const image = await stored(detail.key, [
      [50, 50],
      [150, 50],
      [50, 150],
      [150, 150],
    ]);
    deepEqual(image, { png: true, width: 200, height: 200, colours: [RED, GREEN, BLUE, YELLOW] });
  });

  it('passes axe: a labelled modal dialog, a labelled and described crop box, named buttons', async () => {
    const element = await mount({ editor: true });
    element.addFiles([await quadrants()]);
    const dialog = await dialogOf(element);
    deepEqual(await axeViolations(dialog), []);
    const box = dialog.querySelector('[role="slider"]')!;
    equal(box.getAttribute('aria-label'), 'Crop area');
    const root = dialog.getRootNode() as ShadowRoot;
    ok(root.getElementById(box.getAttribute('aria-describedby')!)?.textContent, 'the key help');
    await press('Escape');
  });

  it('leaves the file out when Escape cancels', async () => {
    const element = await mount({ editor: true, multiple: true });
    const added = record(element, 'upload-add');
    element.addFiles([await quadrants('first.png'), await quadrants('second.png')]);
    const first = await dialogOf(element);
    await press('Escape');
    // The queue goes on: the second file's dialog opens, and Enter adds it as it is.
    await waitFor(() => !first.isConnected);
    const second = await dialogOf(element);
    equal(second.getAttribute('aria-label'), 'Edit second.png');
    const success = succeeds(element);
    await press('Enter');
    const { detail } = await success;
    deepEqual(
      added.map((event) => event.detail.file.name),
      ['second.png'],
    );
    deepEqual(
      element.items.map((item) => item.file.name),
      ['second.png'],
    );
    const image = await stored(detail.key, [[300, 150]]);
    deepEqual(image, { png: true, width: 400, height: 200, colours: [YELLOW] });
  });

  it('edits a queued file from its Edit button, which waits out of the queue meanwhile', async () => {
    const element = await mount({ editor: true, multiple: true, concurrency: '1' });
    await setFaults([{ target: 's3', method: 'PUT', fault: { delay: 2500 } }]);
    const errors = record(element, 'upload-error');
    const successes = record(element, 'upload-success');
    element.addFiles([await quadrants('first.png'), await quadrants('second.png')]);
    await dialogOf(element);
    await press('Enter');
    await waitFor(() => element.items.length === 1);
    const secondDialog = await dialogOf(element);
    equal(secondDialog.getAttribute('aria-label'), 'Edit second.png');
    await press('Enter');
    await waitFor(() => element.items[1]?.status === 'queued');
    const row = element.shadowRoot!.querySelectorAll('[part~="item"]')[1]!;
    ok(!element.shadowRoot!.querySelectorAll('[part~="item"]')[0]!.querySelector('[aria-label^="Edit"]'));
    (row.querySelector('[aria-label="Edit second.png"]') as HTMLButtonElement).click();
    const dialog = await dialogOf(element);
    // The first upload finishes while the dialog is open; the held file does not start.
    await waitFor(() => successes.length === 1, 10_000, 'the first upload');
    equal(element.items[1]!.status, 'queued');
    await press('r');
    await press('Enter');
    await waitFor(() => successes.length === 2, 10_000, 'the edited upload');
    ok(!dialog.isConnected);
    deepEqual(errors, [], 'holding the file out of the queue is no error');
    deepEqual(
      element.items.map((item) => [item.file.name, item.status]),
      [
        ['first.png', 'done'],
        ['second.png', 'done'],
      ],
    );
    const image = await stored(successes[1]!.detail.key, [[50, 300]]);
    // 400 × 200 turned clockwise: 200 × 400, the bottom-right yellow quadrant now bottom-left.
    deepEqual(image, { png: true, width: 200, height: 400, colours: [YELLOW] });
  });

  it('loads editor-chunk.js from beside the script-tag build (run `npm run build` first)', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><body><script src="/widget/dist/image-uploader.js"></script></body>`;
    document.body.append(frame);
    await waitFor(() => frame.contentWindow?.customElements?.get('image-uploader'), 10_000, 'the build');
    const element = frame.contentDocument!.createElement('image-uploader') as ImageUploader;
    element.setAttribute('editor', '');
    element.setAttribute('crop-aspect-ratio', '16/9');
    frame.contentDocument!.body.append(element);
    await element.updateComplete;
    // A File of this page: the frame's element takes it as any other.
    element.addFiles([await quadrants()]);
    const dialog = await dialogOf(element);
    const box = dialog.querySelector('[role="slider"]')!;
    equal(box.getAttribute('aria-valuetext'), '356 by 200 pixels, 22 from the left, 0 from the top');
    const fetched = frame.contentWindow!.performance.getEntriesByType('resource').map((entry) => entry.name);
    ok(
      fetched.some((name) => name.endsWith('/widget/dist/editor-chunk.js')),
      fetched.join('\n'),
    );
    (dialog.querySelector('button:not(.apply):nth-child(5)') as HTMLButtonElement).click();
    await waitFor(() => !dialog.isConnected);
    equal(element.items.length, 0, 'Cancel leaves the file out');
    frame.remove();
  });
});
