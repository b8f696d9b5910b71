import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';

/** A fixed timestamp, so the same files always give the same zip (and the same CDK asset hash). */
const MTIME = new Date('2000-01-01T00:00:00Z');
/** Unix `-rw-r--r--`: Lambda unpacks as another user, so files must be world-readable. */
const UNIX = { os: 3, attrs: 0o644 << 16 } as const;

/**
 * Zips a folder deterministically (sorted entries, fixed times, 0644) in pure JavaScript, so no
 * `zip` binary is needed. Symbolic links are refused: Lambda's unzip would not restore them.
 * @param folder the folder whose contents become the zip's root
 * @param zipFile where to write the archive
 * @returns the archive's size in bytes
 * @throws {Error} with code `ERR_SYMLINK_IN_ZIP` when the folder holds a symbolic link.
 */
export async function zipFolder(folder: string, zipFile: string): Promise<number> {
  const entries: Zippable = {};
  for (const file of await listFiles(folder)) {
    const name = relative(folder, file).split(sep).join('/');
    entries[name] = [await readFile(file), { mtime: MTIME, ...UNIX }];
  }
  const archive = zipSync(entries, { level: 9 });
  await writeFile(zipFile, archive);
  return archive.byteLength;
}

async function listFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  const names = (await readdir(folder)).sort();
  for (const name of names) {
    const path = join(folder, name);
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) {
      throw Object.assign(new Error(`Refusing to zip the symbolic link ${path}`), {
        code: 'ERR_SYMLINK_IN_ZIP',
      });
    }
    if (stats.isDirectory()) files.push(...(await listFiles(path)));
    else if (stats.isFile()) files.push(path);
  }
  return files;
}
