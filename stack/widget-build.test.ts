/**
 * One build of the widget: `ensureWidgetBuild()`, which the end-to-end tests, the radosgw lane,
 * the benchmarks and `npm start` call, must write the very `widget/dist/` that `npm run build`
 * writes from a shell, even from inside vitest, where NODE_ENV is `test` (Vite would then bundle
 * Lit's development build: a bigger script that fails the size budget on the next run).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WIDGET_DIST, ensureWidgetBuild } from './widget-build.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const script = join(WIDGET_DIST, 'image-uploader.js');
const BUILD_TIMEOUT_MS = 240_000;

/** Every file under `widget/dist/`, by path, as its SHA-256. */
function distFiles(): Record<string, string> {
  const files = readdirSync(WIDGET_DIST, { withFileTypes: true, recursive: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(WIDGET_DIST, path), createHash('sha256').update(readFileSync(path)).digest('hex')];
    }),
  );
}

/** `npm run build` of the element as a shell runs it: no NODE_ENV, nothing of vitest's. */
function buildFromShell(): void {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(NODE_ENV|VITEST.*|TEST)$/.test(name)),
  );
  execFileSync('npm', ['run', '--silent', 'build', '--workspace', 'widget'], {
    cwd: root,
    env,
    stdio: 'pipe',
  });
}

describe('ensureWidgetBuild()', () => {
  it(
    'rebuilds a stale widget/dist/ under vitest into the same bytes as `npm run build`',
    () => {
      expect(process.env.NODE_ENV).toBe('test');
      ensureWidgetBuild();
      // Older than every source, as after a `git checkout` that changed the widget.
      utimesSync(script, new Date(0), new Date(0));
      ensureWidgetBuild();
      expect(statSync(script).mtimeMs).toBeGreaterThan(0);
      const underVitest = distFiles();
      expect(Object.keys(underVitest)).toEqual(
        expect.arrayContaining(['image-uploader.js', 'worker-chunk.js', 'i18n/de.js', 'es/index.js']),
      );
      buildFromShell();
      expect(underVitest, 'widget/dist/ as built under vitest differs from `npm run build`').toEqual(
        distFiles(),
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    'leaves a widget/dist/ newer than every source as it is',
    () => {
      ensureWidgetBuild(); // builds only when this test runs alone on a stale tree
      const now = new Date();
      utimesSync(script, now, now);
      const before = statSync(script).mtimeMs;
      ensureWidgetBuild();
      expect(statSync(script).mtimeMs).toBe(before);
    },
    BUILD_TIMEOUT_MS,
  );
});
