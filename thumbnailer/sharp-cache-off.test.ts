import sharp from 'sharp';
import { expect, it } from 'vitest';
import './render.js';

// Every image is new to a Lambda: libvips' operation cache would only hold up to 50 MB of memory
// the decoder budget (maxDecodedBytes) does not count.
it('turns sharp’s operation cache off when the renderer loads', () => {
  expect(sharp.cache()).toMatchObject({ memory: { max: 0 }, files: { max: 0 }, items: { max: 0 } });
});
