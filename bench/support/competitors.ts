/**
 * The competitors live in bench/package.json, apart from the project's own dependencies: they
 * are measured, never shipped. `ensureCompetitors()` installs them on first use (about 10 s).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const benchDir = join(import.meta.dirname, '..');
const manifest = join(benchDir, 'package.json');
const installed = join(benchDir, 'node_modules', '.package-lock.json');

/** Installs bench/package.json's packages unless bench/node_modules is already up to date. */
export function ensureCompetitors(): void {
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(manifest).mtimeMs) return;
  console.log('installing the competitors (bench/package.json)…');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: benchDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** The installed version of a competitor package, e.g. competitorVersion('@uppy/core'). */
export function competitorVersion(name: string): string {
  const file = join(benchDir, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The installed version of one of the project's own packages, e.g. ownVersion('hono'). */
export function ownVersion(name: string): string {
  const file = join(benchDir, '..', 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
