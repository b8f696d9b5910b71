import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Lambda architectures, named as npm's `--cpu` names them. */
export type NpmCpu = 'arm64' | 'x64';

/**
 * Installs `sharp` with only the prebuilt libvips binaries for Linux (glibc) on `cpu` into
 * `folder/node_modules`, whatever machine this runs on: npm picks the optional `@img/*` platform
 * packages by `--os/--cpu/--libc` instead of by the host. Install scripts are skipped (they would
 * try to build for the host); `.bin` links and npm's lock file are removed so the tree has no
 * symbolic links.
 * @param folder an empty folder (becomes the Lambda package root)
 * @param version exact sharp version, e.g. the repository's pin
 * @param cpu target CPU (default `arm64`)
 */
export async function installSharp(folder: string, version: string, cpu: NpmCpu = 'arm64'): Promise<void> {
  await writeFile(
    join(folder, 'package.json'),
    JSON.stringify({
      name: 'thumbnailer-lambda',
      private: true,
      type: 'module',
      dependencies: { sharp: version },
    }),
  );
  await run(
    'npm',
    [
      'install',
      '--os=linux',
      `--cpu=${cpu}`,
      '--libc=glibc',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--install-links',
      '--loglevel=error',
    ],
    {
      cwd: folder,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    },
  );
  await rm(join(folder, 'node_modules', '.bin'), { recursive: true, force: true });
  await rm(join(folder, 'node_modules', '.package-lock.json'), { force: true });
}

/**
 * The exact sharp version the repository pins, so the Lambda runs what the tests ran.
 * @param packageJson path of the thumbnailer's package.json (thumbnailer/package.json)
 */
export async function pinnedSharpVersion(packageJson: string): Promise<string> {
  const pkg = JSON.parse(await readFile(packageJson, 'utf8')) as { dependencies?: Record<string, string> };
  const version = pkg.dependencies?.sharp;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new TypeError(`Expected package.json to pin sharp to an exact version, got ${version}`);
  }
  return version;
}
