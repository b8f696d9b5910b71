import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decoderMemory, readHeader } from './render.js';

describe('decoder memory of a progressive CMYK JPEG', () => {
  it('counts a 4:2:0:4 CMYK (two planes at a quarter) like a subsampled one: one plane less', async () => {
    const cmyk = await sharp({ create: { width: 32, height: 16, channels: 3, background: '#2a6' } })
      .toColourspace('cmyk')
      .jpeg({ progressive: true })
      .toBuffer();
    // ITU T.81 B.2.2: in the SOF2 segment, each component's H×V sampling byte follows its id;
    // 2×2 on the first and the fourth (C and K) is what sharp reports as 4:2:0:4.
    const sof = cmyk.indexOf(Buffer.from([0xff, 0xc2]));
    cmyk[sof + 11] = 0x22;
    cmyk[sof + 20] = 0x22;
    const header = await readHeader(cmyk);
    expect([header.channels, header.chromaSubsampling]).toEqual([4, '4:2:0:4']);
    expect(decoderMemory('jpeg', header)).toBe(32 * 16 * 3 * 2);
  });
});
