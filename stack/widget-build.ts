/**
 * The script-tag page serves the widget's single-file build, `widget/dist/image-uploader.js`: build
 * it (`npm run build`) when it is missing or older than any widget source, so `npm start` and the
 * end-to-end tests work on a fresh clone.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The element package's build folder (`widget/dist/`): what `npm pack` in `widget/` ships. */
export const WIDGET_DIST = join(root, 'widget', 'dist');

/**
 * The export condition under which each workspace package's `exports` name its TypeScript source.
 * The repository resolves it (tsconfig.json `customConditions`, the demo's Vite config), so the
 * demo and the type check use the sources without a build; users never set it and get `dist/`.
 */
export const SOURCE_CONDITION = 'image-uploader-source';

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter(
        (entry) =>
          entry.isFile() &&
          !entry.name.endsWith('.test.ts') &&
          !entry.parentPath.startsWith(WIDGET_DIST) &&
          !entry.parentPath.includes('node_modules'),
      )
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

/**
 * Builds the widget unless `widget/dist/image-uploader.js` is newer than every file under `widget/`.
 * The one build path of the tests, the benchmarks and `npm start`: the element's own `npm run build`,
 * whose output is the same byte for byte from a shell and from inside vitest (stack/widget-build.test.ts).
 */
export function ensureWidgetBuild(): void {
  let built = 0;
  try {
    built = statSync(join(WIDGET_DIST, 'image-uploader.js')).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newestMtime(join(root, 'widget'))) {
    execFileSync('npm', ['run', '--silent', 'build', '--workspace', 'widget'], {
      cwd: root,
      stdio: 'inherit',
      // Under vitest NODE_ENV is `test`, and Vite would then build Lit's development bundle into the
      // script (about 20 KB gzip instead of 16): the size test and the benchmark would read that.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}
