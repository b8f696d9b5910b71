import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { bundleLambda } from './bundle.js';
import { installSharp, pinnedSharpVersion } from './install-sharp.js';
import type { NpmCpu } from './install-sharp.js';
import { zipFolder } from './zip-folder.js';

/** Options of {@link buildLambdas}. */
export interface BuildLambdasOptions {
  /** Where the zips go (default `dist/lambda`). */
  outDir?: string;
  /** Target CPU of the thumbnailer's native sharp binaries (default `arm64`). */
  cpu?: NpmCpu;
  /** Entry modules (default `signer/lambda.ts`, `thumbnailer/handler.ts`, `events/notifier-lambda.ts`). */
  signerEntry?: string;
  thumbnailerEntry?: string;
  notifierEntry?: string;
}

/** What was built: each zip's path and size in bytes. */
export interface BuildResult {
  signer: { zip: string; bytes: number };
  thumbnailer: { zip: string; bytes: number };
  notifier: { zip: string; bytes: number };
  architecture: 'arm64' | 'x86_64';
}

/**
 * Builds the Lambda packages:
 * - `signer.zip`: `index.mjs` (+ source map and licences), everything bundled, no `node_modules`;
 * - `thumbnailer.zip`: the same, with `sharp` left out of the bundle and installed into
 *   `node_modules` for Linux glibc on the target CPU;
 * - `notifier.zip`: the webhook notifier, bundled like the signer (pure JavaScript, any CPU).
 * Also writes `build-info.json` so the CDK app can refuse zips built for the other architecture.
 * @throws {Error} when esbuild or npm fails; `ERR_SYMLINK_IN_ZIP` when a package has a symlink.
 */
export async function buildLambdas(options: BuildLambdasOptions = {}): Promise<BuildResult> {
  const outDir = options.outDir ?? join(REPO_ROOT, 'dist', 'lambda');
  const cpu = options.cpu ?? 'arm64';
  const architecture = cpu === 'arm64' ? 'arm64' : 'x86_64';
  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'lambda-build-'));
  try {
    const bundled = async (name: string, entry: string): Promise<{ zip: string; bytes: number }> => {
      await bundleLambda({ entry, outfile: join(work, name, 'index.mjs') });
      const zip = join(outDir, `${name}.zip`);
      return { zip, bytes: await zipFolder(join(work, name), zip) };
    };
    const signer = await bundled('signer', options.signerEntry ?? join(REPO_ROOT, 'signer', 'lambda.ts'));
    const notifier = await bundled(
      'notifier',
      options.notifierEntry ?? join(REPO_ROOT, 'events', 'notifier-lambda.ts'),
    );

    const thumbnailerDir = join(work, 'thumbnailer');
    await mkdir(thumbnailerDir);
    await installSharp(
      thumbnailerDir,
      await pinnedSharpVersion(join(REPO_ROOT, 'thumbnailer', 'package.json')),
      cpu,
    );
    await bundleLambda({
      entry: options.thumbnailerEntry ?? join(REPO_ROOT, 'thumbnailer', 'handler.ts'),
      outfile: join(thumbnailerDir, 'index.mjs'),
      external: ['sharp'],
    });
    const thumbnailerZip = join(outDir, 'thumbnailer.zip');
    const thumbnailerBytes = await zipFolder(thumbnailerDir, thumbnailerZip);

    const result: BuildResult = {
      signer,
      thumbnailer: { zip: thumbnailerZip, bytes: thumbnailerBytes },
      notifier,
      architecture,
    };
    await writeFile(join(outDir, 'build-info.json'), JSON.stringify({ architecture }, null, 2) + '\n');
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
