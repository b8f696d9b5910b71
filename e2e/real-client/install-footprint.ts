/**
 * What installing a package added to an app's `node_modules`: the package and its dependency
 * closure, read from npm's hidden lock file (`node_modules/.package-lock.json`), with the bytes of
 * each package's own files (nested `node_modules` are counted as their own packages).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  link?: boolean;
}

/** One installed package of the closure. */
export interface InstalledPackage {
  name: string;
  /** Its folder, relative to the app. */
  path: string;
  bytes: number;
}

/** Bytes of the files under `dir`, not descending into `node_modules`. */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/**
 * The installed closure of `name` in the app at `appDir`, resolving each dependency the way Node
 * does (the nearest `node_modules` upwards), peer dependencies included (npm installs them).
 */
export async function installFootprint(appDir: string, name: string): Promise<InstalledPackage[]> {
  const lock = JSON.parse(await readFile(join(appDir, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const resolve = (from: string, dependency: string): string | undefined => {
    for (let base = from; ; base = base.slice(0, base.lastIndexOf('/node_modules/'))) {
      const candidate = `${base}/node_modules/${dependency}`;
      if (lock.packages[candidate]) return candidate;
      if (!base.includes('/node_modules/')) break;
    }
    const top = `node_modules/${dependency}`;
    return lock.packages[top] ? top : undefined;
  };
  const seen = new Map<string, string>();
  const queue = [`node_modules/${name}`];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const entry = lock.packages[path];
    if (!entry) throw new Error(`${path} is not installed`);
    seen.set(path, path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const dependencies = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const dependency of Object.keys(dependencies)) {
      const resolved = resolve(path, dependency);
      if (resolved) queue.push(resolved);
    }
  }
  return Promise.all(
    [...seen].map(async ([path, packageName]) => ({
      name: packageName,
      path,
      bytes: await folderBytes(join(appDir, path)),
    })),
  );
}
