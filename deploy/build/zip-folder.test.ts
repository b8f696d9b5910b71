import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFolder } from './zip-folder.js';

describe('zipFolder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zip-folder-test-'));
    await mkdir(join(dir, 'in', 'lib'), { recursive: true });
    await writeFile(join(dir, 'in', 'index.mjs'), 'export const handler = () => 1;\n');
    await writeFile(join(dir, 'in', 'lib', 'data.bin'), new Uint8Array([0, 1, 2, 255]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('zips nested files with forward-slash names and intact bytes', async () => {
    const bytes = await zipFolder(join(dir, 'in'), join(dir, 'a.zip'));
    const files = unzipSync(await readFile(join(dir, 'a.zip')));
    expect(Object.keys(files).sort()).toEqual(['index.mjs', 'lib/data.bin']);
    expect([...files['lib/data.bin']!]).toEqual([0, 1, 2, 255]);
    expect(bytes).toBe((await readFile(join(dir, 'a.zip'))).byteLength);
  });

  it('gives byte-identical zips for the same files (stable CDK asset hashes)', async () => {
    await zipFolder(join(dir, 'in'), join(dir, 'b.zip'));
    await zipFolder(join(dir, 'in'), join(dir, 'c.zip'));
    expect(Buffer.compare(await readFile(join(dir, 'b.zip')), await readFile(join(dir, 'c.zip')))).toBe(0);
  });

  it('refuses symbolic links', async () => {
    await mkdir(join(dir, 'linked'));
    await symlink(join(dir, 'in', 'index.mjs'), join(dir, 'linked', 'index.mjs'));
    await expect(zipFolder(join(dir, 'linked'), join(dir, 'd.zip'))).rejects.toMatchObject({
      code: 'ERR_SYMLINK_IN_ZIP',
    });
  });
});
